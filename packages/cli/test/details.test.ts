import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type Sandbox, startSandbox } from '@mangokit/sandbox';
import { cleanEnv, ROOT, runCli, startCli, tempDir, waitForLine } from './helpers/cli.js';
import { control, makeRecordedCalls, sandboxEnv, startTestSandbox } from './helpers/sandbox.js';

const RU = { LANG: 'ru_RU.UTF-8' };

/** Waits until the sandbox has no live call. */
async function callsOver(sb: Sandbox): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const live = await control<{ calls: unknown[] }>(sb, 'calls', {}, 'GET');
    if (live.calls.length === 0) return;
    assert.ok(Date.now() < deadline, 'calls end');
    await new Promise((r) => setTimeout(r, 150));
  }
}

describe('mangokit details a daily user meets (real processes)', () => {
  let sb: Sandbox;
  let dir: { path: string; cleanup: () => Promise<void> };
  let env: Record<string, string>;
  const cli = (args: string[], extra: Record<string, string | undefined> = {}, input?: string) =>
    runCli(args, { env: { ...env, ...extra }, cwd: dir.path, ...(input !== undefined ? { input } : {}) });

  before(async () => {
    sb = await startTestSandbox();
    dir = await tempDir();
    env = cleanEnv(join(dir.path, 'xdg'), sandboxEnv(sb));
  });
  after(async () => {
    await sb.close();
    await dir.cleanup();
  });

  it('global options go before or after the command; -v prints the version', async () => {
    const after = await cli(['users', '--extension', '101', '--json']);
    const before = await cli(['--json', 'users', '--extension', '101']);
    assert.equal(before.code, 0, before.stderr);
    assert.equal(before.stdout, after.stdout);
    assert.equal((JSON.parse(before.stdout) as { users: unknown[] }).users.length, 1);
    // Credentials before the command, a profile and the language too.
    const noEnv = { MANGO_API_KEY: undefined, MANGO_API_SALT: undefined, MANGO_BASE_URL: undefined };
    const flags = [
      '--api-key',
      sb.office.api_key,
      `--api-salt=${sb.office.api_salt}`,
      '--base-url',
      sb.apiBaseUrl,
    ];
    const creds = await cli([...flags, '--lang', 'ru', 'balance'], noEnv);
    assert.equal(creds.code, 0, creds.stderr);
    assert.match(creds.stdout, /^баланс:/);
    await cli(['profile', 'add', 'box', ...flags], noEnv);
    const profile = await cli(['--profile', 'box', 'lines', '--json'], noEnv);
    assert.equal(profile.code, 0, profile.stderr);
    const help = await cli(['--json', 'users', '--help']);
    assert.match(help.stdout, /^mangokit users — /);
    for (const flag of ['-v', '-V', '--version']) {
      const v = await cli([flag]);
      assert.equal(v.code, 0);
      assert.match(v.stdout, /^\d+\.\d+\.\d+\n$/);
    }
  });

  it("trigger suggests the scenario meant, as for commands; a refusal reads in the reader's language", async () => {
    const r = await cli(['trigger', 'incomming']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^error: unknown scenario "incomming"$/m);
    assert.match(
      r.stderr,
      /^hint: Did you mean `mangokit trigger incoming`\? Scenarios: incoming, callback/m,
    );
    const ru = await cli(['trigger', 'anwser'], RU);
    assert.match(ru.stderr, /^подсказка: Может быть, `mangokit trigger answer`\?/m);
    const far = await cli(['trigger', 'xyzzy']);
    assert.match(far.stderr, /^hint: Scenarios: incoming, /m);
    // The sandbox's refusal in the reader's language; --json carries both.
    const refused = await cli(['trigger', 'answer', '--set', 'extension=999'], RU);
    assert.equal(refused.code, 1);
    assert.match(
      refused.stderr,
      /^ошибка: песочница отклонила answer \(HTTP 404\): внутренний номер 999 сейчас не разговаривает$/m,
    );
    const refusedJson = await cli(['trigger', 'answer', '--set', 'extension=999', '--json'], RU);
    const error = (JSON.parse(refusedJson.stderr) as { error: { message: string; message_ru: string } })
      .error;
    assert.match(error.message, /^sandbox refused answer \(HTTP 404\): extension 999 is on no live leg$/);
    assert.match(error.message_ru, /внутренний номер 999 сейчас не разговаривает$/);
  });

  it('history: legs in start order, an IVR leg answered later is not missed, 120 columns, reasons in words', async () => {
    const started = Math.floor(Date.now() / 1000) - 60;
    const now = () => String(Math.floor(Date.now() / 1000) + 2 * 86400);
    type Row = { start: number; entry_id: string; location: string; from_number: string; answer: number };
    const legsOf = async (from: string) =>
      (
        JSON.parse(
          (await cli(['history', '--from', String(started), '--to', now(), '--json'])).stdout,
        ) as Row[]
      ).filter((r) => r.from_number === from);
    // Answered after the menu: the caller's IVR leg ends 1100 when an operator answers. On a busy
    // machine the fast clock may let the ring time out first: then the call is placed again.
    let caller = '';
    for (let attempt = 1; attempt <= 3 && !caller; attempt++) {
      const from = `7900111000${attempt}`;
      await control(sb, 'calls/incoming', {
        from,
        policy: { onRing: 'answer', digits: '1', hangupAfterSec: 20 },
      });
      await callsOver(sb);
      const legs = await legsOf(from);
      if (legs.some((l) => l.location === 'ivr' && !l.answer) && legs.some((l) => l.answer > 0))
        caller = from;
    }
    assert.ok(caller, 'an incoming call answered after the IVR');
    // Hung up in the menu: a missed call.
    const lost = await control<{ entry_id: string }>(sb, 'calls/incoming', { from: '79001110009' });
    await control(sb, 'caller/hangup', { entry_id: lost.entry_id });
    await makeRecordedCalls(sb, 2);
    await callsOver(sb);
    const period = ['--from', String(started), '--to', String(Math.floor(Date.now() / 1000) + 2 * 86400)];
    const json = await cli(['history', ...period, '--json']);
    const rows = JSON.parse(json.stdout) as Row[];
    const table = await cli(['history', ...period]);
    assert.equal(table.code, 0, table.stderr);
    const lines = table.stdout.split('\n').filter(Boolean);
    for (const line of lines) assert.ok(line.length <= 120, `fits in 120 columns: ${line.length} "${line}"`);
    const rowLines = lines.filter((l) => /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d/.test(l));
    assert.equal(rowLines.length, rows.length, 'one line per leg, its ids on the line under it');
    const starts = rowLines.map((l) => l.slice(0, 19));
    assert.deepEqual(starts, [...starts].sort(), 'legs in start order');
    const answered = rowLines.filter((l) => l.includes(caller));
    assert.ok(
      answered.some((l) => /\bin IVR\b/.test(l)),
      answered.join('\n'),
    );
    assert.ok(!answered.some((l) => /\bmissed\b/.test(l)), 'the IVR leg of an answered call is not missed');
    const missed = rowLines.filter((l) => l.includes('79001110009'));
    assert.ok(missed.length > 0 && missed.every((l) => /\bmissed\b/.test(l)), missed.join('\n'));
    assert.match(table.stdout, /1110 ended by the calling party/);
    assert.match(table.stdout, /^ {21}entry \S+ · recordings \S+/m);
    // A narrow terminal: each row wraps on its own lines, the columns stay.
    const ru = await cli(['history', ...period], RU);
    assert.match(ru.stdout, /в меню/);
    assert.doesNotMatch(
      ru.stdout
        .split('\n')
        .filter((l) => l.includes(caller))
        .join('\n'),
      /пропущен/,
    );
    // A terminal 100 columns wide: each row wraps on lines of its own, the columns stay in place.
    const command = [
      'stty cols 100;',
      ...[
        process.execPath,
        '--conditions=source',
        '--import',
        import.meta.resolve('tsx'),
        join(ROOT, 'packages/cli/src/bin.ts'),
        'history',
        ...period,
      ].map((w) => `'${w.replace(/'/g, "'\\''")}'`),
    ].join(' ');
    const tty = await new Promise<string>((resolve, reject) => {
      const child = spawn('script', ['-qec', command, '/dev/null'], {
        env: { ...env, COLUMNS: undefined } as NodeJS.ProcessEnv,
        cwd: dir.path,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      child.stdout.setEncoding('utf8').on('data', (d: string) => {
        out += d;
      });
      child.on('error', reject);
      child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`exit ${code}: ${out}`))));
    });
    // From the table's header on (the progress line on stderr shares the terminal).
    const all = tty.split(/\r?\n/).filter(Boolean);
    const ttyLines = all.slice(all.findIndex((l) => l.startsWith('START')));
    for (const line of ttyLines)
      assert.ok(line.length <= 100, `fits in 100 columns: ${line.length} "${line}"`);
    const ttyRows = ttyLines.filter((l) => /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d/.test(l));
    assert.equal(ttyRows.length, rows.length, 'one row per leg');
    const reasonAt = (ttyLines[0] ?? '').indexOf('REASON');
    assert.ok(reasonAt > 0, ttyLines[0]);
    const continued = ttyLines.filter(
      (l) => /^ {20}/.test(l) && !/^ +(entry|recordings) /.test(l) && l.length > reasonAt,
    );
    assert.ok(continued.length > 0, `a reason wraps onto the next line of its row:\n${tty}`);
  });

  it('history CSV and JSON have ISO 8601 times; --excel writes ;-separated UTF-8 with a BOM and CRLF', async () => {
    await makeRecordedCalls(sb, 1);
    const period = [
      '--from',
      String(Math.floor(Date.now() / 1000) - 3600),
      '--to',
      String(Math.floor(Date.now() / 1000) + 2 * 86400),
    ];
    const csv = await cli(['history', ...period, '--csv'], { TZ: 'Europe/Moscow' });
    assert.equal(csv.code, 0, csv.stderr);
    const [header, first] = csv.stdout.split('\n');
    assert.match(header ?? '', /^entry_id,start,finish,answer,/);
    assert.match(first ?? '', /^[^,]+,\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+03:00,/);
    assert.doesNotMatch(csv.stdout, /,1[78]\d{8},/, 'no Unix seconds');
    // JSON keeps the vendor's seconds and adds each time in ISO 8601, the same instant as the CSV's.
    const json = await cli(['history', ...period, '--json'], { TZ: 'Europe/Moscow' });
    const jsonRows = JSON.parse(json.stdout) as { entry_id: string; start: number; start_at: string }[];
    assert.ok(jsonRows.length > 0);
    for (const row of jsonRows) {
      assert.match(row.start_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+03:00$/);
      assert.equal(Date.parse(row.start_at) / 1000, row.start);
    }
    const csvStart = csv.stdout
      .split('\n')
      .slice(1)
      .find((l) => l.startsWith(`${jsonRows[0]?.entry_id},`))
      ?.split(',')[1];
    assert.ok(
      jsonRows.some((r) => r.start_at === csvStart),
      `${csvStart} in the JSON`,
    );
    const excel = await cli(['history', ...period, '--excel'], { ...RU, TZ: 'Europe/Moscow' });
    assert.equal(excel.code, 0, excel.stderr);
    assert.ok(excel.stdout.startsWith('\uFEFFentry_id;start;finish;answer;'), 'BOM and ; separator');
    assert.ok(excel.stdout.includes('\r\n'));
    assert.match(excel.stdout.split('\r\n')[1] ?? '', /^[^;]+;\d{4}-\d\d-\d\d \d\d:\d\d:\d\d;/);
    const sep = await cli(['history', ...period, '--sep', ';']);
    assert.ok(sep.stdout.startsWith('entry_id;start;'));
    const bad = await cli(['history', ...period, '--sep', '|']);
    assert.equal(bad.code, 2);
  });

  it("a profile's salt is typed at a hidden prompt on a terminal, or piped in with --api-salt -", async () => {
    const secret = 'hidden-salt-42';
    const penv = { ...env, MANGO_API_KEY: undefined, MANGO_API_SALT: undefined, ...RU };
    // `script` gives the CLI a terminal: the salt is typed there and never shown.
    const command = [
      process.execPath,
      '--conditions=source',
      '--import',
      import.meta.resolve('tsx'),
      join(ROOT, 'packages/cli/src/bin.ts'),
      'profile',
      'add',
      'typed',
      '--api-key',
      'k-typed',
    ]
      .map((w) => `'${w.replace(/'/g, "'\\''")}'`)
      .join(' ');
    const child = spawn('script', ['-qec', command, '/dev/null'], {
      env: penv as NodeJS.ProcessEnv,
      cwd: dir.path,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      out += d;
    });
    const exited = new Promise<number | null>((r) => child.on('close', r));
    await waitForLine(child.stdout, /Соль API \(ввод скрыт\): /);
    child.stdin.write(`${secret}\r`);
    assert.equal(await exited, 0, out);
    assert.ok(!out.includes(secret), `the salt is not echoed: ${JSON.stringify(out)}`);
    assert.match(out, /профиль «typed» сохранён/);
    const config = JSON.parse(await readFile(join(dir.path, 'xdg', 'mangokit', 'config.json'), 'utf8')) as {
      profiles: Record<string, { apiKey: string; apiSalt: string }>;
    };
    assert.equal(config.profiles.typed?.apiKey, 'k-typed');
    assert.equal(config.profiles.typed?.apiSalt, secret);
    const piped = await runCli(['profile', 'add', 'piped', '--api-key', 'k-piped', '--api-salt', '-'], {
      env: penv,
      cwd: dir.path,
      input: 'piped-salt\n',
    });
    assert.equal(piped.code, 0, piped.stderr);
    const again = JSON.parse(await readFile(join(dir.path, 'xdg', 'mangokit', 'config.json'), 'utf8')) as {
      profiles: Record<string, { apiSalt: string }>;
    };
    assert.equal(again.profiles.piped?.apiSalt, 'piped-salt');
    // Without a terminal and without a salt: refused, nothing saved.
    const none = await runCli(['profile', 'add', 'nosalt', '--api-key', 'k'], { env: penv, cwd: dir.path });
    assert.equal(none.code, 2);
    assert.match(none.stderr, /не указан --api-salt/);
  });

  it('logs tail follows the sandbox live: notifications and API requests, in Russian too', async () => {
    const child = startCli(['logs', 'tail', '--count', '6'], { env: { ...env, ...RU }, cwd: dir.path });
    let out = '';
    child.stdout?.setEncoding('utf8').on('data', (d: string) => {
      out += d;
    });
    const exited = new Promise<number | null>((r) => child.on('close', r));
    await waitForLine(child.stderr as NodeJS.ReadableStream, /следим за песочницей/);
    const bad = await cli(['api', 'queries/balance']);
    assert.equal(bad.code, 1);
    await cli(['call', '101', '79261234567']);
    assert.equal(await exited, 0, out);
    assert.match(out, /→ POST \/vpbx\/queries\/balance {2}404/);
    assert.match(out, /→ POST \/vpbx\/commands\/callback {2}200 {2}1000 Действие успешно выполнено/);
    assert.match(out, /← call\.appeared +101/);
    const json = startCli(['logs', 'tail', '--only', 'requests', '--count', '1', '--json'], {
      env,
      cwd: dir.path,
    });
    let jsonOut = '';
    json.stdout?.setEncoding('utf8').on('data', (d: string) => {
      jsonOut += d;
    });
    const jsonExit = new Promise<number | null>((r) => json.on('close', r));
    await waitForLine(json.stderr as NodeJS.ReadableStream, /following the sandbox/);
    await cli(['balance']);
    assert.equal(await jsonExit, 0);
    const line = JSON.parse(jsonOut) as { kind: string; path: string; status: number; result: number };
    assert.deepEqual(
      [line.kind, line.path, line.status, line.result],
      ['request', '/vpbx/account/balance', 200, 1000],
    );
    const down = await cli(['logs', 'tail', '--sandbox', 'http://127.0.0.1:9'], RU);
    assert.equal(down.code, 4);
    assert.match(down.stderr, /^ошибка: нет связи с http:\/\/127\.0\.0\.1:9/m);
  });

  it('archive --help and the README say a partial file continues with a Range request', async () => {
    const en = await cli(['archive', '--help']);
    assert.match(
      en.stdout.replace(/\s+/g, ' '),
      /a partial FILE\.part continues where it stopped \(an HTTP Range request/,
    );
    const ru = await cli(['archive', '--help'], RU);
    assert.match(
      ru.stdout.replace(/\s+/g, ' '),
      /недокачанный ФАЙЛ\.part продолжается с места обрыва \(запрос HTTP Range/,
    );
    // The README says the same, in both languages.
    const readme = (await readFile(join(ROOT, 'packages/cli/README.md'), 'utf8')).replace(/\s+/g, ' ');
    assert.match(readme, /continues any `\.part` leftover where it stopped \(a `Range` request\)/);
    const readmeRu = (await readFile(join(ROOT, 'packages/cli/README.ru.md'), 'utf8')).replace(/\s+/g, ' ');
    assert.match(readmeRu, /продолжает оставшийся `\.part` с места обрыва \(запрос `Range`\)/);
  });
});

