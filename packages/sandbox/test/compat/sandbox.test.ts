import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createEnvelope, encodeEnvelope } from 'mangokit/protocol';
import { type Sandbox, startSandbox } from '../../src/index.js';
import { readMp3 } from '../../src/media/index.js';

// The unmodified public client (CommonJS), pointed at a real sandbox through its own URL table.
const require = createRequire(import.meta.url);
const urls = require('mango-vpbx/src/urls') as { base: string };
const VPBX = require('mango-vpbx') as new (
  key: string,
  salt: string,
) => {
  call(json: Record<string, unknown>): Promise<Record<string, unknown>>;
  users(
    json?: Record<string, unknown>,
  ): Promise<{ success: boolean; users: Array<{ telephony: { extension: string } }> }>;
  recording(json: Record<string, unknown>): Promise<{ success: boolean; file?: string }>;
};

/** 2026-11-26 11:00 Moscow, a working day. */
const START_MS = Date.UTC(2026, 10, 26, 8, 0, 0);

describe('mango-vpbx against the real sandbox: a callback that really happens', () => {
  let sb: Sandbox;
  let dir: string;
  let originalBase: string;
  before(async () => {
    sb = await startSandbox({
      port: 0,
      clock: 'manual',
      startMs: START_MS,
      lockout: false,
      rateLimits: false,
    });
    originalBase = urls.base;
    urls.base = sb.apiBaseUrl;
    dir = await mkdtemp(join(tmpdir(), 'mangokit-sandbox-compat-'));
  });
  after(async () => {
    urls.base = originalBase;
    await sb.close();
    await rm(dir, { recursive: true, force: true });
  });

  async function post(path: string, params: unknown): Promise<Response> {
    const env = createEnvelope({ apiKey: sb.office.api_key, apiSalt: sb.office.api_salt }, params);
    return fetch(`${sb.apiBaseUrl}${path}`, {
      method: 'POST',
      body: encodeEnvelope(env),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
  }

  it('callback → call in the engine → stats CSV → recording download as a real MP3', {
    timeout: 60_000,
  }, async () => {
    const vpbx = new VPBX(sb.office.api_key, sb.office.api_salt);
    const users = await vpbx.users();
    assert.equal(users.success, true);
    assert.ok(users.users.some((u) => u.telephony.extension === '101'));

    const placed = await vpbx.call({
      command_id: 'compat-1',
      from: { extension: '101' },
      to_number: '74957654321',
    });
    assert.equal(placed.success, true, JSON.stringify(placed));
    // Let the call ring, talk and end on the sandbox clock.
    for (let i = 0; i < 300 && sb.engine.calls().length === 0; i++) sb.clock.advance(1000);
    const [record] = sb.engine.calls();
    assert.ok(record, 'the callback finished within 5 simulated minutes');

    const from = Math.floor(START_MS / 1000);
    const request = await post('stats/request', {
      date_from: from,
      date_to: from + 3600,
      fields: 'entry_id,records,from_extension',
    });
    const { key } = (await request.json()) as { key: string };
    // A small report is ready on the first fetch; rows end with CRLF (reference §9 item 16).
    const csv = await (await post('stats/result', { key })).text();
    assert.ok(csv.endsWith('\r\n'));
    const rows = csv.split('\r\n').filter(Boolean);
    assert.equal(rows.length, record.legs.length);
    for (const row of rows) assert.equal(row.split(';')[0], record.entry_id);

    const recordingId = record.legs.flatMap((l) => l.records)[0];
    assert.ok(recordingId, 'the demo office records employee 101');
    const stored = sb.engine.recording(recordingId)!;
    assert.ok(rows.some((r) => r.includes(recordingId)));
    const downloaded = await vpbx.recording({ recording_id: recordingId, folder: dir });
    assert.equal(downloaded.success, true);
    const info = readMp3(await readFile(downloaded.file!));
    assert.ok(
      Math.abs(info.durationSec - stored.duration_sec) <= 0.036,
      `${info.durationSec} vs ${stored.duration_sec}`,
    );
  });
});
