import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { encodeEnvelope, signJson, signNotification } from 'mangokit/protocol';
import { type NotificationRecord, parseTraffic } from '../src/traffic/format.js';
import { cleanEnv, runCli, startCli, tempDir, waitForLine } from './helpers/cli.js';

const CREDS = { apiKey: 'recordkey', apiSalt: 'recordsalt' };
const CALLER = '79001234567';
const LINE = '74952150101';

const CALL = {
  entry_id: 'ZW50cnkx',
  call_id: 'Y2FsbDE=',
  timestamp: 1795000000,
  seq: 1,
  call_state: 'Appeared',
  location: 'abonent',
  from: { number: CALLER },
  to: { extension: '101', number: 'sip:101@vpbx400215406.mangosip.ru', line_number: LINE },
  dct: { number: LINE, type: 1 },
};
const SUMMARY = {
  entry_id: 'ZW50cnkx',
  call_direction: 1,
  from: { number: CALLER },
  to: { extension: '101', number: 'sip:101@vpbx400215406.mangosip.ru' },
  line_number: LINE,
  create_time: 1795000000,
  forward_time: 1795000001,
  talk_time: 1795000004,
  end_time: 1795000030,
  entry_result: 1,
  disconnect_reason: 1110,
};

/** Runs `mangokit listen --record FILE …` while `send(url)` posts, until it exits after `count`. */
async function recordWith(
  dir: string,
  extra: string[],
  count: number,
  send: (url: string) => Promise<void>,
): Promise<{ code: number | null; stderr: string }> {
  const child = startCli(['listen', '--port', '0', '--count', String(count), ...extra], {
    env: cleanEnv(dir, { MANGO_API_KEY: CREDS.apiKey, MANGO_API_SALT: CREDS.apiSalt }),
  });
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (d: string) => {
    stderr += d;
  });
  const exited = new Promise<number | null>((r) => child.on('close', r));
  try {
    const [, url] = await waitForLine(child.stderr as NodeJS.ReadableStream, /listening on (http:\S+)/);
    await send(url as string);
    return { code: await exited, stderr };
  } finally {
    child.kill();
  }
}

function post(url: string, path: string, body: string | FormData): Promise<Response> {
  return fetch(new URL(path, url), {
    method: 'POST',
    ...(typeof body === 'string' ? { headers: { 'content-type': 'application/x-www-form-urlencoded' } } : {}),
    body,
  });
}

