import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { startSandbox } from '../../src/index.js';
import { launchChromium, SKIP_WITHOUT_CHROMIUM } from './browser.js';

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;

const START_MS = Date.UTC(2025, 0, 15, 9, 30, 0);

describe('console clock on a real-time sandbox', { skip: SKIP_WITHOUT_CHROMIUM }, () => {
  let sb: Sandbox;
  let browser: Browser;
  let page: Page;

  before(async () => {
    // A start far from today, so the sandbox time cannot be mistaken for the browser's.
    sb = await startSandbox({ port: 0, clock: 'real', speed: 1, startMs: START_MS });
    browser = await launchChromium();
    page = await browser.newPage();
    await page.goto(`${sb.url}/`);
    await page.waitForSelector('body[data-ready]');
  });

  after(async () => {
    await browser?.close();
    await sb?.close();
  });

  test('a real clock offers its speed instead of advance steps, and the page sets it', async () => {
    assert.equal(await page.getByRole('button', { name: /Advance the clock/ }).count(), 0);
    assert.equal(await page.locator('#clock-mode').textContent(), 'real clock ×1');
    await page.getByLabel('Speed').selectOption('10');
    await page.locator('#clock-mode', { hasText: 'real clock ×10' }).waitFor();
    const clock = (await (await fetch(`${sb.url}/_sandbox/clock`)).json()) as { speed: number; mode: string };
    assert.equal(clock.mode, 'real');
    assert.equal(clock.speed, 10);
  });

  test('the page shows the sandbox time, not the browser time', async () => {
    const clock = (await (await fetch(`${sb.url}/_sandbox/clock`)).json()) as { now_ms: number };
    const shown = (await page.locator('#clock-time').getAttribute('datetime')) ?? '';
    assert.ok(Date.parse(shown) < Date.now() - 86_400_000, 'the page is not showing the browser clock');
    // Ten times faster than life: a few real seconds of drift would show as tens of seconds.
    assert.ok(
      Math.abs(Date.parse(shown) - clock.now_ms) < 5_000,
      `${shown} vs ${new Date(clock.now_ms).toISOString()}`,
    );
  });
});
