import assert from 'node:assert/strict';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { encodeEnvelope, signNotification } from 'mangokit/protocol';
import { spawn } from 'node:child_process';
import { GATEWAY_CLI_OPTIONS } from '@mangokit/gateway/cli';
import { cleanEnv, ROOT, runCli, startCli, tempDir, waitForLine } from './helpers/cli.js';

/** Runs `mangokit-gateway ARGS` (the gateway package's own binary, from its sources). */
function runGatewayBin(
  args: string[],
  env: Record<string, string>,
  cwd: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(
    process.execPath,
    [
      '--conditions=source',
      '--import',
      import.meta.resolve('tsx'),
      join(ROOT, 'packages/gateway/src/bin.ts'),
      ...args,
    ],
    { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => {
    stdout += d;
  });
  child.stderr.setEncoding('utf8').on('data', (d: string) => {
    stderr += d;
  });
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

/** The long option names a help text lists. */
function optionNames(help: string): string[] {
  return [...new Set([...help.matchAll(/^\s+(?:-\w, )?--([\w-]+)/gm)].map((m) => m[1] as string))].sort();
}

const CREDS = { apiKey: 'gwkey', apiSalt: 'gwsalt' };

describe('mangokit gateway (real process)', () => {
  let dir: { path: string; cleanup: () => Promise<void> };
  before(async () => {
    dir = await tempDir();
  });
  after(() => dir.cleanup());

  it('stores verified notifications in SQLite, guards its API with the token, stops on SIGTERM', async () => {
    const env = cleanEnv(join(dir.path, 'xdg'), {
      MANGO_API_KEY: CREDS.apiKey,
      MANGO_API_SALT: CREDS.apiSalt,
    });
    const child = startCli(
      [
        'gateway',
        '--port',
        '0',
        '--host',
        '127.0.0.1',
        '--data-dir',
        'gwdata',
        '--admin-token',
        'tok',
        '--log-level',
        'error',
        '--json',
      ],
      { env, cwd: dir.path },
    );
    const exited = new Promise<number | null>((r) => child.on('close', r));
    try {
      const [line] = await waitForLine(child.stdout as NodeJS.ReadableStream, /\{.*\}\n/, 60_000);
      const { url, store } = JSON.parse(line) as { url: string; store: string };
      assert.equal(store, 'sqlite');
      const payload = {
        entry_id: 'R1dFTlRSWQ==',
        call_id: 'R1dDQUxM',
        timestamp: 1795000000,
        seq: 1,
        call_state: 'Appeared',
        location: 'ivr',
        from: { number: '79001234567' },
        to: { line_number: '74951234567' },
      };
      const post = (sign: typeof CREDS) =>
        fetch(`${url}/events/call`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: encodeEnvelope(signNotification(sign, payload)),
        });
      assert.equal((await post(CREDS)).status, 200);
      assert.notEqual((await post({ apiKey: CREDS.apiKey, apiSalt: 'forged' })).status, 200);
      assert.equal((await fetch(`${url}/events`)).status, 401);
      const events = (await (
        await fetch(`${url}/events`, { headers: { authorization: 'Bearer tok' } })
      ).json()) as {
        events: unknown[];
      };
      assert.equal(events.events.length, 1);
      assert.ok((await stat(join(dir.path, 'gwdata'))).isDirectory());
      child.kill('SIGTERM');
      assert.equal(await exited, 0);
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('refuses to start without credentials (exit 3) and with a bad log level (exit 2)', async () => {
    const none = await runCli(['gateway', '--port', '0'], {
      env: cleanEnv(join(dir.path, 'xdg2')),
      cwd: dir.path,
    });
    assert.equal(none.code, 3);
    const bad = await runCli(['gateway', '--port', '0', '--log-level', 'loud'], {
      env: cleanEnv(join(dir.path, 'xdg2'), { MANGO_API_KEY: 'k', MANGO_API_SALT: 's' }),
      cwd: dir.path,
    });
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--log-level must be one of debug, info, warn, error/);
  });

  it('mangokit gateway and mangokit-gateway take the same options and variables, from one table', async () => {
    const env = cleanEnv(join(dir.path, 'xdg3'));
    const cli = await runCli(['gateway', '--help'], { env, cwd: dir.path });
    const bin = await runGatewayBin(['--help'], env, dir.path);
    assert.equal(cli.code, 0);
    assert.equal(bin.code, 0);
    const table = Object.keys(GATEWAY_CLI_OPTIONS).sort();
    const binOptions = optionNames(bin.stdout).filter((o) => o !== 'help');
    assert.deepEqual(binOptions, table);
    // The CLI lists the same ones, its own credential options (profiles, .env) standing in for the key and salt.
    const cliOptions = optionNames(cli.stdout);
    for (const name of table.filter((n) => n !== 'api-key' && n !== 'api-salt')) {
      assert.ok(cliOptions.includes(name), `mangokit gateway --${name}`);
    }
    for (const help of [cli.stdout, bin.stdout]) {
      assert.match(help, /--admin-token TOKEN .*MANGOKIT_GATEWAY_TOKEN or GATEWAY_ADMIN_TOKEN/);
      assert.match(help, /--data-dir DIR .*GATEWAY_DATA_DIR/);
    }
    const ru = await runGatewayBin(['--help'], { ...env, LANG: 'ru_RU.UTF-8' }, dir.path);
    assert.match(ru.stdout, /--data-dir DIR +каталог данных SQLite/);
    // The same bad value is refused alike by both, in the language of the locale.
    const creds = { MANGO_API_KEY: 'k', MANGO_API_SALT: 's' };
    const badCli = await runCli(['gateway', '--max-attempts', 'many'], {
      env: { ...env, ...creds },
      cwd: dir.path,
    });
    const badBin = await runGatewayBin(['--max-attempts', 'many'], { ...env, ...creds }, dir.path);
    assert.equal(badCli.code, 2);
    assert.equal(badBin.code, 2);
    for (const r of [badCli, badBin])
      assert.match(r.stderr, /--max-attempts must be a whole number 1\.\.1000000, got "many"/);
    const badRu = await runCli(['gateway', '--sqlite-sync', 'SOMETIMES'], {
      env: { ...env, ...creds, LANG: 'ru_RU.UTF-8' },
      cwd: dir.path,
    });
    assert.match(badRu.stderr, /^ошибка: --sqlite-sync должен быть одним из: FULL, NORMAL$/m);
    // An environment variable of the table reaches both: GATEWAY_DATA_DIR.
    const dataEnv = { ...env, ...creds, GATEWAY_DATA_DIR: join(dir.path, 'from-env'), PORT: '0' };
    const child = startCli(['gateway', '--log-level', 'error', '--json'], { env: dataEnv, cwd: dir.path });
    const exited = new Promise<number | null>((r) => child.on('close', r));
    try {
      await waitForLine(child.stdout as NodeJS.ReadableStream, /\{.*\}\n/, 60_000);
      assert.ok(
        (await stat(join(dir.path, 'from-env'))).isDirectory(),
        'GATEWAY_DATA_DIR used by mangokit gateway',
      );
      child.kill('SIGTERM');
      assert.equal(await exited, 0);
    } finally {
      child.kill('SIGKILL');
    }
  });
});
