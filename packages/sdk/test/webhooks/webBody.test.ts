import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { getRequestListener } from '@hono/node-server';
import { createNodeListener, createWebhookHandler } from 'mangokit';
import { creds, signedBody } from './helpers.js';

// The web handler reads a body of declared length with the runtime's own reader
// (`arrayBuffer()`) and anything else as a stream cut at the limit; both must answer as the
// Node adapter does. Requests are built by hand (with and without Content-Length) and served
// for real through @hono/node-server and node:http.

const URL_ = 'http://127.0.0.1/events/call';
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

function declared(body: string, length = Buffer.byteLength(body)): Request {
  return new Request(URL_, { method: 'POST', headers: { ...FORM, 'content-length': String(length) }, body });
}

function streamed(body: string): Request {
  const bytes = new TextEncoder().encode(body);
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      for (let at = 0; at < bytes.length; at += 100) controller.enqueue(bytes.subarray(at, at + 100));
      controller.close();
    },
  });
  return new Request(URL_, { method: 'POST', headers: FORM, body: stream, duplex: 'half' } as RequestInit);
}

async function serve(listener: Parameters<typeof import('node:http').createServer>[1]) {
  const { createServer } = await import('node:http');
  const server = createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}/events/call`, close: () => new Promise((r) => server.close(r)) };
}

describe('web handler body reading', () => {
  it('accepts a signed body with and without a declared length, and a path with a query and fragment', async () => {
    const handler = createWebhookHandler({ ...creds });
    assert.equal((await handler(declared(signedBody()))).status, 200);
    assert.equal((await handler(streamed(signedBody()))).status, 200);
    const odd = new Request('http://127.0.0.1:8080/events/call?x=1#frag', {
      method: 'POST',
      headers: FORM,
      body: signedBody(),
    });
    assert.equal((await handler(odd)).status, 200);
  });

  it('413 for a declared length over the limit, and for a body longer than its declared length', async () => {
    const handler = createWebhookHandler({ ...creds, maxBodyBytes: 1000 });
    const big = `${signedBody()}&pad=${'x'.repeat(2000)}`;
    assert.equal((await handler(declared(big))).status, 413);
    // A hand-built Request may declare less than it carries: what was read is held to the limit.
    assert.equal((await handler(declared(big, 10))).status, 413);
    assert.equal((await handler(streamed(big))).status, 413);
    assert.equal((await handler(declared(signedBody()))).status, 200);
  });

  it('answers like the Node adapter over real sockets (through @hono/node-server)', async () => {
    const handler = createWebhookHandler({ ...creds, maxBodyBytes: 1000 });
    const web = await serve(getRequestListener((request) => handler(request)));
    const node = await serve(createNodeListener({ ...creds, maxBodyBytes: 1000 }));
    try {
      const cases: [string, RequestInit][] = [
        ['signed', { method: 'POST', headers: FORM, body: signedBody() }],
        [
          'forged',
          { method: 'POST', headers: FORM, body: signedBody(undefined, { ...creds, apiSalt: 'x' }) },
        ],
        ['too large', { method: 'POST', headers: FORM, body: `json=${'x'.repeat(5000)}` }],
        ['not a form', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'x' }],
        ['GET', { method: 'GET' }],
      ];
      for (const [name, init] of cases) {
        const a = await fetch(web.url, init);
        const b = await fetch(node.url, init);
        assert.equal(a.status, b.status, name);
        assert.deepEqual(await a.text(), await b.text(), name);
      }
    } finally {
      await web.close();
      await node.close();
    }
  });
});
