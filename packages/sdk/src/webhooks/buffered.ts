import type { NotificationForm } from '../events/verify.js';
import { formKind, MalformedFormError, parseEnvelopeForm } from '../form/index.js';
import type { Outcome, RequestHead, WebhookCore } from './core.js';

/**
 * Runs the whole status contract on a request whose body a framework has already read (a
 * Buffer, a string, or `undefined` when it read none), and delivers the event when accepted.
 */
export async function receiveBuffered(
  core: WebhookCore,
  head: RequestHead,
  body: Uint8Array | string | undefined,
): Promise<Outcome> {
  const decision = core.head(head, formKind);
  if (decision.status !== 0) return { status: decision.status };
  const { path } = decision as { path: string };
  const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : (body ?? new Uint8Array(0));
  if (bytes.byteLength > core.maxBodyBytes) return { status: 413 };
  let form: NotificationForm;
  try {
    form = parseEnvelopeForm(bytes, head.contentType);
  } catch (error) {
    if (error instanceof MalformedFormError) return { status: path === 'ping' ? 200 : 400 };
    throw error;
  }
  const outcome = core.complete(path, form);
  if (outcome.event !== undefined) {
    const pending = core.deliver(outcome.event);
    if (pending) await pending;
  }
  return outcome;
}
