import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Sandbox } from '@mangokit/sandbox';
import { MangoClient } from 'mangokit';
import { type ExchangeRecord, parseTraffic } from '../src/traffic/format.js';
import { cleanEnv, startCli, tempDir, waitForLine } from './helpers/cli.js';
import { control, makeRecordedCalls, startTestSandbox } from './helpers/sandbox.js';

describe('mangokit proxy --record (real process in front of a sandbox)', () => {
  let sb: Sandbox;
  let dir: { path: string; cleanup: () => Promise<void> };
  before(async () => {
    sb = await startTestSandbox();
    dir = await tempDir();
  });
  after(async () => {
    await sb.close();
    await dir.cleanup();
  });

  it('forwards requests unchanged, streams answers back (302 and MP3 included) and records each exchange', async () => {
    await makeRecordedCalls(sb, 1);
    const { recordings } = await control<{ recordings: Array<{ recording_id: string }> }>(
      sb,
      'recordings',
      {},
      'GET',
    );
    const recordingId = recordings[0]?.recording_id as string;
    const file = join(dir.path, 'api.jsonl');
    const child = startCli(
      ['proxy', '--port', '0', '--upstream', sb.url, '--record', file, '--mask-numbers', '--count', '5'],
      { env: cleanEnv(dir.path) },
    );
    const exited = new Promise<number | null>((r) => child.on('close', r));
    let stdout = '';
    child.stdout?.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
    });
    try {
      const [, url] = await waitForLine(child.stderr as NodeJS.ReadableStream, /proxy on (http:\S+)/);
      const client = new MangoClient({
        apiKey: sb.office.api_key,
        apiSalt: sb.office.api_salt,
        baseUrl: `${url}vpbx/`,
        maxRetries: 0,
      });
      const users = await client.users.list();
      assert.ok(users.users.length > 0);
      const ack = await client.calls.callback({ from: { extension: '101' }, to_number: '79261234567' });
      assert.equal(ack.result, 1000);
      // A signature error is forwarded and answered as the upstream answers it.
      const bad = await fetch(`${url}vpbx/account/balance`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: `vpbx_api_key=${sb.office.api_key}&sign=${'0'.repeat(64)}&json=%7B%7D`,
      });
      assert.equal(bad.status, 401);
      const saved = join(dir.path, 'rec.mp3');
      const got = await client.recordings.save(recordingId, saved);
      assert.equal(await exited, 0);
      const direct = new MangoClient({
        apiKey: sb.office.api_key,
        apiSalt: sb.office.api_salt,
        baseUrl: sb.apiBaseUrl,
      });
      await direct.recordings.save(recordingId, join(dir.path, 'direct.mp3'));
      const bytes = await readFile(saved);
      assert.equal(got.bytes, bytes.length);
      assert.ok(bytes.length > 1000);
      assert.deepEqual(
        bytes,
        await readFile(join(dir.path, 'direct.mp3')),
        'the proxy passed the MP3 unchanged',
      );

      const text = await readFile(file, 'utf8');
      assert.ok(
        !/[0-9a-f]{64}/.test(text.replace(/"sha256":"[0-9a-f]{64}"/g, '')),
        'a signature reached the file',
      );
      assert.ok(!text.includes('79261234567'), 'a number was left unmasked');
      const traffic = parseTraffic(text);
      assert.equal(traffic.headers[0]?.recorder, 'proxy');
      assert.equal(traffic.headers[0]?.upstream, new URL(sb.url).href);
      const ex = traffic.exchanges;
      assert.deepEqual(
        ex.map((e) => [e.path, e.response?.status]),
        [
          ['vpbx/config/users/request', 200],
          ['vpbx/commands/callback', 200],
          ['vpbx/account/balance', 401],
          ['vpbx/queries/recording/post', 302],
          [new URL((ex[3]?.response?.headers.location as string) ?? 'http://x/').pathname.slice(1), 200],
        ],
      );
      const [usersEx, callbackEx, , post, download] = ex as [
        ExchangeRecord,
        ExchangeRecord,
        ExchangeRecord,
        ExchangeRecord,
        ExchangeRecord,
      ];
      assert.equal(usersEx.request.form?.sign, 'redacted-64-hex');
      assert.match(String(usersEx.request.body), /sign=redacted-64-hex/);
      assert.ok(JSON.parse(String(usersEx.response?.body)).users.length > 0);
      const callbackParams = JSON.parse(callbackEx.request.form?.json ?? '{}');
      assert.equal(callbackParams.from.extension, '101');
      assert.match(callbackParams.to_number, /^7\d{10}$/);
      assert.notEqual(callbackParams.to_number, '79261234567');
      assert.equal(JSON.parse(String(callbackEx.response?.body)).result, 1000);
      // The recording keeps the upstream's Location; the client was sent through the proxy.
      assert.ok(String(post.response?.headers.location).startsWith(sb.url));
      assert.equal(download.request.url, post.response?.headers.location);
      const body = download.response?.body as { bytes: number; sha256: string; base64?: string };
      assert.equal(body.bytes, bytes.length);
      assert.equal(body.sha256, createHash('sha256').update(bytes).digest('hex'));
      assert.deepEqual(Buffer.from(body.base64 ?? '', 'base64'), bytes);
      assert.match(stdout, /POST \/vpbx\/commands\/callback → 200/);
    } finally {
      child.kill();
    }
  });

  it('answers 502 naming the upstream when it cannot be reached, and records the failure', async () => {
    const file = join(dir.path, 'down.jsonl');
    const child = startCli(
      ['proxy', '--port', '0', '--upstream', 'http://127.0.0.1:9', '--record', file, '--count', '1'],
      { env: cleanEnv(dir.path) },
    );
    const exited = new Promise<number | null>((r) => child.on('close', r));
    try {
      const [, url] = await waitForLine(child.stderr as NodeJS.ReadableStream, /proxy on (http:\S+)/);
      const res = await fetch(`${url}vpbx/account/balance`, { method: 'POST', body: 'json=%7B%7D' });
      assert.equal(res.status, 502);
      assert.match(((await res.json()) as { message: string }).message, /127\.0\.0\.1:9/);
      assert.equal(await exited, 0);
    } finally {
      child.kill();
    }
    const [failed] = parseTraffic(await readFile(file, 'utf8')).exchanges;
    assert.equal(failed?.response, undefined);
    assert.match(String(failed?.error), /ECONNREFUSED/);
  });
});
