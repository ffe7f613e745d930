import { connect } from 'node:net';

/** What a flooding client saw. */
export interface FloodResult {
  /** Body bytes the client managed to hand to its socket: an upper bound of what the server read. */
  written: number;
  /** Everything the server sent back before the connection ended. */
  response: string;
  /** Milliseconds from the first byte written until the connection ended. */
  ms: number;
}

/** Options of `flood`. */
export interface FloodOptions {
  path: string;
  /** Extra request headers (e.g. a content type). */
  headers?: Record<string, string>;
  /** Declared Content-Length, or `chunked` to stream without one (default: 2 GiB declared). */
  length?: number | 'chunked';
  /** Stop writing after this many body bytes even if the server keeps reading (default 256 MiB). */
  maxBytes?: number;
  /** Give up waiting for the connection to end this long after the last write (default 5 s). */
  settleMs?: number;
}

/**
 * Posts a huge body over a raw socket on 127.0.0.1, writing as fast as the socket accepts it,
 * until the server closes the connection or `maxBytes` is sent. A server that stops reading
 * after its 413 lets the client write only what the kernel buffers hold; one that drains the
 * body lets it write everything.
 */
export function flood(port: number, options: FloodOptions): Promise<FloodResult> {
  const maxBytes = options.maxBytes ?? 256 * 1024 * 1024;
  const chunked = options.length === 'chunked';
  const head = [
    `POST ${options.path} HTTP/1.1`,
    'Host: 127.0.0.1',
    ...Object.entries(options.headers ?? {}).map(([k, v]) => `${k}: ${v}`),
    chunked ? 'Transfer-Encoding: chunked' : `Content-Length: ${options.length ?? 2 * 1024 ** 3}`,
    '',
    '',
  ].join('\r\n');
  const block = Buffer.alloc(64 * 1024, 'a');
  const chunk = chunked
    ? Buffer.concat([Buffer.from(`${block.length.toString(16)}\r\n`), block, Buffer.from('\r\n')])
    : block;
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let written = 0;
    let response = '';
    let ended = false;
    const started = Date.now();
    let giveUp: NodeJS.Timeout | undefined;
    const finish = () => {
      if (ended) return;
      ended = true;
      clearTimeout(giveUp);
      socket.destroy();
      resolve({ written, response, ms: Date.now() - started });
    };
    socket.on('data', (d: Buffer) => {
      response += d.toString('latin1');
    });
    socket.on('error', finish);
    socket.on('close', finish);
    const pump = () => {
      while (!ended && written < maxBytes) {
        written += block.length;
        if (!socket.write(chunk)) {
          socket.once('drain', pump);
          return;
        }
      }
      if (!ended) giveUp = setTimeout(finish, options.settleMs ?? 5_000);
    };
    socket.once('connect', () => {
      socket.write(head);
      pump();
    });
  });
}

/**
 * What a flooding client may have read: the 413 with `Connection: close`, or nothing when the
 * server's close (a reset, as the client was still sending) reached it before it read the answer.
 */
export function toldTooLarge(response: string): boolean {
  return response === '' || /^HTTP\/1\.1 413 [\s\S]*\r\nconnection: close\r\n/i.test(response);
}

/**
 * Runs `send` back to back until `until` settles; resolves with each call's status and duration.
 * The well-behaved client beside a flood.
 */
export async function meanwhile(
  until: Promise<unknown>,
  send: () => Promise<number>,
): Promise<Array<{ status: number; ms: number }>> {
  const results: Array<{ status: number; ms: number }> = [];
  let done = false;
  const stop = () => {
    done = true;
  };
  until.then(stop, stop);
  do {
    const t = performance.now();
    const status = await send();
    results.push({ status, ms: performance.now() - t });
  } while (!done);
  return results;
}
