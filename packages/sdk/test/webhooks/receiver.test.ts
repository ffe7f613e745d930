import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { after, describe, it } from 'node:test';
import {
  type AcceptedNotification,
  createNodeListener,
  createWebhookHandler,
  MangoValidationError,
  type WebhookRejection,
} from 'mangokit';
import { flood, meanwhile, toldTooLarge } from '../support/flood.js';
import { CALL, creds, FORM, RECORDING, signedBody } from './helpers.js';

const BASE = 'https://crm.example';

function post(path: string, body: string, headers: Record<string, string> = {}): Request {
  return new Request(`${BASE}/${path}`, {
    method: 'POST',
    headers: { 'content-type': FORM, ...headers },
    body,
  });
}

/** A server on `host` port 0 that counts the bytes it read from each connection. */
async function serve(
  listener: Parameters<typeof createServer>[1],
  host = '127.0.0.1',
): Promise<{ port: number; server: Server; bytesRead: () => number; close: () => Promise<void> }> {
  const server = createServer(listener);
  const sockets: Socket[] = [];
  server.on('connection', (s) => sockets.push(s));
  server.listen(0, host);
  await once(server, 'listening');
  return {
    port: (server.address() as AddressInfo).port,
    server,
    bytesRead: () => sockets.reduce((n, s) => n + s.bytesRead, 0),
    close: async () => {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}

async function postTo(
  url: string,
  body: string,
): Promise<{ status: number; headers: Headers; body: string; ms: number }> {
  const t = performance.now();
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': FORM }, body });
  return { status: res.status, headers: res.headers, body: await res.text(), ms: performance.now() - t };
}

describe('failure contract: the acceptance hook', () => {
  it('runs before the answer; its object becomes the JSON body of the 200', async () => {
    const order: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    let entered!: () => void;
    const inHook = new Promise<void>((r) => {
      entered = r;
    });
    const listener = createNodeListener({
      ...creds,
      accept: async (n: AcceptedNotification) => {
        order.push(`accept:${n.path}:${n.event.name}:${n.verified}`);
        entered();
        assert.equal(n.json, JSON.stringify(CALL), 'the raw signed json, byte for byte');
        await gate;
        order.push('stored');
        return { ok: true, id: 7 };
      },
    }).on('call', () => {
      order.push('subscriber');
    });
    const s = await serve(listener);
    try {
      const pending = postTo(`http://127.0.0.1:${s.port}/events/call`, signedBody()).then((r) => {
        order.push(`answered:${r.status}`);
        return r;
      });
      await inHook;
      await new Promise((r) => setTimeout(r, 50));
      assert.deepEqual(order, ['accept:events/call:call.appeared:true'], 'no answer before the hook settles');
      release();
      const r = await pending;
      assert.equal(r.status, 200);
      assert.deepEqual(JSON.parse(r.body), { ok: true, id: 7 });
      await new Promise((r) => setImmediate(r));
      // The subscriber runs after the server wrote the answer; when the client reads it is another race.
      assert.deepEqual(order.slice(0, 2), ['accept:events/call:call.appeared:true', 'stored']);
      assert.deepEqual(order.slice(2).sort(), ['answered:200', 'subscriber']);
    } finally {
      await s.close();
    }
  });

  it('when it fails the PBX gets 503 with Retry-After (or the error’s own status), never 200', async () => {
    const rejections: WebhookRejection[] = [];
    let failWith: unknown;
    let runs = 0;
    const handler = createWebhookHandler({
      ...creds,
      accept: async () => {
        if (failWith !== undefined) throw failWith;
      },
      onRejected: (r) => rejections.push(r),
    }).onAny(() => {
      runs++;
    });

    failWith = new Error('database is down: postgres://gw:secret@db');
    const down = await handler(post('events/call', signedBody()));
    assert.equal(down.status, 503);
    assert.equal(down.headers.get('retry-after'), '1');
    const text = await down.text();
    assert.deepEqual(JSON.parse(text), {
      error: 'not_accepted',
      message: 'the notification was not accepted; send it again later',
    });
    assert.doesNotMatch(text, /secret|postgres/, 'the hook’s error is not echoed to the client');
    assert.equal(rejections[0]?.reason, 'not_accepted');
    assert.equal(rejections[0]?.path, 'events/call');
    assert.equal((rejections[0]!.error as Error).message, 'database is down: postgres://gw:secret@db');

    failWith = Object.assign(new Error('slow down'), { status: 429, retryAfter: 7 });
    const limited = await handler(post('events/call', signedBody()));
    assert.equal(limited.status, 429);
    assert.equal(limited.headers.get('retry-after'), '7');

    failWith = Object.assign(new Error('not for us'), { statusCode: 422 });
    const refused = await handler(post('events/call', signedBody()));
    assert.equal(refused.status, 422);
    assert.equal(refused.headers.get('retry-after'), null);

    // Not an Error at all, and a status outside 4xx/5xx: still 503.
    failWith = { status: 200 };
    assert.equal((await handler(post('events/call', signedBody()))).status, 503);

    await new Promise((r) => setImmediate(r));
    assert.equal(runs, 0, 'subscribers never see a notification that was not accepted');

    failWith = undefined;
    assert.equal((await handler(post('events/call', signedBody()))).status, 200);
    await new Promise((r) => setImmediate(r));
    assert.equal(runs, 1);
  });

  it('an awaited async subscriber that rejects gets 503 from the node:http listener too', async () => {
    const errors: string[] = [];
    const listener = createNodeListener({ ...creds, awaitHandlers: true })
      .on('call.appeared', async () => {
        await new Promise((r) => setTimeout(r, 5));
        throw new Error('crm timeout');
      })
      .on('summary', () => undefined)
      .onError((e) => {
        errors.push((e as Error).message);
      });
    const s = await serve(listener);
    try {
      const r = await postTo(`http://127.0.0.1:${s.port}/events/call`, signedBody());
      assert.equal(r.status, 503);
      assert.equal(r.headers.get('retry-after'), '1');
      assert.deepEqual(errors, ['crm timeout']);
    } finally {
      await s.close();
    }
  });
});

describe('each notification path requires its own payload shape', () => {
  it('a signed events/call body re-posted to events/dtmf is refused with 400 invalid_payload', async () => {
    const rejections: WebhookRejection[] = [];
    let runs = 0;
    const handler = createWebhookHandler({
      ...creds,
      awaitHandlers: true,
      onRejected: (r) => rejections.push(r),
    });
    handler.onAny(() => {
      runs++;
    });
    const response = await handler(post('events/dtmf', signedBody(CALL)));
    assert.equal(response.status, 400);
    const answer = (await response.json()) as { error: string; message: string };
    assert.equal(answer.error, 'invalid_payload');
    assert.match(answer.message, /events\/dtmf: notification field "dtmf" is missing/);
    assert.equal(rejections[0]?.reason, 'invalid_payload');
    const recording = await handler(post('events/record/added', signedBody(RECORDING)));
    assert.equal(recording.status, 400);
    assert.match(((await recording.json()) as { message: string }).message, /recording_state/);
    assert.equal(runs, 0);
    // The real DTMF packet is accepted, digits and all.
    const dtmf = {
      seq: 1,
      dtmf: '12#',
      timestamp: 1700000000,
      call_id: 'C1',
      entry_id: 'E1',
      location: 'ivr',
      initiator: '79001234567',
    };
    handler.on('dtmf', (e) => {
      assert.equal(e.payload.dtmf, '12#');
    });
    assert.equal((await handler(post('events/dtmf', signedBody(dtmf)))).status, 200);
    assert.equal(runs, 1);
  });
});

describe('allowIps: one meaning on every receiver', () => {
  const strict = (allowIps: string[]) => createWebhookHandler({ ...creds, allowIps });
  const from = async (allowIps: string[], ip: string) =>
    (await strict(allowIps)(post('events/call', signedBody()), { ip })).status;

  it('matches single addresses and CIDR ranges, IPv4 and IPv6, IPv4-mapped either way', async () => {
    assert.equal(await from(['127.0.0.0/8'], '127.0.0.1'), 200);
    assert.equal(await from(['127.0.0.0/8'], '::ffff:127.0.0.1'), 200);
    assert.equal(await from(['127.0.0.0/8'], '128.0.0.1'), 403);
    assert.equal(await from(['10.1.0.0/16'], '10.1.255.254'), 200);
    assert.equal(await from(['10.1.0.0/16'], '10.2.0.1'), 403);
    assert.equal(await from(['81.88.80.132'], '::FFFF:81.88.80.132'), 200);
    assert.equal(await from(['::ffff:81.88.80.132'], '81.88.80.132'), 200);
    assert.equal(await from(['::ffff:10.0.0.0/104'], '10.9.8.7'), 200);
    assert.equal(await from(['::1'], '::1'), 200);
    assert.equal(await from(['::1'], '0:0:0:0:0:0:0:1'), 200);
    assert.equal(await from(['::1'], '127.0.0.1'), 403);
    assert.equal(await from(['2001:db8::/32'], '2001:db8:ffff::5'), 200);
    assert.equal(await from(['2001:db8::/32'], '2001:db9::5'), 403);
    assert.equal(await from(['fe80::/10'], 'fe80::1%eth0'), 200);
    assert.equal(await from(['0.0.0.0/0'], '203.0.113.9'), 200);
    assert.equal(await from(['0.0.0.0/0'], '2001:db8::1'), 403, 'an IPv4 range never matches IPv6');
    assert.equal(await from(['127.0.0.1'], 'not-an-address'), 403);
  });

  it('rejects a malformed entry when the receiver is created, not silently at every request', () => {
    for (const entry of [
      '10.0.0.0/33',
      '1.2.3',
      '256.1.1.1',
      'fe80::1::2',
      '::1/129',
      'localhost',
      '10.0.0.0/',
    ]) {
      assert.throws(() => strict([entry]), MangoValidationError, entry);
    }
  });

  it('over real sockets: 127.0.0.0/8 admits 127.0.0.1 on a dual-stack server; ::1 only admits IPv6 loopback', async () => {
    const v4 = await serve(createNodeListener({ ...creds, allowIps: ['127.0.0.0/8'] }), '::');
    const v6 = await serve(createNodeListener({ ...creds, allowIps: ['::1/128'] }), '::');
    try {
      assert.equal((await postTo(`http://127.0.0.1:${v4.port}/events/call`, signedBody())).status, 200);
      assert.equal((await postTo(`http://[::1]:${v4.port}/events/call`, signedBody())).status, 403);
      assert.equal((await postTo(`http://[::1]:${v6.port}/events/call`, signedBody())).status, 200);
      assert.equal((await postTo(`http://127.0.0.1:${v6.port}/events/call`, signedBody())).status, 403);
    } finally {
      await v4.close();
      await v6.close();
    }
  });
});

describe('dedupe: replays are answered 200 and handed on once', () => {
  it('drops a replay (even re-serialised); the default hands every replay on', async () => {
    const seen: number[] = [];
    const accepted: string[] = [];
    const handler = createWebhookHandler({
      ...creds,
      dedupe: true,
      awaitHandlers: true,
      acceptUnknownPaths: true,
      accept: (n) => {
        accepted.push(n.path);
      },
    }).onAny((e) => {
      seen.push(e.type === 'call' ? e.payload.seq : -1);
    });
    const body = signedBody(CALL);
    const reordered = signedBody(Object.fromEntries(Object.entries(CALL).reverse()));
    for (const b of [body, body, reordered])
      assert.equal((await handler(post('events/call', b))).status, 200);
    assert.equal((await handler(post('events/call', signedBody({ ...CALL, seq: 2 })))).status, 200);
    // An unknown notification is identified by its path and raw json.
    const other = signedBody({ appeal: 1 });
    for (const b of [other, other])
      assert.equal((await handler(post('events/md/onAppealClose', b))).status, 200);
    assert.deepEqual(seen, [1, 2, -1]);
    assert.deepEqual(accepted, ['events/call', 'events/call', 'events/md/onAppealClose']);

    const plain = createWebhookHandler({ ...creds, awaitHandlers: true });
    let runs = 0;
    plain.onAny(() => {
      runs++;
    });
    for (const b of [body, body]) await plain(post('events/call', b));
    assert.equal(runs, 2);
  });

  it('does not remember a notification whose acceptance failed, and makes a twin in flight wait', async () => {
    let calls = 0;
    let failures = 1;
    let gate: Promise<void> = Promise.resolve();
    const handler = createWebhookHandler({
      ...creds,
      dedupe: { maxEntries: 100 },
      accept: async () => {
        calls++;
        await gate;
        if (failures > 0) {
          failures--;
          throw new Error('disk full');
        }
      },
    });
    const body = signedBody(CALL);
    assert.equal((await handler(post('events/call', body))).status, 503);
    assert.equal((await handler(post('events/call', body))).status, 200, 'the retry is accepted');
    assert.equal((await handler(post('events/call', body))).status, 200);
    assert.equal(calls, 2, 'the replay after success never reached the hook');

    const twins = async (seq: number) => {
      let release!: () => void;
      gate = new Promise((r) => {
        release = r;
      });
      const twin = signedBody({ ...CALL, seq });
      const both = Promise.all([handler(post('events/call', twin)), handler(post('events/call', twin))]);
      await new Promise((r) => setTimeout(r, 20));
      release();
      return (await both).map((r) => r.status);
    };
    // Two copies at once: one acceptance; the twin answers with its outcome.
    assert.deepEqual(await twins(9), [200, 200]);
    assert.equal(calls, 3);
    // The twin of one that fails is accepted by itself: it is not lost.
    failures = 1;
    assert.deepEqual(await twins(10), [503, 200]);
    assert.equal(calls, 5);
  });

  it('is bounded by maxEntries and ttlMs', async () => {
    let runs = 0;
    const make = (dedupe: { maxEntries?: number; ttlMs?: number }) => {
      const handler = createWebhookHandler({ ...creds, dedupe, awaitHandlers: true });
      handler.onAny(() => {
        runs++;
      });
      return (seq: number) => handler(post('events/call', signedBody({ ...CALL, seq })));
    };
    const small = make({ maxEntries: 2 });
    for (const seq of [1, 2, 3]) await small(seq);
    assert.equal(runs, 3);
    await small(3);
    assert.equal(runs, 3, 'remembered');
    await small(1);
    assert.equal(runs, 4, 'the oldest was forgotten');

    runs = 0;
    const short = make({ ttlMs: 40 });
    await short(1);
    await short(1);
    assert.equal(runs, 1);
    await new Promise((r) => setTimeout(r, 60));
    await short(1);
    assert.equal(runs, 2, 'forgotten after ttlMs');
  });
});

describe('credentials from the environment, as new MangoClient() reads them', () => {
  const saved = { key: process.env.MANGO_API_KEY, salt: process.env.MANGO_API_SALT };
  after(() => {
    for (const [name, value] of [
      ['MANGO_API_KEY', saved.key],
      ['MANGO_API_SALT', saved.salt],
    ] as const) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });

  it('createNodeListener() and createWebhookHandler() read MANGO_API_KEY / MANGO_API_SALT', async () => {
    process.env.MANGO_API_KEY = creds.apiKey;
    process.env.MANGO_API_SALT = creds.apiSalt;
    const s = await serve(createNodeListener({ basePath: '/mango' }));
    try {
      assert.equal((await postTo(`http://127.0.0.1:${s.port}/mango/events/call`, signedBody())).status, 200);
      const forged = signedBody(CALL, { apiKey: creds.apiKey, apiSalt: 'other' });
      assert.equal((await postTo(`http://127.0.0.1:${s.port}/mango/events/call`, forged)).status, 401);
    } finally {
      await s.close();
    }
    assert.equal((await createWebhookHandler()(post('events/call', signedBody()))).status, 200);
    // Explicit options win over the environment.
    assert.equal(
      (await createWebhookHandler({ apiKey: 'otherkey', apiSalt: 'x' })(post('events/call', signedBody())))
        .status,
      401,
    );
    delete process.env.MANGO_API_SALT;
    assert.throws(() => createNodeListener(), /MANGO_API_SALT/);
    delete process.env.MANGO_API_KEY;
    assert.throws(() => createWebhookHandler(), /MANGO_API_KEY/);
  });
});

describe('bounded input', () => {
  it('stops reading after 413 and closes; another client is unaffected', async () => {
    let runs = 0;
    const listener = createNodeListener({ ...creds, maxBodyBytes: 64 * 1024 }).onAny(() => {
      runs++;
    });
    const s = await serve(listener);
    try {
      for (const length of [2 * 1024 ** 3, 'chunked'] as const) {
        const before = s.bytesRead();
        const attack = flood(s.port, { path: '/events/call', headers: { 'content-type': FORM }, length });
        const others = await meanwhile(
          attack,
          async () => (await postTo(`http://127.0.0.1:${s.port}/events/call`, signedBody())).status,
        );
        const result = await attack;
        assert.ok(toldTooLarge(result.response), `${length}: ${result.response}`);
        const read = s.bytesRead() - before;
        assert.ok(
          result.written < 32 * 1024 ** 2,
          `${length}: the client could write ${result.written} bytes`,
        );
        assert.ok(read < 16 * 1024 ** 2, `${length}: the server read ${read} bytes`);
        assert.ok(others.length > 0 && others.every((o) => o.status === 200), JSON.stringify(others));
      }
      await new Promise((r) => setImmediate(r));
      assert.ok(runs > 0);
    } finally {
      await s.close();
    }
  });
});
