import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { startSandbox } from '../../src/index.js';
import { launchChromium, SKIP_WITHOUT_CHROMIUM, openConsole, type Watched } from './browser.js';
import { type Receiver, startReceiver } from './receiver.js';
import { control, invalidRequest } from '../support/control.js';

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;

/** Waits until the sandbox has no live call. */
async function callsOver(sb: Sandbox): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    if ((await control<{ calls: unknown[] }>(sb, 'calls')).calls.length === 0) return;
    assert.ok(Date.now() < deadline, 'calls end');
    await new Promise((r) => setTimeout(r, 100));
  }
}

const duration = (sec: number) => `${Math.floor(sec / 60)}:${String(Math.round(sec) % 60).padStart(2, '0')}`;

describe('console details in headless Chromium', { skip: SKIP_WITHOUT_CHROMIUM }, () => {
  let sb: Sandbox;
  let browser: Browser;
  let page: Page;
  let receiver: Receiver;
  let watched: Watched;

  before(async () => {
    receiver = await startReceiver();
    // A fast real clock: calls with recordings finish in about a second; the lock-out is on, as the vendor's.
    sb = await startSandbox({ port: 0, clock: 'real', speed: 40, webhookUrl: receiver.url });
    browser = await launchChromium();
    ({ page, watched } = await openConsole(browser, sb.url));
  });

  after(async () => {
    await browser?.close();
    await sb?.close();
    await receiver?.close();
  });

  test('history: every recording shows its length before anyone plays it', async () => {
    // Seven calls from Anna, who records every call: more rows than load their audio up front.
    for (let i = 0; i < 7; i++) {
      await control(sb, 'calls/callback', { extension: '101', to_number: `7926555000${i}` });
      await callsOver(sb);
    }
    await page.getByRole('link', { name: /^History/ }).click();
    const { recordings } = await control<{ recordings: { recording_id: string; duration_sec: number }[] }>(
      sb,
      'recordings',
    );
    assert.ok(recordings.length >= 7, `${recordings.length} recordings`);
    for (const rec of recordings) {
      const label = page.locator(`#history-body .duration[data-recording-id="${rec.recording_id}"]`);
      await label.filter({ hasText: duration(rec.duration_sec) }).waitFor();
    }
    const played = await page.evaluate(
      `[...document.querySelectorAll('#history-body audio')].filter((a) => !a.paused || a.currentTime > 0).length`,
    );
    assert.equal(played, 0, 'nothing was played');
  });

  test('webhooks: hundreds of deliveries a page at a time, each with its target, the detail under its row, the live panel in view', async () => {
    await sb.deliveries.idle();
    const { deliveries } = await control<{ deliveries: { id: number; path: string }[] }>(
      sb,
      'deliveries?limit=1000',
    );
    const summary = deliveries.find((d) => d.path === 'events/summary');
    assert.ok(summary);
    // Hundreds more: the same summary posted again and again.
    for (let i = 0; i < 260; i++) await control(sb, `deliveries/${summary.id}/replay`, {});
    await sb.deliveries.idle();
    const all = (await control<{ deliveries: { id: number }[] }>(sb, 'deliveries?limit=1000')).deliveries;
    assert.ok(all.length > 300, `${all.length} deliveries`);

    await page.getByRole('link', { name: 'Webhooks' }).click();
    const rows = page.locator('#deliveries-body tr[data-delivery-id]');
    await page.locator('#deliveries-page', { hasText: `1–50 of ${all.length}` }).waitFor();
    assert.equal(await rows.count(), 50, 'one page of 50');
    // The live notifications are in view without scrolling past the table.
    const notes = await page.locator('#notifications-h').boundingBox();
    assert.ok(
      notes && notes.y >= 0 && notes.y + notes.height <= 900,
      `the live panel is in view: ${JSON.stringify(notes)}`,
    );
    assert.equal(await page.evaluate('window.scrollY'), 0);
    // Each row names where it went.
    const first = rows.first();
    assert.equal(await first.locator('td.url').textContent(), `${receiver.url}events/summary`);
    const newestId = Number(await first.getAttribute('data-delivery-id'));
    assert.equal(newestId, Math.max(...all.map((d) => d.id)), 'newest first');
    // The next page.
    await page.getByRole('button', { name: 'Older' }).click();
    await page.locator('#deliveries-page', { hasText: `51–100 of ${all.length}` }).waitFor();
    assert.equal(Number(await rows.first().getAttribute('data-delivery-id')), newestId - 50);
    // A detail opens right under the row clicked, and closes again.
    const target = rows.nth(7);
    const id = await target.getAttribute('data-delivery-id');
    await target.getByRole('button', { name: `Show delivery ${id}` }).click();
    await page.locator('#delivery-detail').waitFor();
    const under = await page.evaluate(
      `document.querySelector('#deliveries-body tr[data-delivery-id="${id}"]').nextElementSibling.querySelector('#delivery-detail') !== null`,
    );
    assert.equal(under, true, 'the detail row follows the clicked row');
    assert.match((await page.locator('#delivery-detail pre').textContent()) ?? '', /"entry_id"/);
    const box = await page.locator('#delivery-detail').boundingBox();
    const rowBox = await target.boundingBox();
    assert.ok(box && rowBox && box.y >= rowBox.y + rowBox.height - 1, 'drawn below the row');
    await page.getByRole('button', { name: `Close delivery ${id}` }).click();
    await page.locator('#delivery-detail').waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Newer' }).click();
    await page.locator('#deliveries-page', { hasText: `1–50 of ${all.length}` }).waitFor();
  });

  test('phone width: every tab of the tab bar stays in view and opens its section, in both languages', async () => {
    for (const { width, height } of [
      { width: 375, height: 667 },
      { width: 360, height: 740 },
    ]) {
      await page.setViewportSize({ width, height });
      try {
        for (const lang of ['en', 'ru']) {
          await page.locator('#lang-switch').selectOption(lang);
          const boxes = (await page.evaluate(`[...document.querySelectorAll('nav.tabs a')].map((a) => {
            const r = a.getBoundingClientRect();
            return { left: r.left, right: r.right, top: r.top, bottom: r.bottom, text: a.textContent };
          })`)) as { left: number; right: number; top: number; bottom: number; text: string }[];
          assert.equal(boxes.length, 5);
          for (const b of boxes)
            assert.ok(
              b.left >= 0 && b.right <= width && b.top >= 0 && b.bottom <= height,
              `${width}×${height} ${lang}: "${b.text}" is cut off: ${b.left}–${b.right}, ${b.top}–${b.bottom}`,
            );
          const tabs = (await page.evaluate(
            `(() => { const n = document.querySelector('nav.tabs'); return [n.scrollWidth, n.clientWidth]; })()`,
          )) as [number, number];
          assert.ok(tabs[0] <= tabs[1], `${lang}: the tab bar does not scroll (${tabs[0]} > ${tabs[1]})`);
          assert.ok(Number(await page.evaluate('document.documentElement.scrollWidth')) <= width);
          // Each tab is reachable: a tap opens its section.
          const links = page.locator('nav.tabs a');
          for (let i = 0; i < 5; i++) {
            const href = (await links.nth(i).getAttribute('href')) ?? '';
            await links.nth(i).click();
            await page.locator(`section${href}`).waitFor({ state: 'visible' });
            assert.equal(await links.nth(i).getAttribute('aria-current'), 'page');
          }
        }
      } finally {
        await page.locator('#lang-switch').selectOption('en');
        await page.setViewportSize({ width: 1280, height: 900 });
      }
    }
  });

  test('the lock-out after invalid requests is shown, counts down and is cleared from the page', async () => {
    const invalid = () => invalidRequest(sb);
    const box = page.locator('#lockout');
    assert.equal(await box.isHidden(), true);
    assert.equal(await invalid(), 200);
    await page.locator('#lockout[data-kind="armed"]', { hasText: 'One invalid API request seen' }).waitFor();
    assert.equal(await invalid(), 401);
    const locked = page.locator('#lockout[data-kind="locked"]');
    await locked.waitFor();
    assert.match(
      (await locked.textContent()) ?? '',
      /The API key is locked out until \d\d:\d\d:\d\d \(\d+:\d\d left\)/,
    );
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Clear it (reset the office)' }).click();
    await box.waitFor({ state: 'hidden' });
    const state = await control<{ lockout: { locked: boolean } }>(sb, 'state');
    assert.equal(state.lockout.locked, false);
  });

  test('no page errors, nothing fetched from outside', () => {
    assert.deepEqual(watched.errors, []);
    assert.deepEqual(watched.offsite, []);
  });
});