describe('the sandbox lock-out, seen from the CLI (real processes)', () => {
  let sb: Sandbox;
  let dir: { path: string; cleanup: () => Promise<void> };
  let env: Record<string, string>;
  const cli = (args: string[], extra: Record<string, string> = {}) =>
    runCli(args, { env: { ...env, ...extra }, cwd: dir.path });

  before(async () => {
    // Lock-out on, as the vendor's: two invalid requests within two minutes lock the key.
    sb = await startSandbox({ port: 0, clock: 'real', lockout: true });
    dir = await tempDir();
    env = cleanEnv(join(dir.path, 'xdg'), sandboxEnv(sb));
  });
  after(async () => {
    await sb.close();
    await dir.cleanup();
  });

  it('trigger state shows it, the 401 is explained in the hint, trigger reset clears it', async () => {
    const clear = await cli(['trigger', 'state']);
    assert.match(clear.stdout, /^lock-out: +not locked$/m);
    const first = await cli(['call', '999', '79261234567']);
    assert.equal(first.code, 1, 'an invalid request (3330)');
    const armed = await cli(['trigger', 'state']);
    assert.match(
      armed.stdout,
      /^lock-out: +not locked; one invalid request seen — another before \d{4}-\d\d-\d\d \d\d:\d\d:\d\d locks/m,
    );
    await cli(['call', '999', '79261234567']);
    const locked = await cli(['balance']);
    assert.equal(locked.code, 3, locked.stderr);
    assert.match(locked.stderr, /^error: 3105: /m);
    assert.match(
      locked.stderr,
      /^hint: The sandbox locked the key out after repeated invalid requests, as the PBX does \(reference §1\.3\): every request is answered 401 until \d{4}-\d\d-\d\d \d\d:\d\d:\d\d \(UTC\)\. Wait, or clear it with `mangokit trigger reset`\.$/m,
    );
    const ru = await cli(['balance'], { LANG: 'ru_RU.UTF-8' });
    assert.match(ru.stderr, /^подсказка: Песочница заблокировала ключ после нескольких неверных запросов/m);
    const json = await cli(['balance', '--json']);
    const error = (JSON.parse(json.stderr) as { error: { status: number; hint: string; hint_ru: string } })
      .error;
    assert.equal(error.status, 401);
    assert.match(error.hint, /locked the key out/);
    assert.match(error.hint_ru, /заблокировала ключ/);
    const state = await cli(['trigger', 'state']);
    assert.match(
      state.stdout,
      /^lock-out: +LOCKED until \d{4}-\d\d-\d\d \d\d:\d\d:\d\d \(\d+ s\): the API answers 401/m,
    );
    const stateRu = await cli(['trigger', 'state'], { LANG: 'ru_RU.UTF-8', TZ: 'Europe/Moscow' });
    assert.match(stateRu.stdout, /^блокировка: +ЗАБЛОКИРОВАН до /m);
    // The sandbox's clock in the user's zone, not in Unix seconds.
    assert.match(stateRu.stdout, /^сейчас: +\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \(МСК\)$/m);
    assert.match(state.stdout, /^now: +\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \(UTC\)$/m);
    const stateJson = JSON.parse((await cli(['trigger', 'state', '--json'])).stdout) as {
      lockout: { enabled: boolean; locked: boolean; until: number };
    };
    assert.equal(stateJson.lockout.enabled, true);
    assert.equal(stateJson.lockout.locked, true);
    assert.ok(stateJson.lockout.until > Date.now() / 1000);
    // A real clock cannot be advanced: the sandbox says so, with no hint about calls.
    const advance = await cli(['trigger', 'advance', '--set', 'sec=5'], { LANG: 'ru_RU.UTF-8' });
    assert.equal(advance.code, 1);
    assert.match(
      advance.stderr,
      /^ошибка: песочница отклонила advance \(HTTP 409\): часы идут в реальном времени/m,
    );
    assert.doesNotMatch(advance.stderr, /подсказка/);
    const reset = await cli(['trigger', 'reset']);
    assert.equal(reset.code, 0, reset.stderr);
    assert.match((await cli(['trigger', 'state'])).stdout, /^lock-out: +not locked$/m);
    const again = await cli(['balance']);
    assert.equal(again.code, 0, again.stderr);
  });
});

