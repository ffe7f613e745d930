import type { Outcome, RequestHead, WebhookCore } from './core.js';
import type { WebhookAnswer } from './status.js';

/**
 * Runs the whole receiver on a request whose body a framework has already read (a Buffer, a
 * string, or `undefined` when it read none) and returns the answer to write.
 */
export async function receiveBuffered(
  core: WebhookCore,
  head: RequestHead,
  body: Uint8Array | string | undefined,
): Promise<WebhookAnswer> {
  const decision = core.head(head);
  if (decision.status !== 0) return core.answer(decision as Outcome, head.socketIp);
  const { path } = decision as { path: string };
  const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : (body ?? new Uint8Array(0));
  if (bytes.byteLength > core.maxBodyBytes) return core.answer(core.tooLarge(path), head.socketIp);
  let outcome: Outcome;
  try {
    outcome = await core.receive(path, bytes, head.contentType);
  } catch (error) {
    outcome = core.failure(path, error);
  }
  return core.answer(outcome, head.socketIp);
}
