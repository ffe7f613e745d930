import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createEnvelope, encodeEnvelope } from 'mangokit/protocol';
import { CONTROL_ERRORS, OFFICE_ISSUES, type SandboxText } from '../src/i18n/messages.js';
import { describeSandbox, startSandbox } from '../src/index.js';
import { invalidRequest } from './support/control.js';

describe('the sandbox speaks the language of its locale; the API answers never change (real sockets)', () => {
  it('banner in English or Russian', async () => {
    const sb = await startSandbox({ port: 0, clock: 'manual' });
    try {
      const en = describeSandbox(sb.url, sb.office, [], undefined, 'en');
      assert.match(
        en,
        new RegExp(`^Mango sandbox "${sb.office.name}" is running\\n {2}console: +${sb.url}/`),
      );
      assert.match(en, /webhooks: +none \(PUT \/_sandbox\/webhooks to set one\)/);
      const ru = describeSandbox(sb.url, sb.office, [], 'tok', 'ru');
      assert.match(
        ru,
        new RegExp(`^Песочница Mango «${sb.office.name}» запущена\\n {2}консоль: +${sb.url}/`),
      );
      assert.match(ru, /уведомления: +никуда \(задайте адрес: PUT \/_sandbox\/webhooks\)/);
      assert.match(ru, /токен управления: tok \(Authorization: Bearer …; консоль: /);
    } finally {
      await sb.close();
    }
  });

  it('warnings follow lang', async () => {
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.message);
    process.on('warning', onWarning);
    const sb = await startSandbox({ port: 0, host: '0.0.0.0', lang: 'ru' });
    try {
      await new Promise((r) => setImmediate(r));
      assert.ok(
        warnings.some((w) => /^песочница слушает 0\.0\.0\.0 и доступна с других машин/.test(w)),
        warnings.join('\n'),
      );
    } finally {
      process.off('warning', onWarning);
      await sb.close();
    }
  });

  it('a 404 says on the wire what it always said; the request log has the reason in both languages', async () => {
    const sb = await startSandbox({ port: 0, lang: 'ru' });
    try {
      const credentials = { apiKey: sb.office.api_key, apiSalt: sb.office.api_salt };
      const res = await fetch(`${sb.url}/vpbx/queries/balance`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: encodeEnvelope(createEnvelope(credentials, {})),
      });
      assert.equal(res.status, 404);
      assert.deepEqual(await res.json(), {
        message: 'There is no queries/balance: the balance is account/balance (reference §3.6.2).',
        did_you_mean: '/vpbx/account/balance',
      });
      const plain = await fetch(`${sb.url}/vpbx/no/such/method`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: encodeEnvelope(createEnvelope(credentials, {})),
      });
      assert.deepEqual(await plain.json(), { message: 'No such API method: /vpbx/no/such/method' });
      const log = (await (await fetch(`${sb.url}/_sandbox/requests`)).json()) as {
        requests: { path: string; hint?: string; hint_ru?: string; did_you_mean?: string }[];
      };
      const [balance, none] = log.requests.slice(-2);
      assert.equal(
        balance?.hint,
        'There is no queries/balance: the balance is account/balance (reference §3.6.2).',
      );
      assert.equal(
        balance?.hint_ru,
        'Метода queries/balance нет: баланс — это account/balance (справочник, §3.6.2).',
      );
      assert.equal(balance?.did_you_mean, '/vpbx/account/balance');
      assert.equal(none?.hint, 'No such API method: /vpbx/no/such/method');
      assert.equal(none?.hint_ru, 'Такого метода API нет: /vpbx/no/such/method');
    } finally {
      await sb.close();
    }
  });

  it('the state shows the invalid-request lock-out; an office reset clears it', async () => {
    const sb = await startSandbox({ port: 0, clock: 'manual' });
    try {
      const invalid = () => invalidRequest(sb);
      type State = {
        lockout: { enabled: boolean; locked: boolean; until: number | null; window_until: number | null };
      };
      const state = async () => ((await (await fetch(`${sb.url}/_sandbox/state`)).json()) as State).lockout;
      assert.deepEqual(await state(), { enabled: true, locked: false, until: null, window_until: null });
      assert.equal(await invalid(), 200);
      const armed = await state();
      assert.equal(armed.locked, false);
      assert.equal(armed.window_until, sb.engine.now() + 120);
      assert.equal(await invalid(), 401);
      const locked = await state();
      assert.equal(locked.locked, true);
      assert.equal(locked.until, armed.window_until);
      await fetch(`${sb.url}/_sandbox/office/reset`, {
        method: 'POST',
        body: '{}',
        headers: { 'content-type': 'application/json' },
      });
      assert.deepEqual(await state(), { enabled: true, locked: false, until: null, window_until: null });
    } finally {
      await sb.close();
    }
    const off = await startSandbox({ port: 0, lockout: false });
    try {
      const s = (await (await fetch(`${off.url}/_sandbox/state`)).json()) as {
        lockout: { enabled: boolean };
      };
      assert.equal(s.lockout.enabled, false);
    } finally {
      await off.close();
    }
  });

  it('the control API words its refusals in both languages: error in English as ever, error_ru beside it', async () => {
    const sb = await startSandbox({ port: 0, clock: 'manual' });
    try {
      const post = async (path: string, body: unknown) => {
        const res = await fetch(`${sb.url}/_sandbox/${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
        return { status: res.status, body: (await res.json()) as Record<string, unknown> };
      };
      assert.deepEqual(await post('employee/answer', { extension: '101' }), {
        status: 404,
        body: {
          error: 'extension 101 is on no live leg',
          error_ru: 'внутренний номер 101 сейчас не разговаривает',
        },
      });
      assert.deepEqual(await post('employee/manual', { extension: '999', manual: true }), {
        status: 404,
        body: {
          error: 'no employee with extension 999',
          error_ru: 'сотрудника с внутренним номером 999 нет',
        },
      });
      assert.deepEqual(await post('clock/speed', { speed: 2 }), {
        status: 409,
        body: { error: 'a manual clock has no speed', error_ru: 'у ручных часов нет скорости' },
      });
      const { entry_id } = (await post('calls/incoming', { from: '79001234567' })).body as {
        entry_id: string;
      };
      assert.deepEqual(await post('caller/dtmf', { entry_id, digits: '5' }), {
        status: 409,
        body: {
          error: 'the call is not waiting for keys (no IVR menu or DISA is active)',
          error_ru: 'звонок сейчас не ждёт нажатий (голосовое меню или DISA не активны)',
        },
      });
    } finally {
      await sb.close();
    }
  });

  it('an office that does not load says why in both languages, issue by issue', async () => {
    const sb = await startSandbox({ port: 0, clock: 'manual' });
    try {
      const put = async (body: unknown) => {
        const res = await fetch(`${sb.url}/_sandbox/office`, {
          method: 'PUT',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
        return { status: res.status, body: (await res.json()) as { issues?: unknown[] } };
      };
      const broken = await put({
        yaml: 'name: Broken\nemployees: five\nlines:\n  - number: 1\n    region: 77\n    schema_id: x\n',
      });
      assert.equal(broken.status, 400);
      const paths = ['employees', 'lines[0].schema_id'];
      assert.deepEqual(
        (broken.body.issues as { path: string }[]).filter((i) => paths.includes(i.path)),
        [
          {
            path: 'employees',
            message: 'must be an array, got "five"',
            message_ru: 'должно быть массивом, а здесь "five"',
          },
          {
            path: 'lines[0].schema_id',
            message: 'must be a number, got "x"',
            message_ru: 'должно быть числом, а здесь "x"',
          },
        ],
      );
      const yaml = await put({ yaml: 'name: [' });
      const [only] = yaml.body.issues as { path: string; message: string; message_ru: string }[];
      assert.match(only?.message ?? '', /^not valid YAML: /);
      assert.match(only?.message_ru ?? '', /^это не YAML: /);
    } finally {
      await sb.close();
    }
  });

  it('every refusal of the control API and every office issue has a Russian text of its own', () => {
    for (const [key, entry] of [...Object.entries(CONTROL_ERRORS), ...Object.entries(OFFICE_ISSUES)]) {
      const text = typeof entry === 'function' ? (entry as (...a: string[]) => SandboxText)('x', 'y') : entry;
      assert.ok(text.en.length > 0, key);
      assert.match(text.ru, /[А-Яа-яЁё]/, `${key}: ${text.ru}`);
      assert.notEqual(text.ru, text.en, key);
    }
  });
});
