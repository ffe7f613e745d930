import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  type CallEvent,
  createWebhookHandler,
  MANGO_NOTIFICATION_IPS,
  type MangoEvent,
  MangoValidationError,
} from 'mangokit';
import { signNotification } from 'mangokit/protocol';
import { CALL, checkContract, creds, FORM, OPTIONS, requestFor, signedBody } from './helpers.js';

const BASE = 'https://crm.example';

describe('createWebhookHandler (web Request/Response)', () => {
  it('honours the status contract; subscribers run only for accepted notifications', async () => {
    const handler = createWebhookHandler(OPTIONS);
    let runs = 0;
    handler.onAny(() => {
      runs++;
    });
    await checkContract(
      async (c) => (await handler(requestFor(BASE, c))).status,
      () => runs,
      (a, e, m) => assert.equal(a, e, m),
    );
  });

  it('delivers typed events to the exact name, the type, then onAny', async () => {
    const handler = createWebhookHandler({ ...OPTIONS, awaitHandlers: true });
    const seen: string[] = [];
    handler
      .on('call.appeared', (event) => {
        const e: CallEvent = event;
        seen.push(`appeared:${e.payload.to.extension}`);
      })
      .on('call', (event) => {
        seen.push(`call:${event.payload.call_state}`);
      })
      .on('result.callback', (event) => {
        seen.push(`result:${event.command}:${event.payload.result}`);
      })
      .onAny((event) => {
        seen.push(`any:${event.name}`);
      });
    const post = (path: string, payload: object) =>
      handler(
        new Request(`${BASE}/mango/${path}`, {
          method: 'POST',
          headers: { 'content-type': FORM },
          body: signedBody(payload),
        }),
      );
    assert.equal((await post('events/call', CALL)).status, 200);
    assert.equal((await post('result/callback', { command_id: 'x', result: '1000' })).status, 200);
    assert.deepEqual(seen, [
      'appeared:101',
      'call:Appeared',
      'any:call.appeared',
      'result:callback:1000',
      'any:result.callback',
    ]);
  });

  it('answers before running subscribers by default, and subscriber errors never reach the PBX', async () => {
    const handler = createWebhookHandler({ ...creds });
    const order: string[] = [];
    const errors: unknown[] = [];
    let release!: () => void;
    const done = new Promise<void>((resolve) => {
      release = resolve;
    });
    handler
      .on('call', async () => {
        order.push('subscriber');
        throw new Error('crm is down');
      })
      .onError((error, event) => {
        errors.push([(error as Error).message, event.name]);
        release();
      });
    const response = await handler(
      new Request(`${BASE}/events/call`, {
        method: 'POST',
        headers: { 'content-type': FORM },
        body: signedBody(),
      }),
    );
    order.push(`answered:${response.status}`);
    await done;
    assert.deepEqual(order, ['answered:200', 'subscriber']);
    assert.deepEqual(errors, [['crm is down', 'call.appeared']]);
    assert.equal(await response.text(), 'OK');
  });

  it('with awaitHandlers a failing subscriber makes the answer 503 with Retry-After, and reaches onError', async () => {
    const handler = createWebhookHandler({ ...creds, awaitHandlers: true });
    const errors: string[] = [];
    handler.on('call.appeared', () => {
      throw new Error('sync failure');
    });
    handler.onError((error) => errors.push((error as Error).message));
    const response = await handler(
      new Request(`${BASE}/events/call`, {
        method: 'POST',
        headers: { 'content-type': FORM },
        body: signedBody(),
      }),
    );
    // The PBX must send it again: a 200 would lose the event (the subscriber never handled it).
    assert.equal(response.status, 503);
    assert.equal(response.headers.get('retry-after'), '1');
    assert.deepEqual(await response.json(), {
      error: 'not_accepted',
      message: 'the notification was not accepted; send it again later',
    });
    assert.deepEqual(errors, ['sync failure']);
  });

  it('allow-list: vendor addresses pass, others and unknown peers get 403; trustProxy reads X-Forwarded-For', async () => {
    const handler = createWebhookHandler({ ...creds, allowIps: [...MANGO_NOTIFICATION_IPS, '10.1.0.0/16'] });
    let runs = 0;
    handler.onAny(() => {
      runs++;
    });
    const req = (headers: Record<string, string> = {}) =>
      new Request(`${BASE}/events/call`, {
        method: 'POST',
        headers: { 'content-type': FORM, ...headers },
        body: signedBody(),
      });
    assert.equal((await handler(req(), { ip: '81.88.80.132' })).status, 200);
    assert.equal((await handler(req(), { ip: '::ffff:81.88.82.45' })).status, 200);
    assert.equal((await handler(req(), { ip: '10.1.200.3' })).status, 200);
    assert.equal((await handler(req(), { ip: '81.88.80.34' })).status, 403); // retired (§1.1)
    assert.equal((await handler(req())).status, 403);
    assert.equal(
      (await handler(req({ 'x-forwarded-for': '81.88.80.132' }), { ip: '127.0.0.1' })).status,
      403,
    );
    const proxied = createWebhookHandler({ ...creds, allowIps: MANGO_NOTIFICATION_IPS, trustProxy: true });
    assert.equal(
      (await proxied(req({ 'x-forwarded-for': '81.88.80.132' }), { ip: '127.0.0.1' })).status,
      200,
    );
    // A spoofed left-most entry does not help: the proxy appended the real peer.
    assert.equal(
      (await proxied(req({ 'x-forwarded-for': '81.88.80.132, 203.0.113.9' }), { ip: '127.0.0.1' })).status,
      403,
    );
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(runs, 3);
  });

  it('answers before running subscribers, then delivers every accepted event in arrival order', async () => {
    const handler = createWebhookHandler(creds);
    const seen: number[] = [];
    handler.on('call', (event) => {
      seen.push(event.payload.seq);
    });
    const post = (seq: number) =>
      handler(
        new Request(`${BASE}/events/call`, {
          method: 'POST',
          headers: { 'content-type': FORM },
          body: signedBody({ ...CALL, seq }),
        }),
      );
    const answers = await Promise.all([1, 2, 3, 4, 5].map(post));
    assert.deepEqual(
      answers.map((r) => r.status),
      [200, 200, 200, 200, 200],
    );
    assert.deepEqual(seen, [], 'no subscriber ran before the answers');
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(seen, [1, 2, 3, 4, 5]);
  });

  it('413 for a streamed body without Content-Length', async () => {
    const handler = createWebhookHandler({ ...creds, maxBodyBytes: 1000 });
    const chunk = new TextEncoder().encode('x'.repeat(600));
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(chunk);
        controller.enqueue(chunk);
        controller.close();
      },
    });
    const request = new Request(`${BASE}/events/call`, {
      method: 'POST',
      headers: { 'content-type': FORM },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    assert.equal((await handler(request)).status, 413);
  });

  it('a ping answers 200 and is delivered only when signed', async () => {
    const handler = createWebhookHandler({ ...creds, awaitHandlers: true });
    const pings: MangoEvent[] = [];
    handler.on('ping', (event) => {
      pings.push(event);
    });
    const form = (body: string) =>
      new Request(`${BASE}/ping`, { method: 'POST', headers: { 'content-type': FORM }, body });
    assert.equal((await handler(form('hello'))).status, 200);
    assert.equal((await handler(form(signedBody({})))).status, 200);
    assert.equal(pings.length, 1);
  });

  it('rejects unknown subscription names and missing credentials', () => {
    const handler = createWebhookHandler(creds);
    assert.throws(() => handler.on('call.ringing' as 'call', () => {}), MangoValidationError);
    assert.throws(() => createWebhookHandler({ apiKey: 'k', apiSalt: '' }), MangoValidationError);
  });

  it('acceptUnknownPaths delivers unknown notifications as `unknown`', async () => {
    const handler = createWebhookHandler({ ...creds, acceptUnknownPaths: true, awaitHandlers: true });
    const got: unknown[] = [];
    handler.on('unknown', (event) => {
      got.push([event.path, event.payload]);
    });
    const env = signNotification(creds, { appeal: 1 });
    const body = new URLSearchParams({ ...env }).toString();
    const response = await handler(
      new Request(`${BASE}/events/md/onAppealClose`, {
        method: 'POST',
        headers: { 'content-type': FORM },
        body,
      }),
    );
    assert.equal(response.status, 200);
    assert.deepEqual(got, [['events/md/onAppealClose', { appeal: 1 }]]);
  });
});
