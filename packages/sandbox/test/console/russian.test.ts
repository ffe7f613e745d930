import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { createEnvelope, encodeEnvelope, RESULT_CODES } from 'mangokit/protocol';
import { startSandbox } from '../../src/index.js';
import {
  launchChromium,
  SKIP_WITHOUT_CHROMIUM,
  unnamedControls,
  openConsole,
  type Watched,
} from './browser.js';
import { control } from '../support/control.js';

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;

/** Words of the English interface that must not show on the Russian page (office data aside). */
const ENGLISH_UI =
  /\b(Calls|Office|Webhooks|History|Requests|Answer|Reject|Hang up|Hold|Customer|ringing|talking|ended|free|Deliveries|Refresh|Save|Employees|Groups|Lines|answered|missed|delivered|Payload|Replay|incoming|outgoing|Live calls|No calls|Stream|clock)\b/;

/** The text a person sees in the shown section and the header, without the office's own names. */
async function visibleText(page: Page, sb: Sandbox): Promise<string> {
  let text = String(await page.evaluate('document.body.innerText'));
  for (const words of [
    sb.office.name,
    ...sb.office.employees.map((e) => e.name),
    ...sb.office.groups.map((g) => g.name),
    ...sb.office.lines.flatMap((l) => [l.name ?? '', l.region ?? '']),
    ...(sb.office.schemes ?? []).map((s) => s.name),
  ])
    if (words) text = text.split(words).join('');
  return text;
}

describe('the console in Russian (headless Chromium, locale ru-RU)', { skip: SKIP_WITHOUT_CHROMIUM }, () => {
  let sb: Sandbox;
  let browser: Browser;
  let page: Page;
  let watched: Watched;

  before(async () => {
    sb = await startSandbox({ port: 0, clock: 'manual' });
    browser = await launchChromium();
    ({ page, watched } = await openConsole(browser, sb.url, { locale: 'ru-RU' }));
  });

  after(async () => {
    await browser?.close();
    await sb?.close();
  });

  test('every key of the page has a text in both languages, and the Russian ones differ', async () => {
    // The console's own module (browser JavaScript, type-checked on its own): loaded, not compiled here.
    const moduleUrl = new URL('../../console/js/i18n.js', import.meta.url).href;
    const { CONSOLE_TEXT } = (await import(moduleUrl)) as {
      CONSOLE_TEXT: Record<'en' | 'ru', { page: Record<string, string> }>;
    };
    const html = readFileSync(fileURLToPath(new URL('../../console/index.html', import.meta.url)), 'utf8');
    const keys = [...html.matchAll(/data-i18n(?:-aria-label)?="([^"]+)"/g)].map((m) => m[1] as string);
    assert.ok(keys.length > 50);
    for (const lang of ['en', 'ru'] as const) {
      const page = CONSOLE_TEXT[lang].page;
      assert.deepEqual(
        keys.filter((k) => page[k] === undefined),
        [],
        `${lang} has every key of the page`,
      );
    }
    assert.equal(CONSOLE_TEXT.ru.page.tabCalls, 'Звонки');
  });

  test('a Russian browser gets the page in Russian: tabs, forms, board, office, history', async () => {
    assert.equal(await page.evaluate('document.documentElement.lang'), 'ru');
    assert.deepEqual(
      await page.evaluate(
        `[...document.querySelectorAll('nav.tabs a')].map((a) => (a.querySelector('[data-i18n^="tab"]') ?? a).textContent)`,
      ),
      ['Звонки', 'Офис', 'Уведомления', 'История', 'Запросы'],
    );
    assert.equal(await page.locator('#lang-switch').inputValue(), 'ru');
    await page.getByLabel('Номер клиента').fill('79001234567');
    await page.getByRole('button', { name: 'Позвонить', exact: true }).click();
    const call = page.locator('article.call', { hasText: '79001234567' });
    await call.waitFor();
    await call.locator('th', { hasText: 'Плечо' }).waitFor();
    assert.match((await call.locator('.badge').first().textContent()) ?? '', /звонит|разговор/);
    await call.getByRole('button', { name: 'Клиент 79001234567 кладёт трубку' }).click();
    await call.waitFor({ state: 'detached' });
    assert.doesNotMatch(await visibleText(page, sb), ENGLISH_UI);

    await page.getByRole('link', { name: 'Офис' }).click();
    await page.locator('#employees-body .presence', { hasText: 'свободен' }).first().waitFor();
    assert.doesNotMatch(await visibleText(page, sb), ENGLISH_UI);

    await page.getByRole('link', { name: /^История/ }).click();
    const row = page.locator('#history-body tr').first();
    await row.waitFor();
    const record = (await control<{ calls: { disconnect_reason: number }[] }>(sb, 'history')).calls[0];
    assert.ok(record);
    await row.locator('.badge', { hasText: 'пропущен' }).waitFor();
    const reason = RESULT_CODES[record.disconnect_reason]?.ru ?? '';
    assert.ok(reason);
    assert.match((await row.textContent()) ?? '', new RegExp(`${record.disconnect_reason} ${reason}`));
    assert.doesNotMatch(await visibleText(page, sb), ENGLISH_UI);
    assert.deepEqual(await unnamedControls(page), []);
  });

  test('webhooks and requests in Russian: statuses, the reason of a 404 from the request log', async () => {
    await page.getByRole('link', { name: 'Уведомления' }).click();
    await page.getByRole('heading', { name: 'Уведомления ВАТС (на лету)' }).waitFor();
    assert.doesNotMatch(await visibleText(page, sb), ENGLISH_UI);
    const credentials = { apiKey: sb.office.api_key, apiSalt: sb.office.api_salt };
    await fetch(`${sb.url}/vpbx/queries/balance`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: encodeEnvelope(createEnvelope(credentials, {})),
    });
    await page.getByRole('link', { name: 'Запросы' }).click();
    await page
      .locator('#requests-body tr', { hasText: 'Метода queries/balance нет: баланс — это account/balance' })
      .waitFor();
    assert.match(
      (await page.locator('#requests-body tr').first().textContent()) ?? '',
      /возможно, имелся в виду \/vpbx\/account\/balance/,
    );
  });

  test('the switch changes the language at once and is remembered', async () => {
    await page.getByRole('link', { name: 'Офис' }).click();
    await page.getByLabel('Язык').selectOption('en');
    await page.locator('nav.tabs a', { hasText: 'Office' }).waitFor();
    assert.equal(await page.evaluate('document.documentElement.lang'), 'en');
    await page.locator('#employees-body .presence', { hasText: 'free' }).first().waitFor();
    assert.equal(await page.getByRole('heading', { name: 'Office', exact: true }).count(), 1);
    await page.reload();
    await page.waitForSelector('body[data-ready]');
    assert.equal(await page.evaluate('document.documentElement.lang'), 'en', 'remembered across a reload');
    await page.getByLabel('Language').selectOption('ru');
    await page.locator('nav.tabs a', { hasText: 'Офис' }).waitFor();
  });

  test('an English browser gets English', async () => {
    const en = await browser.newContext({ locale: 'en-US' });
    try {
      const p = await en.newPage();
      await p.goto(`${sb.url}/`);
      await p.waitForSelector('body[data-ready]');
      assert.equal(await p.evaluate('document.documentElement.lang'), 'en');
      assert.equal(await p.locator('#calls-h').textContent(), 'Live calls');
    } finally {
      await en.close();
    }
  });

  test('no page errors, nothing fetched from outside', () => {
    assert.deepEqual(watched.errors, []);
    assert.deepEqual(watched.offsite, []);
  });
});