describe('logs tail follows a gateway (real processes)', () => {
  it('prints each notification the gateway stores, with its admin token', async () => {
    const { startGateway } = await import('@mangokit/gateway');
    const { encodeEnvelope, signNotification } = await import('mangokit/protocol');
    const dir = await tempDir();
    const credentials = { apiKey: 'gwkey', apiSalt: 'gwsalt' };
    const gw = await startGateway({
      ...credentials,
      port: 0,
      dataDir: join(dir.path, 'gw'),
      adminToken: 'tok-0123456789abcdef',
      logger: 'error',
    });
    try {
      const env = cleanEnv(join(dir.path, 'xdg'));
      const refused = await runCli(['logs', 'tail', '--gateway', gw.url, '--count', '1'], { env });
      assert.equal(refused.code, 3);
      assert.match(refused.stderr, /refused the stream \(HTTP 401\)/);
      const child = startCli(['logs', 'tail', '--gateway', gw.url, '--count', '1'], {
        env: { ...env, GATEWAY_ADMIN_TOKEN: 'tok-0123456789abcdef', LANG: 'ru_RU.UTF-8' },
      });
      let out = '';
      child.stdout?.setEncoding('utf8').on('data', (d: string) => {
        out += d;
      });
      const exited = new Promise<number | null>((r) => child.on('close', r));
      await waitForLine(child.stderr as NodeJS.ReadableStream, /следим за шлюзом/);
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
      const res = await fetch(`${gw.url}/events/call`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: encodeEnvelope(signNotification(credentials, payload)),
      });
      assert.equal(res.status, 200);
      assert.equal(await exited, 0, out);
      assert.match(out, /← call\.appeared +79001234567 → \? \[ivr\] entry=R1dFTlRSWQ== call=R1dDQUxM seq=1/);
    } finally {
      await gw.close();
      await dir.cleanup();
    }
  });
});
