import assert from 'node:assert/strict';
import { mkdir, readdir, readFile, stat, truncate, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Sandbox } from '@mangokit/sandbox';
import { cleanEnv, runCli, startCli, tempDir } from './helpers/cli.js';
import { control, makeRecordedCalls, sandboxEnv, startTestSandbox } from './helpers/sandbox.js';

interface Summary {
  matched: number;
  archived: number;
  downloaded: number;
  skipped: number;
  partial_completed: number;
  failed: number;
  complete: boolean;
  interrupted: boolean;
}

interface ManifestJson {
  complete: boolean;
  recordings: { recording_id: string; file: string; bytes: number; employee: string; direction: string }[];
}

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) out.push(join(entry.parentPath, entry.name).slice(dir.length + 1));
  }
  return out.sort();
}

async function journalLines(dir: string): Promise<number> {
  try {
    return (await readFile(join(dir, '.mangokit-archive.jsonl'), 'utf8')).split('\n').filter(Boolean).length;
  } catch {
    return 0;
  }
}

describe('mangokit archive: interrupted and resumed against a real sandbox (real processes)', () => {
  let sb: Sandbox;
  let dir: { path: string; cleanup: () => Promise<void> };
  let env: Record<string, string>;
  let period: string[];

  before(async () => {
    sb = await startTestSandbox();
    dir = await tempDir();
    env = cleanEnv(join(dir.path, 'xdg'), sandboxEnv(sb));
    await makeRecordedCalls(sb, 3);
    const now = Math.floor(Date.now() / 1000);
    period = ['--from', String(now - 3 * 3600), '--to', String(now + 2 * 86400)];
  });
  after(async () => {
    await sb.close();
    await dir.cleanup();
  });

  it('plans, is killed mid-run, is interrupted again, then completes every file and the manifest', async () => {
    const out = join(dir.path, 'archive');
    const plan = await runCli(['archive', ...period, '--out', out, '--dry-run', '--json'], { env });
    assert.equal(plan.code, 0, plan.stderr);
    const items = (JSON.parse(plan.stdout) as { recordings: { recording_id: string; file: string }[] })
      .recordings;
    assert.equal(items.length, 9, 'three rounds of three recorded calls');
    assert.equal(new Set(items.map((i) => i.file)).size, 9, 'unique names');
    for (const i of items)
      assert.match(
        i.file,
        /^\d{4}-\d\d-\d\d\/\d{8}-\d{6}_(101|102|300)_7926100\d(101|102|300)_[0-9a-f]{8}\.mp3$/,
      );

    // Each download is slowed down so the run can be interrupted in the middle.
    await control(sb, 'faults', { path: 'queries/recording/post', delayMs: 600, times: 0 });

    // Run 1: killed with SIGKILL after two files are journaled (no chance to clean up).
    const first = startCli(['archive', ...period, '--out', out, '--concurrency', '1'], { env });
    const firstExit = new Promise<number | null>((r) => first.on('close', r));
    const deadline = Date.now() + 90_000;
    while ((await journalLines(out)) < 2) {
      assert.ok(Date.now() < deadline, 'run 1 archived two files');
      await new Promise((r) => setTimeout(r, 50));
    }
    first.kill('SIGKILL');
    await firstExit;
    const afterKill = await journalLines(out);
    assert.ok(afterKill >= 2 && afterKill < 9, `killed mid-run (${afterKill} journaled)`);

    // Damage the archive the way crashes do: a partial download and a truncated finished file.
    const journaled = (await readFile(join(out, '.mangokit-archive.jsonl'), 'utf8'))
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { file: string; recording_id: string });
    const notYet = items.find((i) => !journaled.some((j) => j.recording_id === i.recording_id));
    assert.ok(notYet);
    await mkdir(dirname(join(out, notYet.file)), { recursive: true });
    // The partial download is the real file's first bytes, as a killed download leaves them.
    const audio = await fetch(
      `${sb.url}/_sandbox/recordings/${encodeURIComponent(notYet.recording_id)}/audio`,
    );
    assert.equal(audio.status, 200);
    const notYetBytes = Buffer.from(await audio.arrayBuffer());
    await writeFile(join(out, `${notYet.file}.part`), notYetBytes.subarray(0, 1234));
    const truncated = journaled[0]?.file as string;
    await truncate(join(out, truncated), 100);

    // Run 2: a clean Ctrl-C (SIGINT) mid-run exits 130 and leaves an incomplete manifest.
    const second = startCli(['archive', ...period, '--out', out, '--concurrency', '1'], { env });
    let secondErr = '';
    second.stderr?.setEncoding('utf8').on('data', (d: string) => {
      secondErr += d;
    });
    const secondExit = new Promise<number | null>((r) => second.on('close', r));
    const before2 = await journalLines(out);
    const deadline2 = Date.now() + 90_000;
    while ((await journalLines(out)) < before2 + 1) {
      assert.ok(Date.now() < deadline2, 'run 2 archived a file');
      await new Promise((r) => setTimeout(r, 50));
    }
    second.kill('SIGINT');
    assert.equal(await secondExit, 130, secondErr);
    assert.match(secondErr, /Run the same command again to resume/);
    const partialManifest = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8')) as ManifestJson;
    assert.equal(partialManifest.complete, false);

    // Run 3: no faults; everything left is completed, nothing finished is downloaded again.
    await control(sb, 'faults', {}, 'DELETE');
    const third = await runCli(['archive', ...period, '--out', out, '--json'], { env });
    assert.equal(third.code, 0, third.stderr);
    const summary = JSON.parse(third.stdout) as Summary;
    assert.equal(summary.matched, 9);
    assert.equal(summary.archived, 9);
    assert.equal(summary.failed, 0);
    assert.equal(summary.complete, true);
    assert.equal(summary.skipped + summary.downloaded, 9);
    assert.ok(summary.skipped >= 2, `finished files were skipped (${summary.skipped})`);
    assert.ok(summary.downloaded >= 2, 'the truncated file and the .part one were redone');

    const files = await filesUnder(out);
    assert.deepEqual(
      files.filter((f) => f.endsWith('.part') || f.endsWith('.tmp')),
      [],
    );
    assert.deepEqual(
      files.filter((f) => f.endsWith('.mp3')),
      items.map((i) => i.file).sort(),
    );
    // The partial file was completed into exactly the recording's bytes.
    assert.deepEqual(await readFile(join(out, notYet.file)), notYetBytes);
    const manifest = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8')) as ManifestJson;
    assert.equal(manifest.complete, true);
    assert.equal(manifest.recordings.length, 9);
    for (const r of manifest.recordings) {
      const size = (await stat(join(out, r.file))).size;
      assert.equal(size, r.bytes, `${r.file} has its manifest size`);
      assert.ok(size > 1000);
      assert.equal(r.direction, 'outgoing');
    }
    assert.ok((await stat(join(out, truncated))).size > 100, 'the truncated file was downloaded again');
    const csv = (await readFile(join(out, 'manifest.csv'), 'utf8')).trim().split('\n');
    assert.equal(csv.length, 10);
    assert.match(csv[0] ?? '', /^recording_id,file,bytes,start_msk,start_unix,direction,employee,number,/);

    // Run 4: nothing to do.
    const again = await runCli(['archive', ...period, '--out', out], { env });
    assert.equal(again.code, 0);
    assert.match(again.stdout, /archived 9\/9 recording\(s\): 0 downloaded .*9 already there, 0 failed/);
  });

  it('filters by employee, answered calls and minimum talk; rejects bad filters', async () => {
    const out = join(dir.path, 'only-101');
    const r = await runCli(
      ['archive', ...period, '--out', out, '--employee', '101', '--answered', '--min-talk', '5', '--json'],
      { env },
    );
    assert.equal(r.code, 0, r.stderr);
    const manifest = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8')) as ManifestJson;
    assert.equal(manifest.recordings.length, 3);
    assert.ok(manifest.recordings.every((x) => x.employee === '101'));
    const none = await runCli(
      ['archive', ...period, '--out', join(dir.path, 'none'), '--direction', 'incoming', '--json'],
      { env },
    );
    assert.equal((JSON.parse(none.stdout) as Summary).matched, 0);
    const group = await runCli(
      ['archive', ...period, '--out', join(dir.path, 'mgmt'), '--group', '700', '--dry-run', '--json'],
      { env },
    );
    const planned = (JSON.parse(group.stdout) as { recordings: { employee: string }[] }).recordings;
    assert.deepEqual([...new Set(planned.map((p) => p.employee))].sort(), ['101', '300']);
    const bad = await runCli(['archive', ...period, '--out', out, '--direction', 'sideways'], { env });
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--direction must be incoming, outgoing or internal/);
    const noOut = await runCli(['archive', ...period], { env });
    assert.equal(noOut.code, 2);
    assert.match(noOut.stderr, /missing --out/);
  });

  it('the progress line says its units (recordings/s, MB/s), in the language of the locale', async () => {
    const en = await runCli(['archive', ...period, '--out', join(dir.path, 'units-en')], { env });
    assert.equal(en.code, 0, en.stderr);
    const enLast = en.stderr
      .trim()
      .split('\n')
      .filter((l) => l.startsWith('archive ['));
    assert.ok(enLast.length > 0, en.stderr);
    assert.match(enLast.at(-1) ?? '', /\d+\.\d recordings\/s {2}\d+(\.\d)? (B|KB|MB)\/s {2}eta /);
    const ru = await runCli(['archive', ...period, '--out', join(dir.path, 'units-ru')], {
      env: { ...env, LANG: 'ru_RU.UTF-8' },
    });
    assert.equal(ru.code, 0, ru.stderr);
    const ruLast = ru.stderr
      .trim()
      .split('\n')
      .filter((l) => l.startsWith('архив ['));
    assert.match(ruLast.at(-1) ?? '', /\d+,\d записей\/с {2}\d+(,\d)? (Б|КБ|МБ)\/с {2}осталось /);
    assert.match(ru.stdout, /^в архиве 9 из 9: скачано 9/m);
  });
});
