import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { createEnvelope, encodeEnvelope } from 'mangokit/protocol';
import { startSandbox } from '../../src/index.js';
import { launchChromium, SKIP_WITHOUT_CHROMIUM, openConsole, type Watched } from './browser.js';
import { englishLeft } from './english.js';
import { type Receiver, startReceiver } from './receiver.js';
import { control, invalidRequest } from '../support/control.js';

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;

/** Advances the manual clock until the sandbox has no live call. */
async function runCallsOut(sb: Sandbox): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if ((await control<{ calls: unknown[] }>(sb, 'calls')).calls.length === 0) return;
    await control(sb, 'clock/advance', { ms: 5000 });
  }
  assert.fail('the calls did not end');
}

const CYRILLIC = /[А-Яа-яЁё]/;

describe('every view of the console in Russian, with data in it (headless Chromium, ru-RU)', {
  skip: SKIP_WITHOUT_CHROMIUM,
}, () => {
  let sb: Sandbox;
  let browser: Browser;
  let page: Page;
  let receiver: Receiver;
  let watched: Watched;

  /** Opens a section by its tab and asserts no English is left on the page. */
  async function noEnglishIn(tab: RegExp, ready: string): Promise<void> {
    await page.getByRole('link', { name: tab }).click();
    await page.locator(ready).first().waitFor();
    assert.deepEqual(await englishLeft(page, sb.office), [], `English left in ${tab}`);
  }

  before(async () => {
    receiver = await startReceiver();
    sb = await startSandbox({ port: 0, clock: 'manual', webhookUrl: receiver.url });
    // Finished calls with recordings (Anna records every call), an IVR call, a request the log explains.
    for (const to of ['79265550001', '79265550002']) {
      await control(sb, 'calls/callback', { extension: '101', to_number: to });
      await runCallsOut(sb);
    }
    await control(sb, 'calls/incoming', {
      from: '79001112233',
      policy: { onRing: 'answer', digits: '1', hangupAfterSec: 60 },
    });
    await runCallsOut(sb);
    await sb.deliveries.idle();
    const { deliveries } = await control<{ deliveries: { id: number; path: string }[] }>(
      sb,
      'deliveries?limit=1000',
    );
    const summary = deliveries.find((d) => d.path === 'events/summary');
    assert.ok(summary);
    // More than a page of deliveries, so the pager shows.
    for (let i = 0; i < 60; i++) await control(sb, `deliveries/${summary.id}/replay`, {});
    await sb.deliveries.idle();
    await fetch(`${sb.url}/vpbx/queries/balance`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: encodeEnvelope(createEnvelope({ apiKey: sb.office.api_key, apiSalt: sb.office.api_salt }, {})),
    });

    browser = await launchChromium();
    ({ page, watched } = await openConsole(browser, sb.url, { locale: 'ru-RU' }));
  });

  after(async () => {
    await browser?.close();
    await sb?.close();
    await receiver?.close();
  });

  test('calls: a ringing and a talking call, the transfer form, the lock-out warning, the manual clock', async () => {
    assert.equal(await page.evaluate('document.documentElement.lang'), 'ru');
    await control(sb, 'employee/manual', { extension: '102', manual: true });
    await control(sb, 'calls/callback', { extension: '102', to_number: '79265550009' });
    assert.equal(await invalidRequest(sb), 200);
    await page.locator('#lockout[data-kind="armed"]').waitFor();
    const call = page.locator('article.call', { hasText: '79265550009' });
    await call.getByRole('button', { name: /^Ответить за 102/ }).waitFor();
    await noEnglishIn(/^Звонки/, 'article.call');

    await call.getByRole('button', { name: /^Ответить за 102/ }).click();
    // The customer answers a few seconds later.
    const transfer = call.locator('summary[aria-label^="Перевести за 102"]');
    for (let i = 0; i < 20 && !(await transfer.isVisible()); i++) {
      await control(sb, 'clock/advance', { ms: 1000 });
      await new Promise((r) => setTimeout(r, 50));
    }
    await transfer.click();
    await call.locator('.badge', { hasText: 'разговор' }).first().waitFor();
    assert.deepEqual(await englishLeft(page, sb.office), [], 'a talking call, the transfer form open');
    assert.match((await call.textContent()) ?? '', /у сотрудника/, 'where the leg is, in words');

    // A refusal of the sandbox is said in Russian: keys pressed while the greeting still plays.
    await page.getByLabel('Номер клиента').fill('79007770000');
    await page.getByLabel(/Клавиши для меню/).fill('');
    await page.getByRole('button', { name: 'Позвонить', exact: true }).click();
    const ivr = page.locator('article.call', { hasText: '79007770000' });
    await ivr.getByRole('textbox', { name: 'Клавиши' }).fill('5');
    await ivr.getByRole('button', { name: 'Нажать' }).click();
    await page.locator('#notice[data-kind="error"]', { hasText: 'звонок сейчас не ждёт нажатий' }).waitFor();
    assert.deepEqual(await englishLeft(page, sb.office), [], 'a refusal of the sandbox');
    await ivr.getByRole('button', { name: 'Клиент 79007770000 кладёт трубку' }).click();

    await control(sb, 'employee/hangup', { extension: '102' });
    await control(sb, 'employee/manual', { extension: '102', manual: false });
    await runCallsOut(sb);
    await call.waitFor({ state: 'detached' });
    assert.deepEqual(await englishLeft(page, sb.office), [], 'no calls');
  });

  test('office: employees, groups, lines and the office file form', async () => {
    await noEnglishIn(/^Офис/, '#employees-body .presence');
    await page.getByText('Загрузить файл офиса').click();
    await page.getByRole('button', { name: 'Загрузить офис' }).waitFor();
    assert.deepEqual(await englishLeft(page, sb.office), [], 'the office file form');
    // A broken office: its issues are listed in Russian.
    await page.getByLabel('Офис (YAML или JSON)').fill('name: Broken\nemployees: five\n');
    await page.getByRole('button', { name: 'Загрузить офис' }).click();
    const issue = page.locator('#office-issues li', { hasText: 'employees' });
    await issue.waitFor();
    assert.match((await issue.textContent()) ?? '', /^employees должно быть массивом, а здесь "five"$/);
    assert.deepEqual(await englishLeft(page, sb.office), [], 'the issues of a broken office');
    assert.equal(sb.office.name, 'Demo Office LLC', 'a broken office is not loaded');
    // The question before a reset is Russian too (declined here).
    const asked: string[] = [];
    page.once('dialog', (dialog) => {
      asked.push(dialog.message());
      void dialog.dismiss();
    });
    await page.getByRole('button', { name: 'Вернуть демо-офис' }).click();
    assert.equal(asked.length, 1);
    assert.match(asked[0] ?? '', CYRILLIC);
    assert.doesNotMatch(asked[0] ?? '', /[A-Za-z]{3,}/, `the question is Russian: ${asked[0]}`);
  });

  test('webhooks: deliveries, the pager, a delivery opened, the live notifications', async () => {
    await noEnglishIn(/^Уведомления/, '#deliveries-body tr[data-delivery-id]');
    const rows = page.locator('#deliveries-body tr[data-delivery-id]');
    assert.match((await page.locator('#deliveries-page').textContent()) ?? '', /^1–50 из \d+$/);
    const text = (await rows.allTextContents()).join('\n');
    assert.match(text, /соединён|разъединён|вызов/, 'call states in words');
    assert.match(text, /\d+ мс/, 'latency in Russian units');
    await page.getByRole('button', { name: 'Старше' }).click();
    await page.locator('#deliveries-page', { hasText: /^51–/ }).waitFor();
    const id = await rows.first().getAttribute('data-delivery-id');
    await rows
      .first()
      .getByRole('button', { name: `Показать доставку ${id}` })
      .click();
    await page.locator('#delivery-detail pre').waitFor();
    assert.deepEqual(await englishLeft(page, sb.office), [], 'a delivery opened');
    await page.getByRole('button', { name: `Закрыть доставку ${id}` }).click();

    // A target that refuses: why the delivery failed, in Russian.
    const dead = createServer();
    await new Promise<void>((resolve) => dead.listen(0, '127.0.0.1', resolve));
    const { port } = dead.address() as AddressInfo;
    await new Promise<void>((resolve) => dead.close(() => resolve()));
    await fetch(`${sb.url}/_sandbox/webhooks`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ urls: [`http://127.0.0.1:${port}/`], maxRetries: 0 }),
    });
    await control(sb, 'calls/callback', { extension: '103', to_number: '79265550003' });
    await runCallsOut(sb);
    await sb.deliveries.idle();
    await page.getByRole('button', { name: 'Новее' }).click();
    const failed = page.locator('#deliveries-body tr[data-delivery-id]', { hasText: 'ошибка' }).first();
    await failed.waitFor();
    const failedId = await failed.getAttribute('data-delivery-id');
    await failed.getByRole('button', { name: `Показать доставку ${failedId}` }).click();
    await page
      .locator('#delivery-detail', { hasText: `соединение отвергнуто (ECONNREFUSED 127.0.0.1:${port})` })
      .waitFor();
    assert.deepEqual(await englishLeft(page, sb.office), [], 'a failed delivery opened');
    await page.getByRole('button', { name: `Закрыть доставку ${failedId}` }).click();
    await fetch(`${sb.url}/_sandbox/webhooks`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ urls: [receiver.url] }),
    });
  });

  test('history: finished calls, reasons, recordings with their length', async () => {
    await noEnglishIn(/^История/, '#history-body .duration');
  });

  test('requests: the API request log and its explanations', async () => {
    await noEnglishIn(/^Запросы/, '#requests-body tr');
    assert.match((await page.locator('#requests-body').textContent()) ?? '', /Метода queries\/balance нет/);
  });

  test('the lock-out when it holds, and the question before clearing it', async () => {
    await page.getByRole('link', { name: /^Звонки/ }).click();
    assert.equal(await invalidRequest(sb), 401);
    await page.locator('#lockout[data-kind="locked"]').waitFor();
    assert.deepEqual(await englishLeft(page, sb.office), [], 'the lock-out');
    // The refused requests in the request log, as a locked-out reader sees them.
    await noEnglishIn(/^Запросы/, '#requests-body tr td:text-is("401")');
    await page.getByRole('link', { name: /^Звонки/ }).click();
    const asked: string[] = [];
    page.once('dialog', (dialog) => {
      asked.push(dialog.message());
      void dialog.accept();
    });
    await page.getByRole('button', { name: /^Снять/ }).click();
    await page.locator('#lockout').waitFor({ state: 'hidden' });
    assert.equal(asked.length, 1);
    assert.match(asked[0] ?? '', CYRILLIC);
    assert.doesNotMatch(asked[0] ?? '', /[A-Za-z]{3,}/, `the question is Russian: ${asked[0]}`);
    assert.deepEqual(await englishLeft(page, sb.office), [], 'after clearing');
  });

  test('a real clock in the header: its speed control', async () => {
    const real = await startSandbox({ port: 0, clock: 'real', speed: 10 });
    try {
      const context = await browser.newContext({ locale: 'ru-RU' });
      const p = await context.newPage();
      await p.goto(`${real.url}/`);
      await p.waitForSelector('body[data-ready]');
      await p.locator('#clock-mode', { hasText: /×10/ }).waitFor();
      assert.deepEqual(await englishLeft(p, real.office), []);
      await context.close();
    } finally {
      await real.close();
    }
  });

  test('switched to English, no Russian is left in any view', async () => {
    await page.getByLabel('Язык').selectOption('en');
    for (const tab of [/^Calls/, /^Office/, /^Webhooks/, /^History/, /^Requests/]) {
      await page.getByRole('link', { name: tab }).click();
      const text = String(await page.evaluate('document.body.innerText')).replace('Русский', '');
      assert.doesNotMatch(text, CYRILLIC, `Russian left in ${tab}`);
    }
    await page.getByLabel('Language').selectOption('ru');
  });

  test('no page errors, nothing fetched from outside', () => {
    assert.deepEqual(watched.errors, []);
    assert.deepEqual(watched.offsite, []);
  });
});
