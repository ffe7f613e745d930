import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { MangoClient, verifyNotification } from 'mangokit';
import { encodeEnvelope, signJson } from 'mangokit/protocol';
import type {
  ExchangeRecord,
  NotificationRecord,
  RecordedBody,
  TrafficHeader,
} from '../src/traffic/format.js';
import { cleanEnv, runCli, startCli, tempDir, waitForLine } from './helpers/cli.js';

const T0 = Date.parse('2026-12-01T09:00:00.000Z');
const at = (ms: number) => new Date(T0 + ms).toISOString();
const MP3 = Buffer.from([0xff, 0xfb, 0x90, 0x64, ...Array.from({ length: 400 }, (_, i) => i % 256)]);

function notification(
  ms: number,
  path: string,
  json: string,
  extra: Partial<NotificationRecord> = {},
): NotificationRecord {
  return {
    type: 'notification',
    at: at(ms),
    path,
    method: 'POST',
    url: `/crm/${path}`,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: `vpbx_api_key=realkey&sign=redacted-64-hex&json=${encodeURIComponent(json)}`,
    form: { vpbx_api_key: 'realkey', sign: 'redacted-64-hex', json },
    status: 200,
    verified: true,
    ...extra,
  };
}

function exchange(
  ms: number,
  path: string,
  json: string | undefined,
  status: number,
  body: RecordedBody,
  headers: Record<string, string> = {},
  url?: string,
): ExchangeRecord {
  return {
    type: 'exchange',
    at: at(ms),
    path,
    ms: 40,
    request: {
      method: url ? 'GET' : 'POST',
      url: url ?? `/${path}`,
      headers: url ? {} : { 'content-type': 'application/x-www-form-urlencoded' },
      body:
        json === undefined
          ? ''
          : `vpbx_api_key=realkey&sign=redacted-64-hex&json=${encodeURIComponent(json)}`,
      ...(json === undefined ? {} : { form: { vpbx_api_key: 'realkey', sign: 'redacted-64-hex', json } }),
    },
    response: { status, headers: { 'content-type': 'application/json', ...headers }, body },
  };
}

const APPEARED =
  '{"entry_id":"E1","call_id":"C1","timestamp":1795000000,"seq":1,"call_state":"Appeared","location":"ivr","from":{"number":"79001234567"},"to":{"number":"74950000000","line_number":"74950000000"}}';
const GONE =
  '{"entry_id":"E1", "call_id":"C1","timestamp":1795000001,"seq":"2","call_state":"Disconnected","location":"ivr","from":{"number":"79001234567"},"to":{"number":"74950000000","line_number":"74950000000"},"disconnect_reason":1110}';
const SUMMARY =
  '{"entry_id":"E1","call_direction":1,"from":{"number":"79001234567"},"to":{},"line_number":"74950000000","create_time":1795000000,"forward_time":0,"talk_time":0,"end_time":1795000001,"entry_result":0,"disconnect_reason":1110}';
const FILE_URL = 'https://files.example.invalid/rec/abc?token=one';

const RECORDING = [
  {
    type: 'header',
    format: 'mangokit-traffic',
    version: 1,
    recorder: 'listen',
    started_at: at(0),
    masked_numbers: false,
  } satisfies TrafficHeader,
  notification(0, 'events/call', APPEARED),
  notification(600, 'events/call', GONE),
  // A forgery the recorder refused: not from the PBX, not replayed.
  notification(700, 'events/call', APPEARED, { status: 401, reason: 'bad_signature', verified: undefined }),
  notification(1200, 'events/summary', SUMMARY),
  exchange(
    100,
    'vpbx/commands/callback',
    '{"command_id":"cmd-1","from":{"extension":"101"},"to_number":"79001234567"}',
    200,
    '{"result":1000}',
  ),
  exchange(200, 'vpbx/stats/result', '{"key":"K1"}', 204, ''),
  exchange(
    5200,
    'vpbx/stats/result',
    '{"key":"K1"}',
    200,
    '[];1795000000;1795000001;0;;79001234567;;74950000000;1110;74950000000;ivr\r\n',
    { 'content-type': 'text/plain; charset=utf-8' },
  ),
  exchange(6000, 'vpbx/queries/recording/post', '{"recording_id":"R1","action":"download"}', 302, '', {
    location: FILE_URL,
  }),
  exchange(
    6100,
    'rec/abc',
    undefined,
    200,
    { bytes: MP3.length, sha256: 'x', base64: MP3.toString('base64') },
    { 'content-type': 'audio/mpeg' },
    FILE_URL,
  ),
];

