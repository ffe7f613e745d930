import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { type GatewayProcess, startGatewayProcess } from './support/gatewayProcess.js';

describe('one gateway per SQLite data directory (real processes)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gw-lockdir-'));
  let first: GatewayProcess | undefined;
  after(async () => {
    await first?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a second gateway with a clear error, and starts after the first is killed -9', async () => {
    first = await startGatewayProcess(['--data-dir', dir, '--log-level', 'error']);
    await assert.rejects(startGatewayProcess(['--data-dir', dir, '--log-level', 'error']), (err: Error) => {
      assert.match(err.message, /exited with 1/);
      assert.match(err.message, /is in use by another gateway \(pid \d+/);
      return true;
    });
    // The first one still serves.
    assert.equal((await fetch(`${first.url}/health`)).status, 200);
    // A crash leaves no stale lock behind: the operating system drops it with the process.
    await first.kill9();
    first = await startGatewayProcess(['--data-dir', dir, '--log-level', 'error']);
    assert.equal((await fetch(`${first.url}/health`)).status, 200);
  });
});
