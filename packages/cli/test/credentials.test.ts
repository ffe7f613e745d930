import assert from 'node:assert/strict';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { cleanEnv, runCli, tempDir } from './helpers/cli.js';

interface ConfigView {
  apiKey: string;
  apiKeyFrom: string;
  apiSalt: string;
  apiSaltFrom: string;
  baseUrl: string;
  baseUrlFrom: string;
}

describe('credentials: flags, env, .env and profiles (real processes)', () => {
  let dir: { path: string; cleanup: () => Promise<void> };
  let env: Record<string, string>;
  let work: string;
  before(async () => {
    dir = await tempDir();
    env = cleanEnv(join(dir.path, 'xdg'));
    work = join(dir.path, 'project');
    await import('node:fs/promises').then((fs) => fs.mkdir(work, { recursive: true }));
  });
  after(() => dir.cleanup());

  const show = async (args: string[], extraEnv: Record<string, string> = {}) => {
    const r = await runCli(['config', '--json', ...args], { env: { ...env, ...extraEnv }, cwd: work });
    assert.equal(r.code, 0, r.stderr);
    return JSON.parse(r.stdout) as ConfigView;
  };

  it('fails with exit 3 and says how to configure when nothing is set', async () => {
    const r = await runCli(['config'], { env, cwd: work });
    assert.equal(r.code, 3);
    assert.match(r.stderr, /no API key and API salt configured/);
    assert.match(r.stderr, /mangokit profile add/);
  });

  it('reads the environment, and flags win over it', async () => {
    const fromEnv = await show([], { MANGO_API_KEY: 'envkey', MANGO_API_SALT: 'envsalt' });
    assert.equal(fromEnv.apiKey, 'envkey');
    assert.equal(fromEnv.apiKeyFrom, 'environment');
    assert.equal(fromEnv.baseUrl, 'https://app.mango-office.ru/vpbx/');
    const fromFlag = await show(['--api-key', 'flagkey'], {
      MANGO_API_KEY: 'envkey',
      MANGO_API_SALT: 'envsalt',
    });
    assert.equal(fromFlag.apiKey, 'flagkey');
    assert.equal(fromFlag.apiKeyFrom, 'flags');
    assert.equal(fromFlag.apiSaltFrom, 'environment');
  });

  it('reads ./.env below the environment, and --dotenv', async () => {
    await writeFile(
      join(work, '.env'),
      '# local\nexport MANGO_API_KEY="dotkey"\nMANGO_API_SALT=dotsalt # comment\nMANGO_BASE_URL=http://127.0.0.1:5999/vpbx/\n',
    );
    const dot = await show([]);
    assert.equal(dot.apiKey, 'dotkey');
    assert.equal(dot.apiKeyFrom, '.env');
    assert.equal(dot.baseUrl, 'http://127.0.0.1:5999/vpbx/');
    const envWins = await show([], { MANGO_API_KEY: 'envkey' });
    assert.equal(envWins.apiKey, 'envkey');
    assert.equal(envWins.apiSaltFrom, '.env');
    await writeFile(join(work, 'other.env'), 'MANGO_API_KEY=otherkey\nMANGO_API_SALT=othersalt\n');
    const other = await show(['--dotenv', 'other.env']);
    assert.equal(other.apiKey, 'otherkey');
    const missing = await runCli(['config', '--dotenv', 'nope.env'], { env, cwd: work });
    assert.equal(missing.code, 3);
    assert.match(missing.stderr, /cannot read env file/);
  });

  it('adds, lists, uses and removes profiles; salts never printed; file is private', async () => {
    const add = await runCli(
      [
        'profile',
        'add',
        'work',
        '--api-key',
        'workkey',
        '--api-salt',
        'worksalt-secret',
        '--base-url',
        'http://127.0.0.1:6000/vpbx/',
      ],
      { env, cwd: work },
    );
    assert.equal(add.code, 0, add.stderr);
    assert.match(add.stdout, /saved profile "work".*\(default\)/);
    const add2 = await runCli(['profile', 'add', 'home', '--api-key', 'homekey', '--api-salt', 'homesalt'], {
      env,
      cwd: work,
    });
    assert.equal(add2.code, 0);
    const file = join(dir.path, 'xdg', 'mangokit', 'config.json');
    assert.equal((await stat(file)).mode & 0o777, 0o600);
    const stored = JSON.parse(await readFile(file, 'utf8')) as { defaultProfile: string };
    assert.equal(stored.defaultProfile, 'work');

    const list = await runCli(['profile', 'list'], { env, cwd: work });
    assert.equal(list.code, 0);
    assert.match(list.stdout, /work\s+\*\s+workkey/);
    assert.match(list.stdout, /home\s+homekey/);
    assert.doesNotMatch(list.stdout, /worksalt-secret/);

    // .env in the project wins over the default profile, an explicit --profile wins over .env.
    const viaDot = await show([]);
    assert.equal(viaDot.apiKey, 'dotkey');
    const viaProfile = await show(['--profile', 'home']);
    assert.equal(viaProfile.apiKey, 'homekey');
    assert.equal(viaProfile.apiKeyFrom, 'profile home');
    const viaEnvProfile = await show([], { MANGO_PROFILE: 'work' });
    assert.equal(viaEnvProfile.baseUrl, 'http://127.0.0.1:6000/vpbx/');

    const unknown = await runCli(['config', '--profile', 'nope'], { env, cwd: work });
    assert.equal(unknown.code, 3);
    assert.match(unknown.stderr, /no profile named "nope"/);
    assert.match(unknown.stderr, /Known profiles: work, home/);

    // Both commands refuse an unknown profile with the config exit code.
    for (const verb of ['use', 'remove']) {
      const missing = await runCli(['profile', verb, 'nope'], { env, cwd: work });
      assert.equal(missing.code, 3, verb);
      assert.match(missing.stderr, /no profile named "nope"/);
    }
    const use = await runCli(['profile', 'use', 'home'], { env, cwd: work });
    assert.equal(use.code, 0);
    const rm = await runCli(['profile', 'remove', 'work', '--json'], { env, cwd: work });
    assert.equal(rm.code, 0);
    assert.deepEqual(JSON.parse(rm.stdout), { name: 'work', removed: true });
    const listJson = await runCli(['profile', 'list', '--json'], { env, cwd: work });
    const parsed = JSON.parse(listJson.stdout) as { profiles: { name: string; default: boolean }[] };
    assert.deepEqual(
      parsed.profiles.map((p) => [p.name, p.default]),
      [['home', true]],
    );
    assert.doesNotMatch(listJson.stdout, /salt/);
  });

  it('rejects a broken config file with exit 3', async () => {
    const xdg = join(dir.path, 'broken');
    await import('node:fs/promises').then((fs) => fs.mkdir(join(xdg, 'mangokit'), { recursive: true }));
    await writeFile(join(xdg, 'mangokit', 'config.json'), '{not json');
    const r = await runCli(['profile', 'list'], { env: cleanEnv(xdg), cwd: work });
    assert.equal(r.code, 3);
    assert.match(r.stderr, /is not valid JSON/);
  });
});
