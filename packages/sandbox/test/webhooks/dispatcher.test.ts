import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, test } from 'node:test';
import { WebhookDispatcher } from '../../src/webhooks/dispatcher.js';
import { type Receiver, startReceiver } from '../support/receiver.js';

const creds = { apiKey: 'hookkey01', apiSalt: 'hooksalt01' };
const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

async function receiver(): Promise<Receiver> {
  const r = await startReceiver(creds);
  cleanup.push(() => r.close());
  return r;
}

function dispatcher(urls: string[], extra: Partial<ConstructorParameters<typeof WebhookDispatcher>[0]> = {}) {
  const d = new WebhookDispatcher({ urls, credentials: () => creds, backoffMs: 10, ...extra });
  cleanup.push(() => d.close());
  return d;
}

test('notifications are posted to base + path as signed urlencoded forms the SDK verifies', async () => {
  const r = await receiver();
  const d = dispatcher([r.url.slice(0, -1)]); // a base without its trailing slash still works
  d.send('events/call', { entry_id: 'e&1', call_id: 'c+1', seq: 1, text: 'Привет 100%' });
  d.send('result/callback', { command_id: 'x', result: 1000 });
  await d.idle();
  assert.deepEqual(r.received.map((x) => x.path).sort(), ['events/call', 'result/callback']);
  assert.ok(
    r.received.every((x) => x.verified),
    r.received.map((x) => x.verifyError).join(),
  );
  const call = r.on('events/call')[0]!;
  assert.equal(call.data.entry_id, 'e&1');
  assert.equal(call.data.text, 'Привет 100%');
  assert.equal(call.form.vpbx_api_key, 'hookkey01');
  const log = d.list();
  assert.equal(log.length, 2);
  assert.ok(log.every((x) => x.status === 'delivered' && x.httpStatus === 200 && x.attempts.length === 1));
  assert.ok(!JSON.stringify(log).includes(creds.apiSalt), 'the salt never reaches the log');
});

test('a tampered signature is caught by the receiver (the check can fail)', async () => {
  const r = await receiver();
  const d = new WebhookDispatcher({
    urls: [r.url],
    credentials: () => ({ apiKey: creds.apiKey, apiSalt: 'wrong' }),
  });
  cleanup.push(() => d.close());
  d.send('events/call', { a: 1 });
  await d.idle();
  assert.equal(r.received[0]!.verified, false);
});

test('every base URL gets every notification', async () => {
  const a = await receiver();
  const b = await receiver();
  const d = dispatcher([a.url, b.url]);
  for (let i = 0; i < 20; i++) d.send('events/call', { seq: i });
  await d.idle();
  assert.equal(a.received.length, 20);
  assert.equal(b.received.length, 20);
});

test('failures are retried with backoff and logged per attempt; exhausted retries end as failed', async () => {
  const r = await receiver();
  const d = dispatcher([r.url], { maxRetries: 3 });
  r.failNext(503, 2);
  d.send('events/summary', { entry_id: 'e1' });
  await d.idle();
  const [delivery] = d.list();
  assert.equal(delivery!.status, 'delivered');
  assert.deepEqual(
    delivery!.attempts.map((a) => a.httpStatus),
    [503, 503, 200],
  );
  assert.ok(delivery!.attempts[2]!.at - delivery!.attempts[1]!.at >= 15, 'backoff doubles (10 ms, 20 ms)');
  assert.equal(r.received.length, 1);
  r.failNext(500, 10);
  d.send('events/summary', { entry_id: 'e2' });
  await d.idle();
  const failed = d.list({ status: 'failed' });
  assert.equal(failed.length, 1);
  assert.equal(failed[0]!.attempts.length, 4);
  assert.equal(failed[0]!.error, 'HTTP 500');
});

test('connection errors are logged with their message', async () => {
  const dead = http.createServer();
  await new Promise<void>((resolve) => dead.listen(0, '127.0.0.1', resolve));
  const { port } = dead.address() as AddressInfo;
  await new Promise<void>((resolve) => dead.close(() => resolve()));
  const d = dispatcher([`http://127.0.0.1:${port}/`], { maxRetries: 1 });
  d.send('events/call', {});
  await d.idle();
  const [x] = d.list();
  assert.equal(x!.status, 'failed');
  assert.match(x!.error!, /ECONNREFUSED/);
  // The same in Russian, with the code and the address, for the console.
  assert.equal(x!.error_ru, `соединение отвергнуто (ECONNREFUSED 127.0.0.1:${port})`);
  assert.deepEqual(
    x!.attempts.map((a) => a.error_ru),
    [x!.error_ru, x!.error_ru],
  );
});

test('a target that never answers times out, said in both languages', async () => {
  const silent = http.createServer(() => {
    // never answers
  });
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  cleanup.push(() => {
    silent.closeAllConnections();
    return new Promise<void>((resolve) => silent.close(() => resolve()));
  });
  const { port } = silent.address() as AddressInfo;
  const d = dispatcher([`http://127.0.0.1:${port}/`], { maxRetries: 0, timeoutMs: 200 });
  d.send('events/call', {});
  await d.idle();
  const [x] = d.list();
  assert.equal(x!.status, 'failed');
  assert.equal(x!.error, 'timed out after 200 ms');
  assert.equal(x!.error_ru, 'нет ответа за 200 мс');
  assert.equal(x!.attempts.length, 1);
});

test('replay posts the same signed body again as a new delivery', async () => {
  const r = await receiver();
  const d = dispatcher([r.url]);
  d.send('events/call', { entry_id: 'e9', seq: 3 });
  await d.idle();
  const first = d.list()[0]!;
  const again = d.replay(first.id)!;
  await d.idle();
  assert.equal(again.replayOf, first.id);
  assert.notEqual(again.id, first.id);
  assert.equal(r.received.length, 2);
  assert.equal(r.received[0]!.form.sign, r.received[1]!.form.sign);
  assert.equal(r.received[1]!.verified, true);
  assert.equal(d.replay(99_999), undefined);
});

test('shuffle delivers out of order (the real PBX does not guarantee order)', async () => {
  const r = await receiver();
  const d = dispatcher([r.url], { shuffle: true, shuffleMaxMs: 30 });
  for (let i = 1; i <= 40; i++) d.send('events/call', { seq: i });
  await d.idle();
  const seqs = r.received.map((x) => Number(x.data.seq));
  assert.equal(seqs.length, 40);
  assert.deepEqual(
    [...seqs].sort((a, b) => a - b),
    Array.from({ length: 40 }, (_, i) => i + 1),
  );
  assert.notDeepEqual(
    seqs,
    [...seqs].sort((a, b) => a - b),
    'arrival order differs from sending order',
  );
});

test('setUrls rejects what is not an http(s) URL and keeps the old ones', () => {
  const d = dispatcher(['http://127.0.0.1:1/a/']);
  assert.throws(() => d.setUrls(['ftp://x/']), /not an http/);
  assert.throws(() => d.setUrls(['not a url']));
  assert.deepEqual(d.getUrls(), ['http://127.0.0.1:1/a/']);
});
