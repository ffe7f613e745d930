import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type Sandbox, startSandbox } from '@mangokit/sandbox';
import { MangoClient } from 'mangokit';
import { type Gateway, silentLogger, startGateway } from '../src/index.js';
import { waitFor } from './support/consumer.js';
import { freePort } from './support/postgres.js';

describe('the sandbox PBX posting to the gateway (real engine, clock at 50× speed)', () => {
  let sb: Sandbox;
  let gw: Gateway;
  const dir = mkdtempSync(join(tmpdir(), 'gw-sandbox-'));
  before(async () => {
    const port = await freePort();
    sb = await startSandbox({
      port: 0,
      clock: 'real',
      speed: 50,
      webhookUrl: `http://127.0.0.1:${port}/mango/`,
    });
    gw = await startGateway({
      port,
      host: '127.0.0.1',
      apiKey: sb.office.api_key,
      apiSalt: sb.office.api_salt,
      dataDir: join(dir, 'data'),
      basePath: '/mango/',
      archive: { dir: join(dir, 'archive'), baseUrl: sb.apiBaseUrl, backoffMs: 100 },
      pollMs: 50,
      logger: silentLogger,
    });
  });
  after(async () => {
    await gw?.close();
    await sb?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stores a whole click-to-call, folds it and archives its recording', { timeout: 60_000 }, async () => {
    const client = new MangoClient({
      apiKey: sb.office.api_key,
      apiSalt: sb.office.api_salt,
      baseUrl: sb.apiBaseUrl,
    });
    const placed = await client.calls.callback({ from: { extension: '101' }, to_number: '74957654321' });
    assert.equal(placed.result, 1000);
    await waitFor(() => sb.engine.calls().length > 0, 20_000, 'the call to finish in the sandbox');
    const [call] = sb.engine.calls();
    const entryId = call!.entry_id;
    await waitFor(
      async () => {
        const c = await gw.store.getCall(entryId);
        const recs = await gw.store.recordingsOfCall(entryId);
        return (
          c?.outcome === 'answered' && recs.length > 0 && recs.every((r) => r.archiveStatus === 'archived')
        );
      },
      30_000,
      'the gateway to fold the call and archive its recording',
    );
    const res = await fetch(`${gw.url}/calls/${encodeURIComponent(entryId)}`);
    const body = (await res.json()) as {
      call: { direction: string; employee: string; talk_seconds: number };
      legs: { call_id: string; state: string }[];
      recordings: { file: string }[];
      events: { type: string }[];
    };
    assert.equal(body.call.direction, 'outgoing');
    assert.equal(body.call.employee, '101');
    assert.ok(body.call.talk_seconds > 0);
    assert.equal(body.legs.length, call!.legs.length);
    assert.ok(body.legs.every((l) => l.state === 'Disconnected'));
    assert.ok(body.events.some((e) => e.type === 'summary'));
    for (const r of body.recordings) {
      assert.ok(existsSync(r.file));
      assert.ok(statSync(r.file).size > 0);
    }
  });
});
