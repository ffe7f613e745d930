import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { readMp3 } from '../../src/media/index.js';
import { API_KEY, API_SALT, call, startApi, T0, type TestApi } from '../api/harness.js';

// The unmodified public client (CommonJS), pointed at the sandbox through its own URL table.
const require = createRequire(import.meta.url);
const urls = require('mango-vpbx/src/urls') as { base: string };
const VPBX = require('mango-vpbx') as new (
  key: string,
  salt: string,
) => {
  call(json: Record<string, unknown>): Promise<Record<string, unknown>>;
  callGroup(json: Record<string, unknown>): Promise<Record<string, unknown>>;
  hangup(json: Record<string, unknown>): Promise<Record<string, unknown>>;
  sms(json: Record<string, unknown>): Promise<Record<string, unknown>>;
  route(json: Record<string, unknown>): Promise<Record<string, unknown>>;
  transfer(json: Record<string, unknown>): Promise<Record<string, unknown>>;
  recordingStart(json: Record<string, unknown>): Promise<Record<string, unknown>>;
  users(
    json?: Record<string, unknown>,
  ): Promise<{ success: boolean; users: Array<{ general: { name: string } }> }>;
  stats(json: Record<string, unknown>): Promise<{ success: boolean; stats: string[][] }>;
  recording(json: Record<string, unknown>): Promise<{ success: boolean; file?: string; link?: string }>;
  dctUserInfo(json: Record<string, unknown>): Promise<{ success: boolean; dctUserInfo: unknown }>;
};

const RECORDING = 'MToxMDA2OjE0NTY3ODk=';

describe('mango-vpbx 1.6.4 (unmodified) against the sandbox', () => {
  let api: TestApi;
  let dir: string;
  let originalBase: string;
  before(async () => {
    api = await startApi();
    api.engine.finished.push(
      call({
        entry_id: 'E1',
        call_direction: 2,
        from: { extension: '101' },
        to: { number: '74957654321' },
        create_time: T0 + 10,
        talk_time: T0 + 20,
        end_time: T0 + 50,
        legs: [
          {
            entry_id: 'E1',
            call_id: 'C1',
            records: [RECORDING],
            start: T0 + 10,
            finish: T0 + 50,
            answer: T0 + 20,
            from_extension: '101',
            from_number: '74951110000',
            to_number: '74957654321',
            disconnect_reason: 1110,
            line_number: '74951110000',
            location: 'abonent',
            create: T0 + 10,
            user_ids: [1],
          },
        ],
      }),
    );
    api.engine.recordings.set(RECORDING, {
      recording_id: RECORDING,
      entry_id: 'E1',
      call_id: 'C1',
      extension: '101',
      started_at: T0 + 20,
      completed_at: T0 + 50,
      duration_sec: 30,
    });
    api.engine.clock = T0 + 100;
    // mango-vpbx polls stats with real 5 s sleeps.
    api.engine.runRealtime();
    originalBase = urls.base;
    urls.base = `${api.url}/vpbx/`;
    dir = await mkdtemp(join(tmpdir(), 'mangokit-compat-'));
  });
  after(async () => {
    urls.base = originalBase;
    await api.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('places a callback (multipart envelope) and the engine receives it', async () => {
    const res = await new VPBX(API_KEY, API_SALT).call({
      from: { extension: '101' },
      to_number: '74957654321',
    });
    assert.equal(res.success, true);
    assert.equal(res.result, 1000);
    const sent = api.engine.commands.at(-1)!;
    assert.equal(sent.name, 'callback');
    assert.deepEqual(sent.params.from, { extension: '101' });
    assert.match(String(sent.params.command_id), /^cmd-\d+$/);
  });

  it('sees a refused callback as a failure with the vendor code', async () => {
    const res = await new VPBX(API_KEY, API_SALT).call({
      from: { extension: '999' },
      to_number: '74957654321',
    });
    assert.equal(res.success, false);
    assert.equal(res.result, 3330);
  });

  it('runs the other commands', async () => {
    const vpbx = new VPBX(API_KEY, API_SALT);
    const results = [
      await vpbx.callGroup({ from: '500', to: '79031112233', line_number: '74951110000' }),
      await vpbx.hangup({ call_id: 'C1' }),
      await vpbx.sms({ text: 'hi', from_extension: '101', to_number: '79031112233' }),
      await vpbx.route({ call_id: 'C1', to_number: '102' }),
      await vpbx.transfer({ call_id: 'C1', method: 'blind', to_number: '102', initiator: '101' }),
      await vpbx.recordingStart({ call_id: 'C1', call_party_number: '101' }),
    ];
    assert.deepEqual(
      results.map((r) => r.success),
      [true, true, true, true, true, true],
    );
    assert.deepEqual(
      api.engine.commands.slice(-6).map((c) => c.name),
      ['callback_group', 'call/hangup', 'sms', 'route', 'transfer', 'recording/start'],
    );
  });

  it('reads users', async () => {
    const res = await new VPBX(API_KEY, API_SALT).users();
    assert.equal(res.success, true);
    assert.deepEqual(
      res.users.map((u) => u.general.name),
      ['Анна Петрова', 'Борис Иванов', 'Без номера'],
    );
  });

  it('fails cleanly with a wrong salt (401)', async () => {
    const res = (await new VPBX(API_KEY, 'wrong').users()) as unknown as { success: boolean; code: number };
    assert.equal(res.success, false);
    assert.equal(res.code, 401);
  });

  it('reads stats: request, then the CSV (ready on the first fetch)', { timeout: 30_000 }, async () => {
    const res = await new VPBX(API_KEY, API_SALT).stats({
      date_from: String(T0),
      date_to: String(T0 + 3600),
      fields: 'records, start, finish, entry_id, from_extension, to_number',
    });
    assert.equal(res.success, true);
    assert.deepEqual(res.stats, [
      [`[${RECORDING}]`, String(T0 + 10), String(T0 + 50), 'E1', '101', '74957654321'],
    ]);
  });

  it('downloads a recording through queries/recording/post and its one-time link', async () => {
    const res = await new VPBX(API_KEY, API_SALT).recording({ recording_id: RECORDING, folder: dir });
    assert.equal(res.success, true);
    assert.ok(res.file);
    // The file name comes from Content-Disposition.
    assert.match(basename(res.file), /^[A-Za-z0-9_-]+\.mp3$/);
    const info = readMp3(await readFile(res.file));
    assert.ok(Math.abs(info.durationSec - 30) <= 0.036);
  });

  it('builds a signed recording link the sandbox honours', async () => {
    const res = await new VPBX(API_KEY, API_SALT).recording({
      recording_id: RECORDING,
      expires: new Date((T0 + 7200) * 1000).toISOString(),
    });
    assert.ok(res.link?.startsWith(`${api.url}/vpbx/queries/recording/link/`));
    const redirect = await fetch(res.link!, { redirect: 'manual' });
    assert.equal(redirect.status, 302);
    const file = await fetch(redirect.headers.get('location')!);
    assert.equal(file.headers.get('content-type'), 'audio/mpeg');
    assert.ok(readMp3(Buffer.from(await file.arrayBuffer())).frames.length > 0);
  });

  it('reads DCT visitor info', async () => {
    const res = await new VPBX(API_KEY, API_SALT).dctUserInfo({ number: '74951112233' });
    assert.equal(res.success, true);
    assert.deepEqual(res.dctUserInfo, {});
  });
});
