import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createEnvelope, encodeEnvelope } from 'mangokit/protocol';
import { startSandbox } from '../../src/index.js';

async function status(url: string, init?: RequestInit): Promise<number> {
  const r = await fetch(url, { redirect: 'manual', ...init });
  await r.arrayBuffer();
  return r.status;
}

describe('the control API off loopback (real sockets)', () => {
  it('on 127.0.0.1 needs no token', async () => {
    const sb = await startSandbox({ port: 0 });
    try {
      assert.equal(sb.controlToken, undefined);
      assert.equal(await status(`${sb.url}/_sandbox/state`), 200);
    } finally {
      await sb.close();
    }
  });

  it('on 0.0.0.0 warns, and /_sandbox/ answers nothing without the token; the console gets it through /?token=', async () => {
    const warnings: Array<{ code?: string; message: string }> = [];
    const onWarning = (w: Error & { code?: string }) => warnings.push(w);
    process.on('warning', onWarning);
    const sb = await startSandbox({ port: 0, host: '0.0.0.0' });
    try {
      await new Promise((r) => setImmediate(r));
      assert.ok(
        warnings.some(
          (w) => w.code === 'MANGOKIT_SANDBOX_PUBLIC' && /reachable from other machines/.test(w.message),
        ),
        'a loud warning',
      );
      const token = sb.controlToken!;
      assert.ok(token && token.length >= 20, 'a generated token');
      // Call data and state changes: refused without the token.
      for (const [method, path] of [
        ['GET', '/_sandbox/state'],
        ['GET', '/_sandbox/calls'],
        ['GET', '/_sandbox/history'],
        ['GET', '/_sandbox/requests'],
        ['GET', '/_sandbox/office'],
        ['POST', '/_sandbox/office/reset'],
        ['POST', '/_sandbox/calls'],
        ['GET', '/_sandbox/recordings/x/audio'],
      ] as const) {
        assert.equal(await status(`${sb.url}${path}`, { method }), 401, `${method} ${path}`);
        assert.equal(
          await status(`${sb.url}${path}`, { method, headers: { authorization: 'Bearer wrong' } }),
          401,
        );
      }
      assert.equal(
        await status(`${sb.url}/_sandbox/state`, { headers: { authorization: `bearer ${token}` } }),
        200,
      );
      assert.equal(await status(`${sb.url}/_sandbox/state?token=${token}`), 200);
      // The console: /?token= sets an HttpOnly cookie and drops the token from the address bar.
      const open = await fetch(`${sb.url}/?token=${encodeURIComponent(token)}`, { redirect: 'manual' });
      assert.equal(open.status, 302);
      assert.equal(open.headers.get('location'), '/');
      const cookie = open.headers.get('set-cookie')!;
      assert.match(cookie, /HttpOnly/);
      assert.match(cookie, /SameSite=Strict/);
      assert.equal(
        await status(`${sb.url}/_sandbox/state`, { headers: { cookie: cookie.split(';')[0]! } }),
        200,
      );
      // The vendor API stays signed-only, as production.
      const body = encodeEnvelope(
        createEnvelope({ apiKey: sb.office.api_key, apiSalt: sb.office.api_salt }, {}),
      );
      const balance = await fetch(`${sb.apiBaseUrl}account/balance`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body,
      });
      assert.equal(balance.status, 200);
    } finally {
      process.off('warning', onWarning);
      await sb.close();
    }
  });

  it('takes a given token, on loopback too', async () => {
    const sb = await startSandbox({ port: 0, controlToken: 'my-own-control-token' });
    try {
      assert.equal(sb.controlToken, 'my-own-control-token');
      assert.equal(await status(`${sb.url}/_sandbox/state`), 401);
      assert.equal(
        await status(`${sb.url}/_sandbox/state`, {
          headers: { authorization: 'Bearer my-own-control-token' },
        }),
        200,
      );
    } finally {
      await sb.close();
    }
  });
});
