import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Sandbox } from '@mangokit/sandbox';
import { describeDisconnectReason, RESULT_CODES } from 'mangokit/protocol';
import { cleanEnv, runCli, startCli, tempDir, waitForLine } from './helpers/cli.js';
import { makeRecordedCalls, sandboxEnv, startTestSandbox } from './helpers/sandbox.js';

const RU = { LANG: 'ru_RU.UTF-8' };
const isRussianHelp = (text: string) => /^Использование:$/m.test(text) && /^Звонки:$/m.test(text);
const isEnglishHelp = (text: string) => /^Usage:$/m.test(text) && /^Calls:$/m.test(text);

describe('mangokit in Russian (real processes, LANG=ru_RU.UTF-8)', () => {
  let sb: Sandbox;
  let dir: { path: string; cleanup: () => Promise<void> };
  let base: Record<string, string>;
  const cli = (args: string[], extra: Record<string, string | undefined> = {}) =>
    runCli(args, { env: { ...base, ...extra }, cwd: dir.path });

  before(async () => {
    sb = await startTestSandbox();
    dir = await tempDir();
    base = cleanEnv(join(dir.path, 'xdg'), sandboxEnv(sb));
  });
  after(async () => {
    await sb.close();
    await dir.cleanup();
  });

  it('speaks Russian for a ru_* locale, in the usual precedence; --lang and MANGOKIT_LANG choose', async () => {
    const cases: [Record<string, string | undefined>, string[], 'ru' | 'en'][] = [
      [{ LANG: 'ru_RU.UTF-8' }, [], 'ru'],
      [{ LANG: 'C.UTF-8' }, [], 'en'],
      [{ LANG: 'en_US.UTF-8' }, [], 'en'],
      [{ LANG: 'en_US.UTF-8', LC_MESSAGES: 'ru_RU.UTF-8' }, [], 'ru'],
      [{ LANG: 'ru_RU.UTF-8', LC_ALL: 'C' }, [], 'en'],
      [{ LANG: 'en_US.UTF-8', LC_ALL: 'ru_RU.UTF-8' }, [], 'ru'],
      [{ LANG: 'ru_RU.UTF-8', MANGOKIT_LANG: 'en' }, [], 'en'],
      [{ LANG: 'C.UTF-8', MANGOKIT_LANG: 'ru' }, [], 'ru'],
      [{ LANG: 'ru_RU.UTF-8' }, ['--lang', 'en'], 'en'],
      [{ LANG: 'C.UTF-8' }, ['--lang', 'ru'], 'ru'],
      [{ LANG: 'C.UTF-8' }, ['--lang=ru'], 'ru'],
    ];
    for (const [env, args, want] of cases) {
      const r = await cli([...args, '--help'], env);
      assert.equal(r.code, 0, r.stderr);
      const label = `${JSON.stringify(env)} ${args.join(' ')}`;
      assert.ok(want === 'ru' ? isRussianHelp(r.stdout) : isEnglishHelp(r.stdout), `${label} → ${want}`);
    }
    const bad = await cli(['--lang', 'de', 'users'], RU);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /^ошибка: --lang может быть en или ru, а не «de»$/m);
  });

  it("a command's help: summary, arguments, options and examples in Russian", async () => {
    const r = await cli(['call', '--help'], RU);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^mangokit call — позвонить сотруднику, а когда он ответит — набрать номер/);
    assert.match(r.stdout, /^Аргументы:\n {2}EXTENSION +внутренний номер сотрудника/m);
    assert.match(r.stdout, /^ {6}--line LINE +исходящая линия/m);
    assert.match(r.stdout, /^Доступ к API:\n {6}--profile NAME +взять сохранённый профиль/m);
    assert.match(r.stdout, /^Примеры:\n {2}mangokit call 101 74950001122 --line 74950000666$/m);
    const trigger = await cli(['trigger', '--help'], RU);
    assert.match(trigger.stdout, /^Сценарии:\n {2}incoming +клиент звонит на линию/m);
  });

  it('every help page is Russian: no English sentence, placeholder or example comment left (and English pages have no Russian)', async () => {
    const main = await cli(['--help'], RU);
    assert.equal(main.code, 0, main.stderr);
    assert.match(main.stdout, /^ {2}mangokit КОМАНДА \[аргументы\] \[параметры\]$/m);
    const names = [...main.stdout.matchAll(/^ {2}([a-z-]+(?: [a-z]+)?) {2,}\S/gm)]
      .map((m) => m[1] as string)
      .filter((name) => !name.startsWith('mangokit'));
    assert.ok(names.length >= 30, `${names.length} commands listed`);
    /** English left in a page: three English words in a row outside code, or an example's English comment. */
    const english = (page: string) =>
      page.split('\n').flatMap((line) => {
        if (/^ {2}(mangokit|MANGO_|source) /.test(line)) {
          const comment = /\s#\s(.*)$/.exec(line)?.[1];
          return comment !== undefined && !/[а-яё]/i.test(comment) ? [line] : [];
        }
        const prose = line
          .replace(/^mangokit [a-z -]+ — /, '')
          .replace(/`[^`]*`|"[^"]*"|'[^']*'|--?[\w-]+(=\S*)?|\S*[/=.]\S*/g, ' ');
        return /\b[a-z]{2,} [a-z]{2,} [a-z]{2,}\b/.test(prose) ? [line] : [];
      });
    assert.deepEqual(english(main.stdout), []);
    for (const name of names) {
      const r = await cli([...name.split(' '), '--help'], RU);
      assert.equal(r.code, 0, `${name}: ${r.stderr}`);
      assert.match(r.stdout, /^Использование:\n {2}mangokit .* \[параметры\]$/m, name);
      assert.deepEqual(english(r.stdout), [], `${name} --help`);
      // And the other way: English help pages have no Russian in them (an example's data and a
      // quoted setting of the vendor's Russian cabinet may).
      const en = await cli([...name.split(' '), '--help']);
      const prose = en.stdout
        .split('\n')
        .filter((l) => !l.startsWith('  mangokit '))
        .map((l) => l.replace(/\(ЛК: "[^"]*"\)/g, ''));
      assert.doesNotMatch(prose.join('\n'), /[а-яё]/i, `${name} --help in English`);
    }
    assert.doesNotMatch((await cli(['--help'])).stdout, /[а-яё]/i);
  });

  it('usage errors in Russian with the same exit codes as in English', async () => {
    const unknown = await cli(['lisen'], RU);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /^ошибка: неизвестная команда «lisen»$/m);
    assert.match(unknown.stderr, /^подсказка: Может быть, `mangokit listen`\?/m);
    const option = await cli(['listen', '--prot', '3'], RU);
    assert.equal(option.code, 2);
    assert.match(option.stderr, /^ошибка: неизвестный параметр «--prot»$/m);
    assert.match(option.stderr, /^подсказка: Параметры и примеры: `mangokit listen --help`\.$/m);
    const number = await cli(['listen', '--port', 'eighty', '--skip-verify'], RU);
    assert.equal(number.code, 2);
    assert.match(number.stderr, /--port должен быть целым числом 0\.\.65535, а не «eighty»/);
    const missing = await cli(['completion'], RU);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /^ошибка: не указан SHELL$/m);
    const noCreds = await cli(['balance'], { ...RU, MANGO_API_KEY: undefined, MANGO_API_SALT: undefined });
    assert.equal(noCreds.code, 3);
    assert.match(noCreds.stderr, /^ошибка: не задан ключ API и соль API$/m);
  });

  it("an API error shows the vendor's Russian text for its code; --json carries both texts, the same in either language", async () => {
    const ru = await cli(['call', '999', '79261234567'], RU);
    assert.equal(ru.code, 1);
    const vendorRu = RESULT_CODES[3330]?.ru ?? '';
    assert.ok(vendorRu.length > 5);
    assert.match(
      ru.stderr,
      new RegExp(
        `^ошибка: 3330: ${vendorRu} \\[from\\.extension: 3330 ${vendorRu}\\] \\(commands/callback, HTTP 200\\)$`,
        'm',
      ),
    );
    assert.match(ru.stderr, /^подсказка: .*`mangokit users`/m);
    const jsonRu = await cli(['call', '999', '79261234567', '--json'], RU);
    const jsonEn = await cli(['call', '999', '79261234567', '--json']);
    assert.equal(jsonRu.code, 1);
    assert.equal(jsonEn.code, 1);
    assert.equal(jsonRu.stderr, jsonEn.stderr, 'the JSON error is byte for byte the same in both languages');
    const { error } = JSON.parse(jsonRu.stderr) as {
      error: { message: string; message_ru: string; hint: string; hint_ru: string; result: number };
    };
    assert.equal(error.result, 3330);
    assert.match(error.message, new RegExp(`^3330: ${RESULT_CODES[3330]?.en}`));
    assert.match(error.message_ru, new RegExp(`^3330: ${vendorRu}`));
    assert.match(error.hint, /mangokit users/);
    assert.match(error.hint_ru, /mangokit users/);
    assert.notEqual(error.hint, error.hint_ru);
  });

  it('machine output is byte for byte the same in both languages: JSON, CSV and exit codes', async () => {
    await makeRecordedCalls(sb, 1);
    const from = String(Math.floor(Date.now() / 1000) - 3 * 3600);
    const to = String(Math.floor(Date.now() / 1000) + 2 * 86400);
    for (const args of [
      ['users', '--json'],
      ['lines', '--json'],
      ['history', '--from', from, '--to', to, '--csv'],
      ['history', '--from', from, '--to', to, '--json'],
      ['call', '999', '79261234567', '--json'],
    ]) {
      const en = await cli(args);
      const ru = await cli(args, RU);
      assert.equal(ru.code, en.code, args.join(' '));
      assert.equal(ru.stdout, en.stdout, `${args.join(' ')}: stdout differs between languages`);
      if (args.includes('--json')) assert.equal(ru.stderr, en.stderr, `${args.join(' ')}: stderr differs`);
    }
  });

  it('tables for people are Russian: headers, reasons in words, times in the user zone', async () => {
    const users = await cli(['users', '--extension', '101'], RU);
    assert.equal(users.code, 0, users.stderr);
    assert.match(users.stdout, /^ВН\.\s+ИМЯ\s+ID СОТР\.\s+ДОЛЖНОСТЬ/);
    const balance = await cli(['balance'], RU);
    assert.match(balance.stdout, /^баланс:\s+\d+,\d\d RUB$/m);
    await makeRecordedCalls(sb, 1);
    const from = String(Math.floor(Date.now() / 1000) - 3 * 3600);
    const to = String(Math.floor(Date.now() / 1000) + 2 * 86400);
    const table = await cli(['history', '--from', from, '--to', to], { ...RU, TZ: 'Europe/Moscow' });
    assert.equal(table.code, 0, table.stderr);
    assert.match(table.stdout, /^НАЧАЛО \(МСК\)\s+КТО\s+КОМУ\s+РАЗГОВОР\s+ЛИНИЯ\s+ПРИЧИНА/);
    const reason = describeDisconnectReason(1120).ru;
    assert.ok(table.stdout.includes(`1120 ${reason}`), `the reason in words: ${reason}`);
    assert.match(table.stdout, /^\s+звонок \S+ · записи \S+/m);
    assert.match(table.stdout, /\d+ плеч(а|о)?\n$/);
  });

  it('mangokit sandbox greets in Russian and stops on Ctrl-C', async () => {
    const child = startCli(['sandbox', '--port', '0'], { env: { ...base, ...RU }, cwd: dir.path });
    let out = '';
    child.stdout?.setEncoding('utf8').on('data', (d: string) => {
      out += d;
    });
    const exited = new Promise<number | null>((r) => child.on('close', r));
    try {
      await waitForLine(child.stdout as NodeJS.ReadableStream, /Остановить — Ctrl-C\./);
      assert.match(
        out,
        /^mangokit sandbox — локальная Виртуальная АТС \(.+: \d+ сотрудник(а|ов)?, \d+ групп(а|ы)?, линии /,
      );
      assert.match(out, /^ {2}консоль +http:\/\/127\.0\.0\.1:\d+\/$/m);
      assert.match(out, /^ {2}уведомления +никуда/m);
      assert.match(out, /^В другом терминале:$/m);
      child.kill('SIGINT');
      assert.equal(await exited, 0);
    } finally {
      child.kill('SIGKILL');
    }
  });
});