describe('mangokit listen --record (real process)', () => {
  let dir: { path: string; cleanup: () => Promise<void> };
  before(async () => {
    dir = await tempDir();
  });
  after(() => dir.cleanup());

  it('writes every request as received, the sign redacted and the rest of the body byte for byte', async () => {
    const file = join(dir.path, 'plain.jsonl');
    // A spaced json as some senders write it: recorded as those bytes, not a re-serialisation.
    const spaced = JSON.stringify(CALL, null, 1);
    const good = encodeEnvelope({ vpbx_api_key: CREDS.apiKey, sign: signJson(CREDS, spaced), json: spaced });
    const forged = encodeEnvelope(signNotification({ ...CREDS, apiSalt: 'wrong' }, SUMMARY));
    const result = encodeEnvelope(signNotification(CREDS, { command_id: 'cmd-1', result: '1000' }));
    const multipart = new FormData();
    for (const [k, v] of new URLSearchParams(result)) multipart.append(k, v);
    const { code } = await recordWith(dir.path, ['--record', file], 2, async (url) => {
      assert.equal((await post(url, 'crm/mango/events/call?src=pbx', good)).status, 200);
      assert.equal((await post(url, 'events/summary', forged)).status, 401);
      assert.equal((await post(url, 'result/callback', multipart)).status, 200);
    });
    assert.equal(code, 0);
    const text = await readFile(file, 'utf8');
    for (const body of [good, forged, result]) {
      const sign = new URLSearchParams(body).get('sign') as string;
      assert.ok(!text.includes(sign), 'a signature reached the file');
    }
    const traffic = parseTraffic(text);
    assert.equal(traffic.headers.length, 1);
    assert.equal(traffic.headers[0]?.recorder, 'listen');
    assert.equal(traffic.headers[0]?.masked_numbers, false);
    const [call, summary, callback] = traffic.notifications as [
      NotificationRecord,
      NotificationRecord,
      NotificationRecord,
    ];
    assert.deepEqual(
      traffic.notifications.map((n) => [n.path, n.status, n.verified, n.reason]),
      [
        ['events/call', 200, true, undefined],
        ['events/summary', 401, undefined, 'bad_signature'],
        ['result/callback', 200, true, undefined],
      ],
    );
    assert.equal(call.url, '/crm/mango/events/call?src=pbx');
    assert.equal(call.method, 'POST');
    assert.equal(call.headers['content-type'], 'application/x-www-form-urlencoded');
    assert.equal(call.body, good.replace(/sign=[0-9a-f]{64}/, 'sign=redacted-64-hex'));
    assert.equal(call.form?.json, spaced);
    assert.equal(call.form?.sign, 'redacted-64-hex');
    assert.equal(call.form?.vpbx_api_key, CREDS.apiKey);
    assert.equal(summary.form?.json, JSON.stringify(SUMMARY));
    // Multipart keeps its boundaries; the sign part's value is the one thing replaced.
    assert.match(String(callback.headers['content-type']), /^multipart\/form-data; boundary=/);
    assert.match(String(callback.body), /name="sign"\r\n\r\nredacted-64-hex\r\n/);
    assert.equal(callback.form?.json, '{"command_id":"cmd-1","result":"1000"}');
    assert.ok(Date.parse(call.at) <= Date.parse(summary.at));
  });

  it('--mask-numbers: the same number gives the same token in every notification, and no number is left', async () => {
    const file = join(dir.path, 'masked.jsonl');
    await writeFile(file, '');
    const { code, stderr } = await recordWith(
      dir.path,
      ['--record', file, '--mask-numbers', '--mask-key', 'k1'],
      2,
      async (url) => {
        assert.equal(
          (await post(url, 'events/call', encodeEnvelope(signNotification(CREDS, CALL)))).status,
          200,
        );
        assert.equal(
          (await post(url, 'events/summary', encodeEnvelope(signNotification(CREDS, SUMMARY)))).status,
          200,
        );
      },
    );
    assert.equal(code, 0);
    assert.match(stderr, /recording to .*masked\.jsonl \(numbers masked\)/);
    const text = await readFile(file, 'utf8');
    for (const secret of [CALLER, LINE, 'vpbx400215406']) assert.ok(!text.includes(secret), `${secret} left`);
    const [call, summary] = parseTraffic(text).notifications.map((n) => JSON.parse(n.form?.json ?? '{}')) as [
      typeof CALL,
      typeof SUMMARY,
    ];
    assert.match(call.from.number, /^7\d{10}$/);
    assert.equal(summary.from.number, call.from.number, 'a call and its summary still join');
    assert.equal(summary.line_number, call.to.line_number);
    assert.equal(call.dct.number, call.to.line_number);
    assert.match(call.to.number, /^sip:101@h[0-9a-z]+\.mangosip\.ru$/, 'an extension-like SIP user stays');
    assert.equal(call.to.extension, '101');
    assert.equal(call.entry_id, CALL.entry_id);
    assert.equal(call.timestamp, CALL.timestamp, 'times are not numbers to mask');

    // The same key masks the same number alike in another recording (listen and proxy side by side).
    const again = join(dir.path, 'again.jsonl');
    await recordWith(dir.path, ['--record', again, '--mask-numbers', '--mask-key', 'k1'], 1, async (url) => {
      await post(url, 'events/summary', encodeEnvelope(signNotification(CREDS, SUMMARY)));
    });
    const other = JSON.parse(
      parseTraffic(await readFile(again, 'utf8')).notifications[0]?.form?.json ?? '{}',
    );
    assert.equal(other.from.number, call.from.number);
  });

  it('refuses --mask-numbers without --record, and a file it cannot write', async () => {
    const env = cleanEnv(dir.path, { MANGO_API_KEY: CREDS.apiKey, MANGO_API_SALT: CREDS.apiSalt });
    const bare = await runCli(['listen', '--port', '0', '--mask-numbers'], { env });
    assert.equal(bare.code, 2);
    assert.match(bare.stderr, /--mask-numbers and --mask-key apply to a recording/);
    const child = startCli(['listen', '--port', '0', '--record', dir.path], {
      env: cleanEnv(dir.path, { MANGO_API_KEY: CREDS.apiKey, MANGO_API_SALT: CREDS.apiSalt }),
    });
    let stderr = '';
    child.stderr?.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
    });
    assert.equal(await new Promise((r) => child.on('close', r)), 3);
    assert.match(stderr, /cannot record to .*EISDIR/);
  });
});
