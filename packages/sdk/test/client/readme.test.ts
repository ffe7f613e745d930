import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { type FakeVpbx, startFakeVpbx } from '../support/fakeVpbx.js';

const README = fileURLToPath(new URL('../../README.md', import.meta.url));
const SDK_ENTRY = fileURLToPath(new URL('../../src/index.ts', import.meta.url));
const KEY = 'readmekey';
const SALT = 'readmesalt';

/** The quickstart block of the README, exactly as written. */
async function quickstart(): Promise<string> {
  const text = await readFile(README, 'utf8');
  const section = text.slice(text.indexOf('## Quickstart'));
  const match = /```ts\n([\s\S]*?)```/.exec(section);
  assert.ok(match, 'README has a ts quickstart block');
  return match[1]!;
}

describe('README quickstart runs as written', () => {
  let fake: FakeVpbx;
  let dir: string;
  before(async () => {
    fake = await startFakeVpbx(KEY, SALT);
    dir = await mkdtemp(join(tmpdir(), 'mangokit-readme-'));
  });
  after(async () => {
    await fake.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('places a callback, streams history and saves the recordings', async () => {
    fake.on('commands/callback', () => ({ json: { result: 1000 } }));
    fake.on('stats/request', () => ({ json: { key: 'readme-key' } }));
    fake.on('stats/result', () => ({
      body:
        '[MToxOTk=,R/2];1767225600;1767225700;1767225605;101;;;74951234567;1110;74950000000;abonent\r\n' +
        '[];1767225800;1767225830;0;;79161234567;102;;1111;74950000000;ivr\r\n',
      headers: { 'content-type': 'text/plain' },
    }));
    fake.on('queries/recording/post', (r) => ({
      status: 302,
      headers: { location: `/files/${encodeURIComponent(String(r.params.recording_id))}` },
    }));
    for (const id of ['MToxOTk=', 'R/2']) {
      fake.on(`/files/${encodeURIComponent(id)}`, () => ({
        body: Buffer.from(`mp3 of ${id}`),
        headers: { 'content-type': 'audio/mpeg' },
      }));
    }
    const code = (await quickstart()).replace("from 'mangokit'", `from ${JSON.stringify(SDK_ENTRY)}`);
    const script = join(dir, 'quickstart.mts'); // an ESM module, as in a "type": "module" project
    await writeFile(script, code);
    // The script lives in a temp folder: name the tsx loader by URL, not by package name.
    const tsx = import.meta.resolve('tsx');
    const child = spawn(process.execPath, ['--conditions=source', '--import', tsx, script], {
      cwd: dir,
      env: { ...process.env, MANGO_API_KEY: KEY, MANGO_API_SALT: SALT, MANGO_BASE_URL: fake.baseUrl },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
    });
    child.stderr.on('data', (c: Buffer) => {
      err += c.toString();
    });
    const status = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    assert.equal(status, 0, err);
    assert.match(out, /callback accepted, command_id [0-9a-f-]{36}/);
    assert.match(out, /1767225600 {2}→ 74951234567 reason 1110/);
    assert.match(out, /saved recording-MToxOTk_\.mp3 \d+ bytes/);
    const files = (await readdir(dir)).filter((f) => f.endsWith('.mp3')).sort();
    assert.deepEqual(files, ['recording-MToxOTk_.mp3', 'recording-R_2.mp3']);
    assert.equal(await readFile(join(dir, 'recording-R_2.mp3'), 'utf8'), 'mp3 of R/2');
    assert.deepEqual(fake.problems, []);
  });
});
