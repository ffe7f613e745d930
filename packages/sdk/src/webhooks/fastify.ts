import { receiveBuffered } from './buffered.js';
import { coreOf, type WebhookHandler } from './handler.js';

/** The parts of a Fastify instance the plugin uses (no dependency on fastify itself). */
interface FastifyInstanceLike {
  hasContentTypeParser(type: string): boolean;
  removeContentTypeParser(type: string): void;
  addContentTypeParser(
    type: string,
    options: { parseAs: 'buffer'; bodyLimit: number },
    parser: (request: unknown, body: Buffer, done: (error: Error | null, body?: Buffer) => void) => void,
  ): void;
  all(
    path: string,
    handler: (request: FastifyRequestLike, reply: FastifyReplyLike) => Promise<unknown>,
  ): void;
}

interface FastifyRequestLike {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body?: unknown;
  raw: { socket: { remoteAddress?: string } };
}

interface FastifyReplyLike {
  code(status: number): FastifyReplyLike;
  header(name: string, value: string): FastifyReplyLike;
  send(body: string): FastifyReplyLike;
}

const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data'];

function header(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(',') : value;
}

/**
 * A Fastify plugin serving the handler: `app.register(toFastifyPlugin(handler), { prefix: '/mango' })`
 * with `basePath: '/mango'`. Form bodies are read raw inside the plugin's own scope, so the
 * rest of the application keeps its parsers.
 */
export function toFastifyPlugin(
  handler: WebhookHandler,
): (instance: unknown, options: unknown) => Promise<void> {
  const core = coreOf(handler);
  return async (instance) => {
    const app = instance as FastifyInstanceLike;
    for (const type of FORM_TYPES) {
      if (app.hasContentTypeParser(type)) app.removeContentTypeParser(type);
      app.addContentTypeParser(
        type,
        { parseAs: 'buffer', bodyLimit: core.maxBodyBytes },
        (_req, body, done) => done(null, body),
      );
    }
    const route = async (request: FastifyRequestLike, reply: FastifyReplyLike) => {
      const answer = await receiveBuffered(
        core,
        {
          method: request.method,
          url: request.url,
          contentType: header(request.headers['content-type']),
          contentLength: header(request.headers['content-length']),
          socketIp: request.raw.socket.remoteAddress,
          forwardedFor: header(request.headers['x-forwarded-for']),
        },
        Buffer.isBuffer(request.body) ? request.body : undefined,
      );
      reply.code(answer.status);
      for (const [name, value] of Object.entries(answer.headers)) reply.header(name, value);
      return reply.send(answer.body);
    };
    app.all('/', route);
    app.all('/*', route);
  };
}
