import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { createNodeListener, type NodeWebhookListener } from 'mangokit';
import { checkContract, FORM, listen, OPTIONS, sendCase, signedBody } from './helpers.js';

describe('createNodeListener over a real socket', () => {
  let server: { base: string; close: () => Promise<void> };
  let listener: NodeWebhookListener;
  let runs = 0;
  const events: string[] = [];

  before(async () => {
    listener = createNodeListener(OPTIONS)
      .onAny(() => {
        runs++;
      })
      .on('call.appeared', (event) => {
        events.push(event.payload.entry_id);
      });
    server = await listen(listener);
  });
  after(() => server.close());

  it('honours the status contract; subscribers run only for accepted notifications', async () => {
    await checkContract(
      (c) => sendCase(server.base, c),
      () => runs,
      (a, e, m) => assert.equal(a, e, m),
    );
    assert.ok(events.length >= 2);
  });

  it('keeps a kept-alive socket usable after a 413 and reads bodies split across packets', async () => {
    const body = signedBody();
    const raw = (extra: string, payload: string) =>
      `POST /mango/events/call HTTP/1.1\r\nHost: x\r\nContent-Type: ${FORM}\r\nContent-Length: ${Buffer.byteLength(payload)}${extra}\r\n\r\n`;
    const socket = connect(Number(new URL(server.base).port), '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    let received = '';
    socket.on('data', (d) => {
      received += d.toString();
    });
    // Split head and body over several writes.
    socket.write(raw('', body));
    socket.write(body.slice(0, 100));
    await new Promise((resolve) => setTimeout(resolve, 20));
    socket.write(body.slice(100));
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.match(received, /^HTTP\/1\.1 200 OK/);
    received = '';
    const big = 'x'.repeat(70_000);
    socket.write(raw('', big));
    socket.write(big);
    await new Promise((resolve) => socket.once('close', resolve));
    assert.match(received, /^HTTP\/1\.1 413/);
    assert.match(received, /connection: close/i);
  });

  it('rejects a chunked body that grows past the limit', async () => {
    const response = await fetch(`${server.base}/mango/events/call`, {
      method: 'POST',
      headers: { 'content-type': FORM },
      body: new ReadableStream({
        start(controller) {
          for (let i = 0; i < 10; i++) controller.enqueue(new TextEncoder().encode('y'.repeat(10_000)));
          controller.close();
        },
      }),
      duplex: 'half',
    } as RequestInit);
    assert.equal(response.status, 413);
  });
});
