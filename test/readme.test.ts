import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { type Sandbox, startSandbox } from '@mangokit/sandbox';
import { MangoClient } from 'mangokit';

// The root README's quickstart, run exactly as written against a real sandbox with the demo
// office: a callback, the call history of the last 24 hours, and the recordings saved to disk.
const README = fileURLToPath(new URL('../README.md', import.meta.url));

async function quickstart(): Promise<string> {
  const text = await readFile(README, 'utf8');
  const section = text.slice(text.indexOf('## Quickstart'));
  const match = /```ts\n([\s\S]*?)```/.exec(section);
  assert.ok(match, 'README has a ts quickstart block');
  return match[1]!;
}

let sb: Sandbox;
let dir: string;

before(async () => {
  // A manual clock an hour behind the wall clock, so calls made here fall inside "the last 24 hours".
  sb = await startSandbox({ port: 0, clock: 'manual', startMs: Date.now() - 3_600_000 });
  // A consumer project whose node_modules holds this repository's SDK, as an install would.
  dir = await mkdtemp(join(tmpdir(), 'mangokit-root-readme-'));
  await mkdir(join(dir, 'node_modules'));
  await symlink(
    fileURLToPath(new URL('../packages/sdk', import.meta.url)),
    join(dir, 'node_modules/mangokit'),
  );
});

after(async () => {
  await sb.close();
  await rm(dir, { recursive: true, force: true });
});

test('the README quickstart runs as written against the sandbox', async () => {
  const office = sb.engine.office();
  const env = {
    MANGO_API_KEY: office.api_key,
    MANGO_API_SALT: office.api_salt,
    MANGO_BASE_URL: sb.apiBaseUrl,
  };

  // One earlier call that was answered and recorded (employee 101 records every call).
  const client = new MangoClient({
    apiKey: env.MANGO_API_KEY,
    apiSalt: env.MANGO_API_SALT,
    baseUrl: env.MANGO_BASE_URL,
  });
  await client.calls.callback({ from: { extension: '101' }, to_number: '79261234567' });
  for (let i = 0; i < 180; i++) sb.clock.advance(1000);
  const earlier = sb.engine.calls();
  assert.equal(earlier.length, 1, 'the earlier call finished');
  assert.ok(
    earlier[0]!.legs.some((leg) => leg.records.length > 0),
    'the earlier call was recorded',
  );

  // The clock keeps moving while the quickstart runs, so its stats job becomes ready.
  const ticker = setInterval(() => sb.clock.advance(1000), 20);
  try {
    const script = join(dir, 'quickstart.mts');
    await writeFile(script, await quickstart());
    const child = spawn(
      process.execPath,
      ['--conditions=source', '--import', import.meta.resolve('tsx'), script],
      {
        cwd: dir,
        env: { ...process.env, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
    });
    child.stderr.on('data', (c: Buffer) => {
      err += c.toString();
    });
    const status = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    assert.equal(status, 0, `${err}\n${out}`);
    assert.match(out, /callback accepted, command_id [0-9a-f-]{36}/);
    assert.match(out, /→ 79261234567 reason \d{4}/);
    assert.match(out, /saved recording-\S+\.mp3 \d+ bytes/);
  } finally {
    clearInterval(ticker);
  }
  const saved = (await readdir(dir)).filter((f) => f.endsWith('.mp3'));
  assert.ok(saved.length >= 1);
  for (const file of saved) {
    const bytes = await readFile(join(dir, file));
    assert.ok(bytes.length > 1000, `${file} holds audio`);
    const id3 = bytes.subarray(0, 3).toString('latin1') === 'ID3';
    const frameSync = bytes[0] === 0xff && (bytes[1]! & 0xe0) === 0xe0;
    assert.ok(id3 || frameSync, `${file} is an MP3`);
  }
});