describe('mangokit sandbox --replay (real process)', () => {
  let dir: { path: string; cleanup: () => Promise<void> };
  let app: Server;
  let appUrl: string;
  const received: Array<{ path: string; form: Record<string, string>; t: number }> = [];
  before(async () => {
    dir = await tempDir();
    app = createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8').on('data', (d: string) => {
        body += d;
      });
      req.on('end', () => {
        received.push({
          path: req.url ?? '',
          form: Object.fromEntries(new URLSearchParams(body)),
          t: Date.now(),
        });
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((r) => app.listen(0, '127.0.0.1', r));
    appUrl = `http://127.0.0.1:${(app.address() as AddressInfo).port}/crm/`;
  });
  after(async () => {
    await new Promise<void>((r) => app.close(() => r()));
    await dir.cleanup();
  });

  it('re-posts the recorded notifications with their timing, signed by the sandbox, and answers API requests from the recording', async () => {
    const file = join(dir.path, 'recorded.jsonl');
    await writeFile(file, `${RECORDING.map((r) => JSON.stringify(r)).join('\n')}\n`);
    const child = startCli(
      ['sandbox', '--port', '0', '--replay', file, '--webhook', appUrl, '--speed', '2', '--json'],
      {
        env: cleanEnv(dir.path),
      },
    );
    const lines: string[] = [];
    let buffered = '';
    child.stdout?.setEncoding('utf8').on('data', (d: string) => {
      buffered += d;
      const parts = buffered.split('\n');
      buffered = parts.pop() ?? '';
      lines.push(...parts);
    });
    try {
      const [first] = await waitForLine(child.stdout as NodeJS.ReadableStream, /^\{.*"api_base_url".*\}$/m);
      const info = JSON.parse(first) as {
        api_base_url: string;
        api_key: string;
        api_salt: string;
        replay: unknown;
      };
      assert.deepEqual(info.replay, { files: [file], notifications: 4, exchanges: 5 });
      const creds = { apiKey: info.api_key, apiSalt: info.api_salt };
      const client = new MangoClient({ ...creds, baseUrl: info.api_base_url, maxRetries: 0 });

      // A command: matched whatever its command_id.
      assert.equal(
        (await client.calls.callback({ from: { extension: '101' }, to_number: '79001234567' })).result,
        1000,
      );
      // Not in the recording: the nearest recorded request and how it differs.
      const post = (path: string, json: string, sign = signJson(creds, json)) =>
        fetch(new URL(path, info.api_base_url), {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: encodeEnvelope({ vpbx_api_key: creds.apiKey, sign, json }),
        });
      const miss = await post(
        'commands/callback',
        '{"command_id":"x","from":{"extension":"101"},"to_number":"79260000000"}',
      );
      assert.equal(miss.status, 404);
      const missBody = (await miss.json()) as {
        error: string;
        message: string;
        nearest: { path: string; differences: string[] };
      };
      assert.equal(missBody.error, 'not_in_cassette');
      assert.equal(missBody.nearest.path, 'vpbx/commands/callback');
      assert.deepEqual(missBody.nearest.differences, [
        'to_number: recorded "79001234567", got "79260000000"',
      ]);
      const other = await post(
        'commands/sms',
        '{"command_id":"x","text":"hi","from_extension":"101","to_number":"79001234567"}',
      );
      assert.match(
        ((await other.json()) as { message: string }).message,
        /nearest: POST \/vpbx\/commands\/callback/,
      );
      // Signed with other credentials: the API's own 401.
      const forged = await post(
        'commands/callback',
        '{"from":{"extension":"101"},"to_number":"79001234567"}',
        '0'.repeat(64),
      );
      assert.equal(forged.status, 401);
      assert.deepEqual(await forged.json(), { result: 3102 });
      // A polled report: 204, then the CSV, then the CSV again.
      const polls = [];
      for (let i = 0; i < 3; i++) {
        const r = await post('stats/result/', '{"key":"K1"}');
        polls.push([r.status, await r.text()]);
      }
      assert.deepEqual(
        polls.map((p) => p[0]),
        [204, 200, 200],
      );
      assert.match(String(polls[1]?.[1]), /;1110;74950000000;ivr\r\n$/);
      // The recording download: the 302 and the file come from the recording, offline.
      const saved = join(dir.path, 'rec.mp3');
      await client.recordings.save('R1', saved);
      assert.deepEqual(await readFile(saved), MP3);

      // The notifications, as recorded, in order, re-signed with the sandbox's credentials.
      const deadline = Date.now() + 20_000;
      while (received.length < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      assert.deepEqual(
        received.map((r) => r.path),
        ['/crm/events/call', '/crm/events/call', '/crm/events/summary'],
      );
      assert.deepEqual(
        received.map((r) => r.form.json),
        [APPEARED, GONE, SUMMARY],
      );
      for (const r of received) verifyNotification(creds, r.form);
      // Recorded 1.2 s apart at ×2: at least 0.45 s between the first and the last.
      assert.ok((received[2]?.t ?? 0) - (received[0]?.t ?? 0) >= 450, 'the recorded pacing was kept');
      await waitForLine(child.stdout as NodeJS.ReadableStream, /"replay_done"/).catch(() => undefined);
    } finally {
      child.kill('SIGINT');
    }
    await new Promise((r) => child.on('close', r));
    const events = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.ok(events.some((e) => (e.replay_done as { notifications?: number })?.notifications === 3));
    assert.ok(events.some((e) => (e.cassette as { miss?: string })?.miss?.includes('79260000000')));
  });

  it('tells a person what it replays, in Russian under a Russian locale', async () => {
    const file = join(dir.path, 'recorded-ru.jsonl');
    await writeFile(file, `${RECORDING.map((r) => JSON.stringify(r)).join('\n')}\n`);
    // A second webhook nobody listens on: its failure is told in Russian.
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const deadUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/gone/`;
    await new Promise<void>((r) => closed.close(() => r()));
    const child = startCli(
      [
        'sandbox',
        '--port',
        '0',
        '--replay',
        file,
        '--webhook',
        appUrl,
        '--webhook',
        deadUrl,
        '--speed',
        'max',
      ],
      {
        env: cleanEnv(dir.path, { LANG: 'ru_RU.UTF-8' }),
      },
    );
    let stderr = '';
    child.stderr?.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
    });
    try {
      await waitForLine(
        child.stderr as NodeJS.ReadableStream,
        /^повтор: отправлено 3 уведомления, не доставлено 3/m,
      );
      assert.match(
        stderr,
        /^повтор: 3 уведомления → http:\/\/127\.0\.0\.1:\d+\/crm\/, http:\/\/127\.0\.0\.1:\d+\/gone\/, без пауз; на запросы к API отвечают \d+ записанн/m,
      );
      assert.match(
        stderr,
        /^ {2}\+\d+\.\ds \/?events\/call → 200, не доставлено \(соединение отвергнуто \(ECONNREFUSED/m,
      );
      assert.match(stderr, /записанные обмены отвечают на запросы до Ctrl-C$/m);
      child.kill('SIGINT');
    } finally {
      child.kill('SIGKILL');
    }
    const broken = join(dir.path, 'broken-ru.jsonl');
    await writeFile(
      broken,
      `${JSON.stringify(RECORDING[0])}\n{"type":"notification","path":"events/call"}\n`,
    );
    const bad = await runCli(['sandbox', '--port', '0', '--replay', broken], {
      env: cleanEnv(dir.path, { LANG: 'ru_RU.UTF-8' }),
    });
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /^ошибка: \S*broken-ru\.jsonl — не файл обмена: line 2: /m);
    assert.match(bad.stderr, /^подсказка: Запишите его командой `mangokit listen --record FILE`/m);
  });

  it('says which line of a file is not a traffic file', async () => {
    const file = join(dir.path, 'broken.jsonl');
    await writeFile(file, `${JSON.stringify(RECORDING[0])}\n{"type":"notification","path":"events/call"}\n`);
    const child = startCli(['sandbox', '--port', '0', '--replay', file], { env: cleanEnv(dir.path) });
    let stderr = '';
    child.stderr?.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
    });
    assert.equal(await new Promise((r) => child.on('close', r)), 2);
    assert.match(stderr, /broken\.jsonl is not a traffic file: line 2: "at" must be an ISO 8601 time/);
  });
});
