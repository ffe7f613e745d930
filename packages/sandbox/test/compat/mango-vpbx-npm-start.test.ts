import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import express from 'express';
import { readMp3 } from '../../src/media/index.js';

// The unmodified npm client (CommonJS): its API calls through its own URL table, its webhook
// receiver as the Express middleware its README shows.
const require = createRequire(import.meta.url);
const urls = require('mango-vpbx/src/urls') as { base: string };
type Payload = Record<string, unknown>;
const VPBX = require('mango-vpbx') as new (
  key: string,
  salt: string,
) => {
  call(json: Payload): Promise<Payload>;
  users(): Promise<{ success: boolean; users: Array<{ telephony: { extension: string } }> }>;
  stats(json: Payload): Promise<{ success: boolean; stats: string[][] }>;
  recording(json: Payload): Promise<{ success: boolean; file?: string }>;
  events(url: string): {
    all: express.RequestHandler;
    hear(filter: Payload, handler: (e: Payload) => void): void;
  };
};

const ROOT = new URL('../../../../', import.meta.url).pathname;
const TSX = import.meta.resolve('tsx');

/** Starts the sandbox exactly as `npm start` does (the CLI from sources, the demo office), on a free port. */
function npmStart(args: string[]): ChildProcess {
  return spawn(
    process.execPath,
    ['--conditions=source', '--import', TSX, join(ROOT, 'packages/cli/src/bin.ts'), 'sandbox', ...args],
    { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
}

function firstJsonLine(child: ChildProcess): Promise<Payload> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`no JSON line from the sandbox: ${out}${err}`)), 60_000);
    child.stderr!.on('data', (c: Buffer) => {
      err += c.toString();
    });
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line && out.includes('\n')) {
        clearTimeout(timer);
        resolve(JSON.parse(line) as Payload);
      }
    });
    child.on('exit', (code) => reject(new Error(`sandbox exited ${code}: ${err}`)));
  });
}

async function until<T>(what: string, get: () => T | undefined, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = get();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('mango-vpbx 1.6.4, unmodified, against `npm start` (demo office)', () => {
  let child: ChildProcess;
  let receiver: Server;
  let info: Payload;
  let dir: string;
  let originalBase: string;
  const heard: Array<{ event: string; payload: Payload }> = [];

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mangokit-npm-start-'));
    const app = express();
    app.use(express.urlencoded({ extended: false }));
    // The key/salt are not needed by its receiver: it verifies nothing (reference §10).
    const events = new VPBX('', '').events('http://127.0.0.1/mango');
    for (const event of ['call', 'summary', 'recording', 'stats']) {
      events.hear({ event }, (payload) => heard.push({ event, payload }));
    }
    app.use('/mango', events.all);
    receiver = await new Promise<Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    const hook = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/mango/`;
    // A faster clock keeps the real call short; everything else is `npm start`'s default.
    child = npmStart(['--port', '0', '--json', '--webhook', hook, '--speed', '10']);
    info = await firstJsonLine(child);
    originalBase = urls.base;
    urls.base = String(info.api_base_url);
  });
  after(async () => {
    urls.base = originalBase;
    child.kill('SIGTERM');
    receiver.closeAllConnections();
    await new Promise<void>((r) => receiver.close(() => r()));
    await rm(dir, { recursive: true, force: true });
  });

  it('users → call → notifications → history in the right columns → recording download', {
    timeout: 120_000,
  }, async () => {
    const vpbx = new VPBX(String(info.api_key), String(info.api_salt));
    const users = await vpbx.users();
    assert.equal(users.success, true);
    assert.ok(users.users.some((u) => u.telephony.extension === '101'));

    const startedAt = Math.floor(Date.now() / 1000) - 60;
    const placed = await vpbx.call({ from: { extension: '101' }, to_number: '79035550101' });
    assert.equal(placed.success, true, JSON.stringify(placed));

    // Notifications through its Express middleware: the legs, the summary, the recording.
    const summary = await until('events/summary', () => heard.find((h) => h.event === 'summary')?.payload);
    const entryId = String(summary.entry_id);
    const legs = heard.filter((h) => h.event === 'call' && h.payload.entry_id === entryId);
    assert.ok(legs.some((l) => l.payload.call_state === 'Connected'));
    const completed = await until(
      'a completed recording',
      () => heard.find((h) => h.event === 'recording' && h.payload.recording_state === 'Completed')?.payload,
    );
    const recordingId = String(completed.recording_id);
    const legIds = [...new Set(legs.map((l) => String(l.payload.call_id)))];
    assert.equal(legIds.length, 2, 'a callback has two legs');

    const fields =
      'records,start,finish,answer,from_extension,from_number,to_extension,to_number,disconnect_reason,line_number,location,entry_id';
    const stats = await vpbx.stats({
      date_from: String(startedAt),
      date_to: String(startedAt + 86400),
      fields,
    });
    assert.equal(stats.success, true);
    const rows = stats.stats.filter((r) => r[11] === entryId);
    // Two legs, two rows of twelve columns (with `\n` row ends it parsed as one row of 23).
    assert.equal(rows.length, 2, JSON.stringify(stats.stats));
    for (const row of rows) assert.equal(row.length, 12, JSON.stringify(row));
    const withRecording = rows.find((r) => r[0] !== '[]')!;
    assert.equal(withRecording[0], `[${recordingId}]`);
    assert.equal(withRecording[10], 'abonent');
    assert.ok(rows.some((r) => r[7] === '79035550101'));
    // Its stats-ready listener (`result/stat`, a `stats` filter rewritten to `stat`) fired.
    await until('result/stat', () => heard.find((h) => h.event === 'stats')?.payload);

    const downloaded = await vpbx.recording({ recording_id: recordingId, folder: dir });
    assert.equal(downloaded.success, true);
    const mp3 = readMp3(await readFile(downloaded.file!));
    assert.ok(mp3.durationSec > 1, String(mp3.durationSec));
  });
});
