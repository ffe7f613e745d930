import type { IncomingMessage, ServerResponse } from 'node:http';

/** Server-sent events to every connected console (`/_sandbox/stream`). */
export class EventStream {
  private readonly clients = new Set<ServerResponse>();
  private ping: NodeJS.Timeout | undefined;
  /** Called when the first client connects (true) or the last one leaves (false). */
  onActiveChange: ((active: boolean) => void) | undefined;

  /** Opens a stream and sends the `hello` event. */
  open(req: IncomingMessage, res: ServerResponse, hello: unknown): void {
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
    });
    res.write(frame('hello', hello));
    this.clients.add(res);
    if (this.clients.size === 1) this.onActiveChange?.(true);
    req.on('close', () => {
      if (this.clients.delete(res) && this.clients.size === 0) this.onActiveChange?.(false);
    });
    if (!this.ping) {
      this.ping = setInterval(() => {
        for (const c of this.clients) c.write(': ping\n\n');
      }, 15_000);
      this.ping.unref();
    }
  }

  /** Whether anyone listens (the engine skips building views otherwise). */
  get active(): boolean {
    return this.clients.size > 0;
  }

  /** Sends one event to every client. */
  broadcast(event: string, data: unknown): void {
    if (this.clients.size === 0) return;
    const text = frame(event, data);
    for (const c of this.clients) c.write(text);
  }

  /** Ends every stream. */
  close(): void {
    if (this.ping) clearInterval(this.ping);
    for (const c of this.clients) c.end();
    this.clients.clear();
  }
}

function frame(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}
