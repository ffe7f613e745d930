import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { flood, toldTooLarge } from '../../sdk/test/support/flood.js';
import { parseEvent, verifyNotification } from 'mangokit';
import { encodeEnvelope, signJson, signNotification } from 'mangokit/protocol';
import { cleanEnv, startCli, tempDir, waitForLine } from './helpers/cli.js';

const CREDS = { apiKey: 'listenkey', apiSalt: 'listensalt' };
const APP_CREDS = { apiKey: 'appkey', apiSalt: 'appsalt' };

const CALL = {
  entry_id: 'ZW50cnkx',
  call_id: 'Y2FsbDE=',
  timestamp: 1795000000,
  seq: 1,
  call_state: 'Appeared',
  location: 'abonent',
  from: { number: '79001234567' },
  to: { extension: '101', number: 'sip:101@demo.mangosip.ru', line_number: '74952150101' },
  dct: { number: '74952150101', type: 1 },
};

interface Received {
  path: string;
  body: string;
}

describe('mangokit listen (real process)', () => {
  let app: Server;
  let appUrl: string;
  const received: Received[] = [];
  let dir: { path: string; cleanup: () => Promise<void> };

  before(async () => {
    dir = await tempDir();
    app = createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8').on('data', (d: string) => {
        body += d;
      });
      req.on('end', () => {
        received.push({ path: req.url ?? '', body });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => app.listen(0, '127.0.0.1', r));
    appUrl = `http://127.0.0.1:${(app.address() as AddressInfo).port}/crm/mango/`;
  });
  after(async () => {
    await new Promise<void>((r) => app.close(() => r()));
    await dir.cleanup();
  });

  it('verifies, prints, rejects bad signatures and forwards re-signed to a local app', async () => {
    const child = startCli(
      [
        'listen',
        '--port',
        '0',
        '--count',
        '2',
        '--forward-to',
        appUrl,
        '--forward-key',
        APP_CREDS.apiKey,
        '--forward-salt',
        APP_CREDS.apiSalt,
      ],
      { env: cleanEnv(dir.path, { MANGO_API_KEY: CREDS.apiKey, MANGO_API_SALT: CREDS.apiSalt }) },
    );
    let stdout = '';
    child.stdout?.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
    });
    const exited = new Promise<number | null>((r) => child.on('close', r));
    try {
      const [, url] = await waitForLine(child.stderr as NodeJS.ReadableStream, /listening on (http:\S+)/);
      const post = (path: string, body: string) =>
        fetch(new URL(path, url), {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body,
        });

      const forged = encodeEnvelope(signNotification({ apiKey: CREDS.apiKey, apiSalt: 'wrong' }, CALL));
      assert.equal((await post('events/call', forged)).status, 401);

      // Spaced JSON as some senders write it: forwarded untouched, re-signed over the same bytes.
      const spaced = JSON.stringify(CALL, null, 1);
      const good = encodeEnvelope({
        vpbx_api_key: CREDS.apiKey,
        sign: signJson(CREDS, spaced),
        json: spaced,
      });
      assert.equal((await post('mango/events/call', good)).status, 200);

      const result = encodeEnvelope(signNotification(CREDS, { command_id: 'cmd-1', result: '1000' }));
      const multipart = new FormData();
      for (const [k, v] of new URLSearchParams(result)) multipart.append(k, v);
      assert.equal(
        (await fetch(new URL('result/callback', url), { method: 'POST', body: multipart })).status,
        200,
      );

      assert.equal(await exited, 0);
    } finally {
      child.kill();
    }
    assert.match(stdout, /✗ events\/call rejected \(bad_signature\)/);
    assert.match(
      stdout,
      /✓ call\.appeared\s+79001234567 → 101 \(sip:101@demo\.mangosip\.ru\) \[abonent\] entry=ZW50cnkx .* line=74952150101 tracking=74952150101\/dynamic/,
    );
    assert.match(stdout, /✓ result\.callback\s+command=cmd-1 result=1000 ok/);
    assert.match(stdout, /forwarded → http:\/\/127\.0\.0\.1:\d+\/crm\/mango\/events\/call 204/);

    assert.deepEqual(
      received.map((r) => r.path),
      ['/crm/mango/events/call', '/crm/mango/result/callback'],
    );
    const form = Object.fromEntries(new URLSearchParams(received[0]?.body ?? ''));
    assert.equal(form.json, JSON.stringify(CALL, null, 1), 'the payload is forwarded byte for byte');
    verifyNotification(APP_CREDS, form);
    assert.throws(() => verifyNotification(CREDS, form));
    const event = parseEvent('events/call', form.json ?? '');
    assert.equal(event.type, 'call');
    assert.equal(event.type === 'call' && event.payload.to.extension, '101');
  });

  it('prints JSON lines with --json and refuses to start without credentials', async () => {
    const noCreds = startCli(['listen', '--port', '0'], { env: cleanEnv(dir.path) });
    let err = '';
    noCreds.stderr?.setEncoding('utf8').on('data', (d: string) => {
      err += d;
    });
    assert.equal(await new Promise((r) => noCreds.on('close', r)), 3);
    assert.match(err, /--skip-verify/);

    const child = startCli(['listen', '--port', '0', '--json', '--count', '1'], {
      env: cleanEnv(dir.path, { MANGO_API_KEY: CREDS.apiKey, MANGO_API_SALT: CREDS.apiSalt }),
    });
    let stdout = '';
    child.stdout?.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
    });
    const exited = new Promise<number | null>((r) => child.on('close', r));
    try {
      const [, url] = await waitForLine(child.stderr as NodeJS.ReadableStream, /listening on (http:\S+)/);
      const body = encodeEnvelope(signNotification(CREDS, { ...CALL, seq: '2', call_state: 'Connected' }));
      const res = await fetch(new URL('events/call', url), {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body,
      });
      assert.equal(res.status, 200);
      assert.equal(await exited, 0);
    } finally {
      child.kill();
    }
    const line = JSON.parse(stdout.trim()) as {
      path: string;
      verified: boolean;
      event: { name: string; payload: { seq: number } };
    };
    assert.equal(line.path, 'events/call');
    assert.equal(line.verified, true);
    assert.equal(line.event.name, 'call.connected');
    assert.equal(line.event.payload.seq, 2);
  });

  it('answers the sender only once the forward succeeded: 503 while the app is down, its own error status, then 200', async () => {
    let mode: 'down' | 'error' | 'up' = 'down';
    const seen: string[] = [];
    const flaky = createServer((req, res) => {
      req.resume().on('end', () => {
        seen.push(req.url ?? '');
        res.writeHead(mode === 'error' ? 500 : 200).end();
      });
    });
    await new Promise<void>((r) => flaky.listen(0, '127.0.0.1', r));
    const port = (flaky.address() as AddressInfo).port;
    // While the app is down its port refuses connections.
    await new Promise<void>((r) => flaky.close(() => r()));
    const child = startCli(
      [
        'listen',
        '--port',
        '0',
        '--forward-to',
        `http://127.0.0.1:${port}/app/`,
        '--forward-key',
        APP_CREDS.apiKey,
        '--forward-salt',
        APP_CREDS.apiSalt,
      ],
      { env: cleanEnv(dir.path, { MANGO_API_KEY: CREDS.apiKey, MANGO_API_SALT: CREDS.apiSalt }) },
    );
    let stdout = '';
    child.stdout?.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
    });
    try {
      const [, url] = await waitForLine(child.stderr as NodeJS.ReadableStream, /listening on (http:\S+)/);
      const body = encodeEnvelope(signNotification(CREDS, CALL));
      const send = () =>
        fetch(new URL('events/call', url), {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body,
        });
      const down = await send();
      assert.equal(down.status, 503, 'a notification the app never got is not acknowledged');
      assert.equal(down.headers.get('retry-after'), '1');
      assert.equal(((await down.json()) as { error: string }).error, 'not_accepted');

      flaky.listen(port, '127.0.0.1');
      await new Promise((r) => flaky.once('listening', r));
      mode = 'error';
      assert.equal((await send()).status, 500, "the app's own error status reaches the sender");
      mode = 'up';
      assert.equal((await send()).status, 200);
      assert.deepEqual(seen, ['/app/events/call', '/app/events/call']);
    } finally {
      child.kill();
      await new Promise<void>((r) => flaky.close(() => r()));
    }
    assert.match(stdout, /forwarded → http:\/\/127\.0\.0\.1:\d+\/app\/events\/call failed: ECONNREFUSED/);
    assert.match(stdout, /✗ events\/call rejected \(not_accepted\)/);
  });

  it('refuses a call event re-posted as DTMF, and closes the connection after 413', async () => {
    const child = startCli(['listen', '--port', '0'], {
      env: cleanEnv(dir.path, { MANGO_API_KEY: CREDS.apiKey, MANGO_API_SALT: CREDS.apiSalt }),
    });
    let stdout = '';
    child.stdout?.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
    });
    try {
      const [, url] = await waitForLine(child.stderr as NodeJS.ReadableStream, /listening on (http:\S+)/);
      const res = await fetch(new URL('crm/events/dtmf', url), {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: encodeEnvelope(signNotification(CREDS, CALL)),
      });
      assert.equal(res.status, 400);
      assert.equal(((await res.json()) as { error: string }).error, 'invalid_payload');

      const result = await flood(Number(new URL(url ?? '').port), {
        path: '/events/call',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      assert.ok(toldTooLarge(result.response), result.response);
      assert.ok(result.written < 32 * 1024 ** 2, `listen took ${result.written} bytes after its 413`);
    } finally {
      child.kill();
    }
    assert.match(stdout, /✗ events\/dtmf rejected \(invalid_payload\): .*"dtmf" is missing/);
    assert.doesNotMatch(stdout, /✓ dtmf/);
  });
});
