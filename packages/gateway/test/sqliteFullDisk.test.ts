import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { waitFor } from './support/consumer.js';
import { type GatewayProcess, startGatewayProcess } from './support/gatewayProcess.js';
import { callEvent, post, signedBody } from './support/notifications.js';

/** Mounts a small tmpfs (a disk that really fills up); undefined where mounting is not allowed. */
function mountSmallDisk(): string | undefined {
  const dir = mkdtempSync(join(tmpdir(), 'gw-disk-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=6m', 'tmpfs', dir], { stdio: 'ignore' });
    return dir;
  } catch {
    rmSync(dir, { recursive: true, force: true });
    return undefined;
  }
}

/** Writes zeros into `file` until the disk is full. */
function fill(file: string): void {
  const fd = openSync(file, 'w');
  const chunk = Buffer.alloc(64 * 1024);
  try {
    for (;;) writeSync(fd, chunk);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOSPC') throw err;
  } finally {
    closeSync(fd);
  }
}

async function health(url: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const r = await fetch(`${url}/health`);
  return { status: r.status, body: (await r.json()) as Record<string, unknown> };
}

const disk = mountSmallDisk();

describe('SQLite gateway on a full disk (real tmpfs, real process)', {
  skip: disk ? false : 'needs mount (root)',
}, () => {
  let gw: GatewayProcess | undefined;
  const dataDir = join(disk ?? '/nonexistent', 'data');
  const filler = join(disk ?? '/nonexistent', 'filler');
  before(async () => {
    gw = await startGatewayProcess(['--data-dir', dataDir, '--log-level', 'error']);
  });
  after(async () => {
    await gw?.stop();
    if (disk) {
      execFileSync('umount', [disk]);
      rmSync(disk, { recursive: true, force: true });
    }
  });

  it('answers 503, reports "cannot write" on /health, and recovers when space is freed', async () => {
    const url = gw!.url;
    const acked: string[] = [];
    let i = 0;
    const send = async () => {
      const p = callEvent(`disk-${i % 50}`, `disk-leg-${i}`, i + 1, 'Appeared', { pad: 'x'.repeat(2000) });
      i++;
      const r = await post(url, 'events/call', signedBody(p));
      if (r.status === 200) acked.push(JSON.stringify(p));
      return r.status;
    };
    for (let n = 0; n < 20; n++) assert.equal(await send(), 200);
    assert.equal((await health(url)).status, 200);

    fill(filler);
    // The WAL may still have room for a few commits; keep posting until the disk refuses one.
    let status = 200;
    for (let n = 0; n < 2000 && status === 200; n++) status = await send();
    assert.equal(status, 503, 'a notification the disk cannot take is answered 503');
    const down = await health(url);
    assert.equal(down.status, 503, '/health tells the truth while notifications are refused');
    assert.equal(down.body.reason, 'cannot_write');

    rmSync(filler);
    await waitFor(async () => (await health(url)).status === 200, 10_000, '/health after space is freed');
    for (let n = 0; n < 20; n++) assert.equal(await send(), 200);

    await gw!.stop();
    const db = new Database(join(dataDir, 'gateway.db'), { readonly: true });
    try {
      const stored = new Set(
        (db.prepare('SELECT json FROM events').all() as { json: string }[]).map((r) => r.json),
      );
      const lost = acked.filter((j) => !stored.has(j));
      console.log(`# full disk: acknowledged ${acked.length}, stored ${stored.size}, lost ${lost.length}`);
      assert.equal(lost.length, 0);
    } finally {
      db.close();
    }
  });
});
