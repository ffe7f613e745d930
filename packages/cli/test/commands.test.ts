import assert from 'node:assert/strict';
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { basename, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createDemoOffice, type Sandbox, startSandbox } from '@mangokit/sandbox';
import { cleanEnv, runCli, startCli, tempDir, waitForLine } from './helpers/cli.js';
import { control, makeRecordedCalls, sandboxEnv, startTestSandbox } from './helpers/sandbox.js';

async function closedPort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as { port: number }).port;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

describe('mangokit API commands against a real sandbox (real processes)', () => {
  let sb: Sandbox;
  let dir: { path: string; cleanup: () => Promise<void> };
  let env: Record<string, string>;
  const cli = (args: string[], extra: Record<string, string> = {}) =>
    runCli(args, { env: { ...env, ...extra }, cwd: dir.path });

  before(async () => {
    sb = await startTestSandbox();
    dir = await tempDir();
    env = cleanEnv(join(dir.path, 'xdg'), sandboxEnv(sb));
  });
  after(async () => {
    await sb.close();
    await dir.cleanup();
  });

  it('call: click-to-call is accepted and really rings the employee', async () => {
    const r = await cli(['call', '101', '79261234567', '--line', '74951234567', '--json']);
    assert.equal(r.code, 0, r.stderr);
    const ack = JSON.parse(r.stdout) as { command_id: string; result: number };
    assert.equal(ack.result, 1000);
    assert.match(ack.command_id, /^[0-9a-f-]{36}$/);
    // The call is placed for real: 101's phone rings (at 40× speed it may already be over).
    const deadline = Date.now() + 20_000;
    for (;;) {
      const live = await control<{ calls: { legs: { to: { extension?: string } }[] }[] }>(
        sb,
        'calls',
        {},
        'GET',
      );
      const done = await control<{ calls: { legs: { to_extension?: string }[] }[] }>(
        sb,
        'history',
        {},
        'GET',
      );
      if (
        live.calls.some((c) => c.legs.some((l) => l.to.extension === '101')) ||
        done.calls.some((c) => c.legs.some((l) => l.to_extension === '101'))
      ) {
        break;
      }
      assert.ok(Date.now() < deadline, 'a leg rings 101');
      await new Promise((r) => setTimeout(r, 100));
    }
    const text = await cli(['call', '102', '79261234568', '--command-id', 'crm-42']);
    assert.equal(text.code, 0);
    assert.match(text.stdout, /callback: accepted \(result 1000\)\ncommand_id: crm-42/);
  });

  it('an API error exits 1 with the vendor code and a hint', async () => {
    const r = await cli(['call', '999', '79261234567']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /error: 3330/);
    assert.match(r.stderr, /hint: .*mangokit users/);
    const json = await cli(['call', '999', '79261234567', '--json']);
    assert.equal(json.code, 1);
    assert.equal((JSON.parse(json.stderr) as { error: { result: number } }).error.result, 3330);
  });

  it('rejected credentials exit 3; an unreachable server exits 4', async () => {
    const bad = await cli(['balance', '--api-salt', 'wrong-salt']);
    assert.equal(bad.code, 3, bad.stderr);
    assert.match(bad.stderr, /rejected the credentials/);
    assert.doesNotMatch(bad.stderr + bad.stdout, /wrong-salt/);
    const port = await closedPort();
    const down = await cli(['balance', '--base-url', `http://127.0.0.1:${port}/vpbx/`]);
    assert.equal(down.code, 4, down.stderr);
    assert.match(down.stderr, /hint: Check the base URL/);
  });

  it('users, groups, balance and lines print tables and JSON', async () => {
    const users = await cli(['users', '--extension', '101']);
    assert.equal(users.code, 0, users.stderr);
    assert.match(users.stdout, /^EXT\s+NAME/);
    assert.match(users.stdout, /101\s+Anna Petrova/);
    assert.doesNotMatch(users.stdout, /Boris/);
    const groups = await cli(['groups', '--json']);
    const g = JSON.parse(groups.stdout) as { groups: { extension: string; operators: unknown[] }[] };
    assert.deepEqual(
      g.groups.map((x) => x.extension),
      sb.office.groups.map((x) => x.extension),
    );
    const balance = await cli(['balance']);
    assert.match(balance.stdout, /^balance: \d+\.\d\d RUB/);
    const lines = await cli(['lines']);
    assert.match(lines.stdout, /74951234567\s+Moscow main/);
  });

  it("balance: response_at (the PBX's Moscow wall time) shown in the user's zone", async () => {
    const still = await startSandbox({ port: 0, clock: 'manual', lockout: false });
    try {
      const at = (extra: Record<string, string>) =>
        runCli(['balance'], { env: { ...env, ...sandboxEnv(still), ...extra }, cwd: dir.path });
      const asJson = await runCli(['balance', '--json'], {
        env: { ...env, ...sandboxEnv(still) },
        cwd: dir.path,
      });
      const msk = (JSON.parse(asJson.stdout) as { response_at: string }).response_at;
      const mskMs = Date.parse(`${msk.replace(' ', 'T')}+03:00`);
      const shown = (text: string) => /(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d) \((.+)\)/.exec(text);
      const yekaterinburg = shown((await at({ TZ: 'Asia/Yekaterinburg' })).stdout);
      assert.ok(yekaterinburg);
      assert.equal(yekaterinburg[3], 'UTC+05:00');
      assert.equal(Date.parse(`${yekaterinburg[1]}T${yekaterinburg[2]}+05:00`), mskMs);
      const moscow = shown((await at({ TZ: 'Europe/Moscow' })).stdout);
      assert.deepEqual(moscow?.slice(1), [...msk.split(' '), 'MSK']);
    } finally {
      await still.close();
    }
  });

  it('api: any path with a JSON body; bad JSON is a usage error', async () => {
    const r = await cli(['api', 'config/users/request', '--data', '{"extension":"102"}']);
    assert.equal(r.code, 0, r.stderr);
    const body = JSON.parse(r.stdout) as { users: { general: { name: string } }[] };
    assert.deepEqual(
      body.users.map((u) => u.general.name),
      ['Boris Ivanov'],
    );
    const audio = await cli(['api', 'audiofiles']);
    assert.ok(Array.isArray((JSON.parse(audio.stdout) as { audiofiles: unknown[] }).audiofiles));
    const bad = await cli(['api', 'audiofiles', '--data', '{nope']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--data is not valid JSON/);
  });

  it('history (table, CSV, JSON) and recording download/link after real calls', async () => {
    await makeRecordedCalls(sb, 1);
    const from = String(Math.floor(Date.now() / 1000) - 3 * 3600);
    const to = String(Math.floor(Date.now() / 1000) + 2 * 86400);
    const csv = await cli(['history', '--from', from, '--to', to, '--csv']);
    assert.equal(csv.code, 0, csv.stderr);
    const [header, ...rows] = csv.stdout.trim().split('\n');
    assert.equal(
      header,
      'entry_id,start,finish,answer,from_extension,from_number,to_extension,to_number,disconnect_reason,line_number,location,records',
    );
    const recorded = rows.map((l) => l.split(',')).filter((c) => (c[11] ?? '') !== '');
    assert.ok(recorded.length >= 3, `recorded legs in ${csv.stdout}`);

    const json = await cli(['history', '--from', from, '--to', to, '--json', '--from-extension', '101']);
    assert.equal(json.code, 0, json.stderr);
    const legs = JSON.parse(json.stdout) as { from_extension?: string; records?: string[] }[];
    assert.ok(legs.length > 0);
    assert.ok(legs.every((l) => l.from_extension === '101'));

    const table = await cli(['history', '--from', from, '--to', to]);
    assert.match(table.stdout, /^START \(UTC\)\s+FROM\s+TO\s+TALK/);
    assert.match(table.stdout, /\d+ legs?\n$/);

    const id = recorded[0]?.[11] as string;
    const out = join(dir.path, 'one.mp3');
    const dl = await cli(['recording', 'download', id, '-o', out]);
    assert.equal(dl.code, 0, dl.stderr);
    const bytes = await readFile(out);
    assert.ok(bytes.length > 1000);
    assert.ok(bytes[0] === 0xff || bytes.subarray(0, 3).toString() === 'ID3', 'an MP3 file');
    await assert.rejects(stat(`${out}.part`));

    const intoDir = await cli(['recording', 'download', id, '-o', dir.path, '--json']);
    assert.equal(intoDir.code, 0, intoDir.stderr);
    const saved = JSON.parse(intoDir.stdout) as { path: string; bytes: number };
    assert.ok(saved.path.startsWith(dir.path) && saved.path.endsWith('.mp3'), saved.path);
    assert.equal((await stat(saved.path)).size, saved.bytes);

    const link = await cli(['recording', 'link', id, '--expires', '2h']);
    assert.equal(link.code, 0);
    const url = link.stdout.trim();
    assert.ok(url.startsWith(`${sb.apiBaseUrl}queries/recording/link/`));
    assert.doesNotMatch(url, new RegExp(sb.office.api_salt));
    const fetched = await fetch(url);
    assert.equal(fetched.status, 200);
    assert.equal((await fetched.arrayBuffer()).byteLength, bytes.length);

    const missing = await cli([
      'recording',
      'download',
      'bm90LWEtcmVjb3JkaW5n',
      '-o',
      join(dir.path, 'x.mp3'),
    ]);
    assert.equal(missing.code, 1);
    const badFrom = await cli(['history', '--from', 'last tuesday']);
    assert.equal(badFrom.code, 2);
    assert.match(badFrom.stderr, /--from "last tuesday" is not a date/);
  });

  it('recording download never replaces an existing file without --force', async () => {
    await makeRecordedCalls(sb, 1);
    const from = String(Math.floor(Date.now() / 1000) - 3 * 3600);
    const to = String(Math.floor(Date.now() / 1000) + 2 * 86400);
    const csv = await cli(['history', '--from', from, '--to', to, '--csv']);
    const id = csv.stdout
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(',')[11] ?? '')
      .find((r) => r !== '')!
      .split(' ')[0]!;
    const into = join(dir.path, 'no-clobber');
    await mkdir(into);
    const first = await cli(['recording', 'download', id, '-o', into, '--json']);
    assert.equal(first.code, 0, first.stderr);
    const saved = JSON.parse(first.stdout) as { path: string };
    // Someone's own file under the name the server gives.
    await writeFile(saved.path, 'my notes, not a recording');
    const again = await cli(['recording', 'download', id, '-o', into]);
    assert.equal(again.code, 2, again.stderr);
    assert.match(again.stderr, /already exists; not overwritten/);
    assert.match(again.stderr, /--force/);
    assert.equal(await readFile(saved.path, 'utf8'), 'my notes, not a recording');
    assert.deepEqual((await readdir(into)).sort(), [basename(saved.path)], 'no temporary file left');
    const forced = await cli(['recording', 'download', id, '-o', into, '--force']);
    assert.equal(forced.code, 0, forced.stderr);
    assert.notEqual(await readFile(saved.path, 'utf8'), 'my notes, not a recording');
  });

  it('history --json prints valid JSON or nothing when the request fails', async () => {
    const from = String(Math.floor(Date.now() / 1000) - 3600);
    sb.faults.add({ path: 'stats/request', status: 500, times: 0 });
    try {
      const failed = await cli(['history', '--from', from, '--json']);
      assert.notEqual(failed.code, 0);
      assert.equal(failed.stdout, '', 'no unterminated [ on stdout');
    } finally {
      sb.faults.clear();
    }
    const ok = await cli(['history', '--from', from, '--json']);
    assert.equal(ok.code, 0, ok.stderr);
    assert.ok(Array.isArray(JSON.parse(ok.stdout)));
  });

  it('sdk: lists every SDK method and calls them by name, streaming iterables', async () => {
    const list = await cli(['sdk']);
    assert.equal(list.code, 0, list.stderr);
    for (const m of [
      'calls.callback',
      'stats.calls',
      'members.create',
      'lists.state',
      'recordings.transcripts',
    ]) {
      assert.match(list.stdout, new RegExp(`^${m.replace('.', '\\.')}$`, 'm'));
    }
    const roles = await cli(['sdk', 'roles.list']);
    assert.equal(roles.code, 0, roles.stderr);
    assert.ok(Array.isArray((JSON.parse(roles.stdout) as { roles: unknown[] }).roles));
    const now = Math.floor(Date.now() / 1000);
    const calls = await cli([
      'sdk',
      'stats.calls',
      '--data',
      JSON.stringify({ start_date: now - 3 * 3600, end_date: now + 86400 }),
    ]);
    assert.equal(calls.code, 0, calls.stderr);
    const items = calls.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { entry_id: string });
    assert.ok(items.length > 0 && items.every((i) => typeof i.entry_id === 'string'));
    const unknown = await cli(['sdk', 'calls.teleport']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /calls has: calls\.callback/);
    const invalid = await cli(['sdk', 'calls.hangup', '--data', '{}']);
    assert.equal(invalid.code, 2, 'SDK validation errors are usage errors');
    assert.match(invalid.stderr, /call_id is required/);
  });

  it('trigger drives the sandbox; unknown scenarios and a missing sandbox are reported', async () => {
    const sandboxFlag = ['--sandbox', sb.url];
    const r = await cli(['trigger', 'incoming', '--set', 'from=79001112233', '--json', ...sandboxFlag]);
    assert.equal(r.code, 0, r.stderr);
    const started = JSON.parse(r.stdout) as { entry_id: string };
    assert.ok(started.entry_id);
    const call = await control<{ entry_id: string }>(
      sb,
      `calls/${encodeURIComponent(started.entry_id)}`,
      {},
      'GET',
    );
    assert.equal(call.entry_id, started.entry_id);
    const state = await cli(['trigger', 'state', '--json'], { MANGO_SANDBOX_URL: sb.url });
    assert.equal((JSON.parse(state.stdout) as { office: { name: string } }).office.name, sb.office.name);
    const unknown = await cli(['trigger', 'explode', ...sandboxFlag]);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /Scenarios: incoming, callback/);
    const refused = await cli([
      'trigger',
      'dtmf',
      '--set',
      'entry_id=nope',
      '--set',
      'digits=1',
      ...sandboxFlag,
    ]);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /sandbox refused dtmf \(HTTP 4\d\d\)/);
    const port = await closedPort();
    const down = await cli(['trigger', 'state', '--sandbox', `http://127.0.0.1:${port}`]);
    assert.equal(down.code, 4);
    assert.match(down.stderr, /Start it with `mangokit sandbox`/);
  });

  it('listen receives and verifies notifications from the sandbox', async () => {
    const child = startCli(['listen', '--port', '0', '--count', '1'], { env, cwd: dir.path });
    let stdout = '';
    child.stdout?.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
    });
    const exited = new Promise<number | null>((r) => child.on('close', r));
    try {
      const [, url] = await waitForLine(child.stderr as NodeJS.ReadableStream, /listening on (http:\S+)/);
      const hook = await cli(['trigger', 'webhook', '--set', `url=${url}`, '--sandbox', sb.url]);
      assert.equal(hook.code, 0, hook.stderr);
      await control(sb, 'calls/incoming', { from: '79005556677' });
      assert.equal(await exited, 0);
    } finally {
      child.kill();
      await control(sb, 'webhooks', { urls: [] }, 'PUT');
    }
    assert.match(stdout, /✓ call\.appeared\s+79005556677 → /);
  });

  it('sandbox: starts as a process, prints its URLs and credentials, serves the API, stops on SIGTERM', async () => {
    const office = {
      ...createDemoOffice(),
      name: 'CLI Test Office',
      api_key: 'clitestkey',
      api_salt: 'clitestsalt',
    };
    await writeFile(join(dir.path, 'office.json'), JSON.stringify(office));
    const child = startCli(
      ['sandbox', '--port', '0', '--json', '--save-profile', 'local', '--office', 'office.json'],
      {
        env,
        cwd: dir.path,
      },
    );
    try {
      const [line] = await waitForLine(child.stdout as NodeJS.ReadableStream, /\{.*\}\n/, 60_000);
      const info = JSON.parse(line) as {
        console_url: string;
        api_base_url: string;
        api_key: string;
        office: string;
      };
      assert.equal(info.office, 'CLI Test Office');
      assert.equal(info.api_key, 'clitestkey');
      assert.match(info.api_base_url, /^http:\/\/127\.0\.0\.1:\d+\/vpbx\/$/);
      const page = await fetch(info.console_url);
      assert.equal(page.status, 200);
      const balance = await runCli(['balance', '--json', '--profile', 'local'], {
        env: cleanEnv(join(dir.path, 'xdg')),
        cwd: dir.path,
      });
      assert.equal(balance.code, 0, balance.stderr);
      assert.equal((JSON.parse(balance.stdout) as { currency: string }).currency, 'RUB');
      const exited = new Promise<number | null>((r) => child.on('close', r));
      child.kill('SIGTERM');
      assert.equal(await exited, 0);
    } finally {
      child.kill('SIGKILL');
    }
  });
  it('sandbox --host 0.0.0.0: warns, and the control API needs the printed token', async () => {
    const child = startCli(['sandbox', '--port', '0', '--host', '0.0.0.0', '--json'], { env, cwd: dir.path });
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    try {
      const [line] = await waitForLine(child.stdout as NodeJS.ReadableStream, /\{.*\}\n/, 60_000);
      const info = JSON.parse(line) as { control_url: string; control_token?: string };
      assert.ok(info.control_token, 'a control token is printed');
      assert.equal((await fetch(`${info.control_url}state`)).status, 401);
      const ok = await fetch(`${info.control_url}state`, {
        headers: { authorization: `Bearer ${info.control_token}` },
      });
      assert.equal(ok.status, 200);
      await ok.text();
      assert.match(stderr, /reachable from other machines/);
      const exited = new Promise<number | null>((r) => child.on('close', r));
      child.kill('SIGTERM');
      assert.equal(await exited, 0);
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('sandbox --office vendor-examples: the built-in office of the vendor examples', async () => {
    const child = startCli(['sandbox', '--port', '0', '--json', '--office', 'vendor-examples'], {
      env,
      cwd: dir.path,
    });
    try {
      const [line] = await waitForLine(child.stdout as NodeJS.ReadableStream, /\{.*\}\n/, 60_000);
      const info = JSON.parse(line) as { office: string; api_key: string; lines: string[] };
      assert.equal(info.office, 'Vendor examples');
      // The vendor FAQ's placeholder key: its PHP scripts run with only the host replaced.
      assert.equal(info.api_key, 'xxxxxxxxxxxxxxxxxxxxxxxxx');
      assert.ok(info.lines.includes('74950000666'));
      assert.ok(info.lines.includes('74957777777'));
      const exited = new Promise<number | null>((r) => child.on('close', r));
      child.kill('SIGTERM');
      assert.equal(await exited, 0);
    } finally {
      child.kill('SIGKILL');
    }
  });
});
