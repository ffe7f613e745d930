import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { startSandbox } from '../../src/index.js';
import {
  launchChromium,
  SKIP_WITHOUT_CHROMIUM,
  unnamedControls,
  openConsole,
  type Watched,
} from './browser.js';
import { type Receiver, startReceiver } from './receiver.js';
import { control } from '../support/control.js';

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;

const CUSTOMER = '79001234567';
const MAIN_LINE = '74951234567';
const ANNA = '101 Anna Petrova';

interface LiveLegView {
  call_id: string;
  state: string;
  to: { extension?: string };
}

/** Clicks a clock button until `done()` holds (the demo office needs a few virtual seconds per step). */
async function advanceUntil(
  page: Page,
  label: string,
  done: () => Promise<boolean>,
  maxClicks = 60,
): Promise<void> {
  for (let i = 0; i < maxClicks; i++) {
    if (await done()) return;
    const button = page.getByRole('button', { name: `Advance the clock ${label}` });
    await button.click();
    // Wait for the click's answer before the next one: the button is disabled while pending.
    await page.waitForFunction((el) => !(el as HTMLButtonElement).disabled, await button.elementHandle());
  }
  assert.fail(`condition not reached after ${maxClicks} clock steps of ${label}`);
}

describe('sandbox console in headless Chromium', { skip: SKIP_WITHOUT_CHROMIUM }, () => {
  let sb: Sandbox;
  let browser: Browser;
  let page: Page;
  let receiver: Receiver;
  let watched: Watched;
  let entryId = '';

  before(async () => {
    receiver = await startReceiver();
    sb = await startSandbox({ port: 0, clock: 'manual', webhookUrl: receiver.url });
    browser = await launchChromium();
    ({ page, watched } = await openConsole(browser, sb.url));
  });

  after(async () => {
    await browser?.close();
    await sb?.close();
    await receiver?.close();
  });

  test('a call dialled from the page appears on the board, is answered from the page, and its recording plays', async () => {
    // Drive Anna's phone from the console, so only the page can answer (her policy would answer by itself).
    await page.getByRole('link', { name: 'Office' }).click();
    await page.locator('tr[data-extension="101"]').getByLabel('answer from console').check();
    await page.locator('#notice', { hasText: 'waits for the console' }).waitFor();

    await page.getByRole('link', { name: /^Calls/ }).click();
    await page.getByLabel('Customer number').fill(CUSTOMER);
    await page.getByLabel('Line', { exact: true }).selectOption(MAIN_LINE);
    await page.getByLabel(/Keys for the menu/).fill('1');
    await page.getByRole('button', { name: 'Call', exact: true }).click();

    const call = page.locator('article.call', { hasText: CUSTOMER });
    await call.waitFor();
    entryId = (await call.getAttribute('data-entry-id')) ?? '';
    assert.ok(entryId, 'the board names the call by entry_id');
    const live = await control<{ calls: Array<{ entry_id: string }> }>(sb, 'calls');
    assert.deepEqual(
      live.calls.map((c) => c.entry_id),
      [entryId],
      'the call on the board is the one call the sandbox has',
    );
    assert.equal(await call.locator('tbody tr').first().locator('td').nth(1).textContent(), 'ivr');

    // Greeting, menu, key 1 → Sales → Anna rings.
    const answer = page.getByRole('button', { name: `Answer as ${ANNA}` });
    await advanceUntil(page, '1 s', async () => (await answer.count()) > 0);
    const legId = (await page.locator('tr', { has: answer }).getAttribute('data-call-id')) ?? '';
    assert.ok(legId, 'the ringing leg is a row named by call_id');
    const annaRow = page.locator(`tr[data-call-id="${legId}"]`);
    assert.match((await annaRow.locator('.badge').textContent()) ?? '', /ringing/);

    // Answer with the keyboard: the control is a real, focusable button.
    await answer.focus();
    await page.keyboard.press('Enter');
    await annaRow.locator('.badge', { hasText: 'talking' }).waitFor();
    // Anna records every call: the board marks the leg once the recording starts.
    await annaRow.locator('.badge', { hasText: 'recording' }).waitFor();
    const afterAnswer = await control<{ calls: Array<{ legs: LiveLegView[] }> }>(sb, 'calls');
    const annaLeg = afterAnswer.calls.flatMap((c) => c.legs).find((l) => l.call_id === legId);
    assert.equal(annaLeg?.state, 'Connected', 'the sandbox has the leg connected');
    assert.equal(annaLeg?.to.extension, '101');

    // The office shows who is talking.
    await page.getByRole('link', { name: 'Office' }).click();
    assert.match(
      (await page.locator('tr[data-extension="101"] .presence').textContent()) ?? '',
      new RegExp(`^talking · ${CUSTOMER}`),
    );
    assert.equal(await page.locator('tr[data-extension="102"] .presence').textContent(), 'free');
    await page.getByRole('link', { name: /^Calls/ }).click();

    // Talk for a while, then hang up as Anna.
    await page.getByRole('button', { name: 'Advance the clock 30 s' }).click();
    await page.screenshot({ path: '/tmp/console.png', fullPage: true });
    assert.deepEqual(await unnamedControls(page), [], 'every control of the board has an accessible name');
    assert.equal(await page.locator('#board').getAttribute('aria-live'), 'polite');
    await page.getByRole('button', { name: `Hang up as ${ANNA}` }).click();
    await page.locator('#board-empty').waitFor({ state: 'visible' });
    assert.equal(await page.locator('article.call').count(), 0, 'the finished call left the board');

    const history = await control<{
      calls: Array<{
        entry_id: string;
        entry_result: number;
        talk_time: number;
        end_time: number;
        legs: Array<{ to_extension?: string; records: string[] }>;
      }>;
    }>(sb, 'history');
    const record = history.calls.find((c) => c.entry_id === entryId);
    assert.ok(record, 'the call is in the sandbox history');
    assert.equal(record.entry_result, 1);
    const recordingId = record.legs.flatMap((l) => l.records)[0];
    assert.ok(recordingId, 'Anna records every call: the call has a recording');
    const { recordings } = await control<{
      recordings: Array<{ recording_id: string; duration_sec: number }>;
    }>(sb, 'recordings');
    const recording = recordings.find((r) => r.recording_id === recordingId);
    assert.ok(recording && recording.duration_sec > 0);

    await page.getByRole('link', { name: /^History/ }).click();
    const historyRow = page.locator(`#history-body tr[data-entry-id="${entryId}"]`);
    await historyRow.waitFor();
    const talk = record.end_time - record.talk_time;
    assert.ok(talk >= 30, 'the call talked through the 30 s step');
    assert.equal(
      await historyRow.locator('.talk').textContent(),
      `${Math.floor(talk / 60)}:${String(talk % 60).padStart(2, '0')}`,
    );
    const audio = historyRow.locator(`audio[data-recording-id="${recordingId}"]`);
    await audio.waitFor();
    // A string, not a function: the TypeScript loader would wrap a function's inner helpers.
    const handle = await page.waitForFunction(
      `(() => {
        const el = document.querySelector('audio[data-recording-id="${recordingId}"]');
        if (!el) return false;
        if (el.error) return -1;
        return el.duration > 0 && Number.isFinite(el.duration) ? el.duration : false;
      })()`,
      null,
      { polling: 100, timeout: 15_000 },
    );
    const duration = Number(await handle.jsonValue());
    assert.ok(duration > 0, 'the audio element reports a duration');
    await page.screenshot({ path: '/tmp/console-history.png', fullPage: true });
    assert.deepEqual(await unnamedControls(page), [], 'every control, history players included, is named');
    assert.ok(
      Math.abs(duration - recording.duration_sec) < 1.5,
      `played ${duration} s, the recording lasts ${recording.duration_sec} s`,
    );
  });

  test('the office view renders the live office', async () => {
    await page.getByRole('link', { name: 'Office' }).click();
    const office = sb.office;
    const rows = page.locator('#employees-body tr');
    assert.equal(await rows.count(), office.employees.length);
    const names = await page.locator('#employees-body th').allTextContents();
    assert.deepEqual(
      names,
      office.employees.map((e) => e.name),
    );
    assert.deepEqual(
      await page.locator('#groups-body th').allTextContents(),
      office.groups.map((g) => g.name),
    );
    assert.deepEqual(
      await page.locator('#lines-body th').allTextContents(),
      office.lines.map((l) => l.number),
    );
    const dnd = office.employees.find((e) => e.policy.onRing === 'dnd');
    if (dnd?.extension) {
      assert.equal(
        await page.locator(`tr[data-extension="${dnd.extension}"] .presence`).textContent(),
        'do not disturb',
      );
    }
    assert.equal(await page.locator('#office-name').textContent(), office.name);
    await page.screenshot({ path: '/tmp/console-office.png', fullPage: true });
  });

  test('the webhooks view lists real deliveries, shows a payload and replays it', async () => {
    await sb.deliveries.idle();
    const { deliveries } = await control<{ deliveries: Array<{ id: number; path: string; status: string }> }>(
      sb,
      'deliveries?limit=500',
    );
    assert.ok(deliveries.length > 0, 'the call produced deliveries');
    await page.getByRole('link', { name: 'Webhooks' }).click();
    await page.waitForFunction(
      (n) => document.querySelectorAll('#deliveries-body tr').length === n,
      deliveries.length,
    );
    const summary = deliveries.find((d) => d.path === 'events/summary');
    assert.ok(summary, 'an events/summary delivery exists');
    const row = page.locator(`#deliveries-body tr[data-delivery-id="${summary.id}"]`);
    assert.equal(await row.locator('.badge').textContent(), 'delivered');

    await row.getByRole('button', { name: `Show delivery ${summary.id}` }).click();
    const detail = page.locator('#delivery-detail');
    await detail.waitFor();
    assert.match((await detail.locator('pre').textContent()) ?? '', new RegExp(`"entry_id": "${entryId}"`));

    const before = receiver.received.filter((r) => r.path.endsWith('/events/summary')).length;
    await row.getByRole('button', { name: `Replay delivery ${summary.id}` }).click();
    await receiver.waitFor(
      (all) => all.filter((r) => r.path.endsWith('/events/summary')).length === before + 1,
    );
    const summaries = receiver.received.filter((r) => r.path.endsWith('/events/summary'));
    assert.equal(summaries.at(-1)?.body, summaries.at(-2)?.body, 'the replay posts the same signed body');
    await page
      .locator('#deliveries-body tr[data-delivery-id]', { hasText: `replay of #${summary.id}` })
      .first()
      .waitFor();
    await page.screenshot({ path: '/tmp/console-webhooks.png', fullPage: true });

    // Every delivery reached the receiver: the "failed" filter shows none, and says so.
    await page.getByLabel('Show deliveries').selectOption('failed');
    assert.equal(await page.locator('#deliveries-body tr').count(), 0);
    assert.equal(await page.locator('#deliveries-empty').textContent(), 'No deliveries match the filter.');
    await page.getByLabel('Show deliveries').selectOption('delivered');
    assert.ok(
      (await page.locator('#deliveries-body tr').count()) > deliveries.length,
      'the replay is listed too',
    );
    await page.getByLabel('Show deliveries').selectOption('');
  });

  test('the notification target set on the page is where the next call is delivered', async () => {
    const second = await startReceiver();
    try {
      await page.getByRole('link', { name: 'Webhooks' }).click();
      await page.getByLabel('Base URL').fill(second.url);
      await page.getByRole('button', { name: 'Save' }).click();
      await page.locator('#notice', { hasText: second.url }).waitFor();
      const settings = await control<{ urls: string[] }>(sb, 'webhooks');
      assert.deepEqual(settings.urls, [second.url]);

      await control(sb, 'calls/incoming', { from: '79005550000' });
      await second.waitFor((all) => all.some((r) => r.path.endsWith('/events/call')));
      await control(sb, 'caller/hangup', {
        entry_id: (await control<{ calls: Array<{ entry_id: string }> }>(sb, 'calls')).calls[0]?.entry_id,
      });
    } finally {
      await second.close();
    }
  });

  test('a refused action is reported on the page, and the customer hangs up from it', async () => {
    await page.getByRole('link', { name: /^Calls/ }).click();
    await page.getByLabel('Customer number').fill('79007770000');
    await page.getByLabel(/Keys for the menu/).fill('');
    await page.getByRole('button', { name: 'Call', exact: true }).click();
    const call = page.locator('article.call', { hasText: '79007770000' });
    await call.waitFor();
    // The greeting is playing: no input window is open, so the sandbox refuses the key (409).
    await call.getByRole('textbox', { name: 'Keys' }).fill('5');
    await call.getByRole('button', { name: 'Press' }).click();
    const notice = page.locator('#notice[data-kind="error"]');
    await notice.waitFor();
    assert.ok(((await notice.textContent()) ?? '').length > 0, 'the sandbox message is shown');

    await call.getByRole('button', { name: 'Customer 79007770000 hangs up' }).click();
    await call.waitFor({ state: 'detached' });
    const live = await control<{ calls: unknown[] }>(sb, 'calls');
    assert.equal(live.calls.length, 0);
  });

  test('a call on a call-tracking line shows its tracking number on the board', async () => {
    await page.getByRole('link', { name: /^Calls/ }).click();
    const { entry_id } = await control<{ entry_id: string }>(sb, 'calls/incoming', {
      from: '79008880000',
      line: '74952150101',
    });
    const call = page.locator('article.call', { hasText: '79008880000' });
    await call.waitFor();
    await page
      .locator('article.call', { hasText: 'call tracking 74952150101 (dynamic)' })
      .filter({ hasText: '79008880000' })
      .waitFor();
    await control(sb, 'caller/hangup', { entry_id });
    await call.waitFor({ state: 'detached' });
  });

  test('an office file loaded on the page replaces the office; a broken one shows its issues', async () => {
    await page.getByRole('link', { name: 'Office' }).click();
    await page.getByText('Load an office file').click();
    const text = page.getByLabel('Office (YAML or JSON)');
    await text.fill('name: Broken\nemployees: five\n');
    await page.getByRole('button', { name: 'Load office' }).click();
    const issues = page.locator('#office-issues li');
    await issues.first().waitFor();
    assert.ok((await issues.count()) > 0);
    assert.notEqual(sb.office.name, 'Broken', 'a broken office is not loaded');

    // The good one comes from a file, as a user would load it (typing 19 kB would be slow).
    const next = { ...structuredClone(sb.office), name: 'Loaded From The Page LLC' };
    await page.getByLabel('YAML or JSON file').setInputFiles({
      name: 'office.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(next, null, 2)),
    });
    await page.waitForFunction(
      `document.getElementById('office-text').value.includes('Loaded From The Page LLC')`,
    );
    await page.getByRole('button', { name: 'Load office' }).click();
    await page.locator('#office-name', { hasText: 'Loaded From The Page LLC' }).waitFor();
    assert.equal(sb.office.name, 'Loaded From The Page LLC');
    assert.equal(await page.locator('#office-issues').textContent(), '');
  });

  test('resetting the office from the page clears history and reloads the page state', async () => {
    await page.getByRole('link', { name: /^History/ }).click();
    assert.ok((await page.locator('#history-body tr').count()) > 0, 'there is history to clear');
    await page.getByRole('link', { name: 'Office' }).click();
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Reset to the demo office' }).click();
    await page.locator('#notice', { hasText: 'Demo office loaded' }).waitFor();
    await page.locator('#history-count', { hasText: /^0$/ }).waitFor();
    const history = await control<{ calls: unknown[] }>(sb, 'history');
    assert.deepEqual(history.calls, []);
    // The engine keeps console-driven phones by user id across office loads; the page agrees.
    assert.equal(
      await page.locator('tr[data-extension="101"]').getByLabel('answer from console').isChecked(),
      true,
    );
  });

  test('every section fits a phone-width screen without sideways scrolling of the page', async () => {
    await page.setViewportSize({ width: 400, height: 800 });
    try {
      for (const name of [/^Calls/, /^Office/, /^Webhooks/, /^History/]) {
        await page.getByRole('link', { name }).click();
        const width = Number(await page.evaluate('document.documentElement.scrollWidth'));
        assert.ok(width <= 400, `${name}: the page is ${width} px wide`);
      }
    } finally {
      await page.setViewportSize({ width: 1280, height: 900 });
    }
  });

  test('the page raised no errors and fetched nothing from outside the sandbox', () => {
    assert.deepEqual(watched.errors, []);
    assert.deepEqual(watched.offsite, []);
  });
});
