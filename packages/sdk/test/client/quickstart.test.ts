import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { MangoClient } from 'mangokit';
import { type FakeVpbx, startFakeVpbx } from '../support/fakeVpbx.js';

const KEY = 'testkey123';
const SALT = 'testsalt456';

describe('client quickstart paths against a signing-checking server', () => {
  let fake: FakeVpbx;
  let client: MangoClient;
  let dir: string;
  before(async () => {
    fake = await startFakeVpbx(KEY, SALT);
    client = new MangoClient({ apiKey: KEY, apiSalt: SALT, baseUrl: fake.baseUrl, pollIntervalMs: 5 });
    dir = await mkdtemp(join(tmpdir(), 'mangokit-'));
  });
  after(async () => {
    await fake.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('click-to-call generates a command_id, sends it and returns it', async () => {
    fake.on('commands/callback', () => ({ json: { result: 1000 } }));
    const out = await client.calls.callback({ from: { extension: '101' }, to_number: '74951234567' });
    assert.match(out.command_id, /^[0-9a-f-]{36}$/);
    assert.equal(out.result, 1000);
    const req = fake.requests.at(-1)!;
    assert.equal(req.path, 'commands/callback');
    assert.deepEqual(req.params, {
      from: { extension: '101' },
      to_number: '74951234567',
      command_id: out.command_id,
    });
    assert.deepEqual(fake.problems, []);
  });

  it('signs exactly the reference worked example (§1.2)', async () => {
    fake.on('commands/callback', () => ({ json: { result: '1000' } }));
    const out = await client.calls.callback({
      command_id: 'cb-1',
      from: { extension: '101' },
      to_number: '74951234567',
    });
    assert.equal(out.command_id, 'cb-1');
    assert.equal(out.result, 1000);
    const req = fake.requests.at(-1)!;
    assert.equal(req.json, '{"command_id":"cb-1","from":{"extension":"101"},"to_number":"74951234567"}');
    assert.equal(req.sign, '9f6524031cbc8a57597f6ceb08a2bae616c0b868b5817c6a85bce09e2a60cadd');
    assert.deepEqual(fake.problems, []);
  });

  it('lists users and streams call history rows', async () => {
    fake.on('config/users/request', (r) => ({
      json: { users: [{ general: { name: 'Anna' }, telephony: { extension: r.params.extension ?? '101' } }] },
    }));
    const users = await client.users.list({ extension: '102' });
    assert.equal(users.users[0]?.telephony.extension, '102');

    let polls = 0;
    fake.on('stats/request', () => ({ json: { key: 'k1' } }));
    fake.on('stats/result', (r) => {
      assert.equal(r.params.key, 'k1');
      polls++;
      if (polls < 3) return { status: 204 };
      return {
        body: ['[r1,r2];1700000000;1700000060;1700000005;101;;;74951234567;1110;line;abonent\r\n', '[];17'],
        headers: { 'content-type': 'text/plain' },
      };
    });
    const rows = [];
    for await (const row of client.stats.history({
      date_from: 1_700_000_000,
      date_to: new Date(1_700_086_400_000),
    }))
      rows.push(row);
    assert.equal(polls, 3);
    assert.equal(rows.length, 2);
    assert.deepEqual(rows[0]?.records, ['r1', 'r2']);
    assert.equal(rows[0]?.disconnect_reason, 1110);
    assert.equal(rows[1]?.start, 17);
    const statsReq = fake.requests.find((q) => q.path === 'stats/request')!;
    assert.equal(statsReq.params.date_to, 1_700_086_400);
    assert.deepEqual(fake.problems, []);
  });

  it('downloads a recording through the 302 and saves it', async () => {
    const audio = Buffer.alloc(200_000, 7);
    fake.on('queries/recording/post', (r) => ({
      status: 302,
      headers: { location: `${fake.origin}/files/${String(r.params.recording_id)}` },
    }));
    fake.on('/files/REC1', () => ({
      body: audio,
      headers: { 'content-type': 'audio/mpeg', 'content-disposition': 'attachment; filename="call.mp3"' },
    }));
    const file = join(dir, 'out.mp3');
    const saved = await client.recordings.save('REC1', file);
    assert.equal(saved.bytes, audio.length);
    assert.equal(saved.fileName, 'call.mp3');
    assert.deepEqual(await readFile(file), audio);
    assert.deepEqual(fake.problems, []);
  });
});
