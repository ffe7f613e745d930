import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { MangoClient } from 'mangokit';
import { type Sandbox, startSandbox } from '../../src/index.js';
import { readMp3 } from '../../src/media/index.js';

async function bytes(stream: AsyncIterable<Uint8Array> | ReadableStream<Uint8Array>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream as AsyncIterable<Uint8Array>) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

describe('the SDK client against the sandbox API (real engine, clock at 50× speed)', () => {
  let sb: Sandbox;
  let client: MangoClient;
  before(async () => {
    sb = await startSandbox({ port: 0, clock: 'real', speed: 50, lockout: true, rateLimits: true });
    client = new MangoClient({
      apiKey: sb.office.api_key,
      apiSalt: sb.office.api_salt,
      baseUrl: sb.apiBaseUrl,
    });
  });
  after(() => sb.close());

  it('callback → stats history and extended stats of that call → recording download', {
    timeout: 60_000,
  }, async () => {
    const from = Math.floor(sb.clock.now());
    const placed = await client.calls.callback({ from: { extension: '101' }, to_number: '74957654321' });
    assert.equal(placed.result, 1000);
    // ≤ 2 simulated minutes = 2.4 s of real time.
    for (let i = 0; i < 100 && sb.engine.calls().length === 0; i++)
      await new Promise((r) => setTimeout(r, 50));
    const [call] = sb.engine.calls();
    assert.ok(call, 'the call finished');

    const rows = [];
    for await (const row of client.stats.history(
      {
        date_from: from - 60,
        date_to: Math.ceil(sb.clock.now()) + 60,
        fields: ['entry_id', 'records', 'answer'],
      },
      { pollIntervalMs: 100 },
    )) {
      rows.push(row);
    }
    assert.equal(rows.length, call.legs.length);
    assert.ok(rows.every((r) => r.entry_id === call.entry_id));
    const recordingId = rows.flatMap((r) => r.records ?? [])[0];
    assert.ok(recordingId, 'the demo office records employee 101');

    const items = [];
    for await (const item of client.stats.calls(
      { start_date: from - 60, end_date: Math.ceil(sb.clock.now()) + 60, limit: 10 },
      { pollIntervalMs: 100 },
    )) {
      items.push(item);
    }
    assert.deepEqual(
      items.map((i) => i.entry_id),
      [call.entry_id],
    );

    const download = await client.recordings.download(recordingId);
    assert.equal(download.contentType, 'audio/mpeg');
    assert.match(download.fileName, /\.mp3$/);
    const info = readMp3(await bytes(download.stream));
    assert.ok(Math.abs(info.durationSec - sb.engine.recording(recordingId)!.duration_sec) <= 0.036);
  });

  it('reads and edits the office through typed resources', async () => {
    const users = await client.users.list({ ext_fields: ['general.user_id', 'groups'] });
    assert.ok(users.users.length > 0);
    const balance = await client.account.balance();
    assert.equal(balance.result, 1000);
    assert.equal(typeof balance.balance, 'number');
    const created = await client.groups.create({ name: 'SDK group', extension: '888' });
    assert.equal(created.result, 1000);
    assert.ok(sb.office.groups.some((g) => g.extension === '888'));
  });
});
