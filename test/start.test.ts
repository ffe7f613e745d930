import assert from 'node:assert/strict';
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';

// The README's first command as a newcomer runs it: `npm start` prints a banner whose next steps
// (`export …`, then `npx mangokit …`) are run here exactly as printed, in a shell at the root of the
// repository, against the sandbox that `npm start` runs.
const ROOT = fileURLToPath(new URL('..', import.meta.url));

let start: ChildProcess;
let banner = '';
let home: string;

before(async () => {
  home = await mkdtemp(join(tmpdir(), 'mangokit-start-'));
  // Its own process group, so the whole chain (npm → sh → node) stops together.
  start = spawn('npm', ['start', '--', '--port', '0'], {
    cwd: ROOT,
    detached: true,
    env: { ...process.env, XDG_CONFIG_HOME: home, HOME: home },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  start.stdout!.on('data', (c: Buffer) => {
    banner += c.toString();
  });
  let err = '';
  start.stderr!.on('data', (c: Buffer) => {
    err += c.toString();
  });
  const deadline = Date.now() + 60_000;
  while (!banner.includes('Ctrl-C to stop.')) {
    assert.ok(
      Date.now() < deadline && start.exitCode === null,
      `npm start printed no banner:\n${banner}\n${err}`,
    );
    await new Promise((r) => setTimeout(r, 100));
  }
});

after(async () => {
  if (start.pid && start.exitCode === null) {
    const exited = new Promise((r) => start.once('exit', r));
    process.kill(-start.pid, 'SIGINT');
    await exited;
  }
  await rm(home, { recursive: true, force: true });
});

test('the npm start banner names the console, the API base and the demo credentials', () => {
  assert.match(banner, /console\s+http:\/\/127\.0\.0\.1:\d+\//);
  assert.match(banner, /API base\s+http:\/\/127\.0\.0\.1:\d+\/vpbx\//);
  assert.match(banner, /api key\s+demokey/);
});

test('the banner’s next steps run as printed: npx mangokit finds the command in the repository', () => {
  const steps = banner
    .slice(banner.indexOf('In another terminal:'))
    .split('\n')
    .slice(1)
    .map((line) => line.trim())
    .filter((line) => line.startsWith('export ') || line.startsWith('npx mangokit '));
  assert.ok(steps.length >= 4, `steps:\n${steps.join('\n')}`);
  assert.ok(
    steps.slice(1).every((s) => s.startsWith('npx mangokit ')),
    'every step after export is npx mangokit',
  );
  const run = spawnSync('bash', ['-e', '-c', steps.join('\n')], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, XDG_CONFIG_HOME: home, HOME: home, MANGO_BASE_URL: '', MANGO_API_KEY: '' },
    timeout: 120_000,
  });
  assert.equal(run.status, 0, `${run.stderr}\n${run.stdout}`);
  // users: the demo office's table; call: the accepted command; trigger: the incoming call.
  assert.match(run.stdout, /EXT\s+NAME/);
  assert.match(run.stdout, /callback: accepted[\s\S]*command_id: [0-9a-f-]{36}/);
  assert.match(run.stdout, /entry_id: \S+/);
});
