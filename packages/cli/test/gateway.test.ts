import assert from 'node:assert/strict';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { encodeEnvelope, signNotification } from 'mangokit/protocol';
import { cleanEnv, runCli, startCli, tempDir, waitForLine } from './helpers/cli.js';

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
});
