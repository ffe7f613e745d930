import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { startSandbox } from '../../src/index.js';
import { launchChromium, SKIP_WITHOUT_CHROMIUM, openConsole, type Watched } from './browser.js';

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;

interface Leg {
  call_id: string;
  state: string;
  from: { extension?: string; number?: string; hold_initiator?: boolean };
  to: { extension?: string; number?: string };
  transfer?: string;
}

const CUSTOMER = '79261230000';

async function liveLegs(sb: Sandbox): Promise<Leg[]> {
  const res = await fetch(`${sb.url}/_sandbox/calls`);
  const { calls } = (await res.json()) as { calls: Array<{ legs: Leg[] }> };
  return calls.flatMap((c) => c.legs);
}

describe('employee actions from the console board', { skip: SKIP_WITHOUT_CHROMIUM }, () => {
  let sb: Sandbox;
  let browser: Browser;
  let page: Page;
  let watched: Watched;

  before(async () => {
    sb = await startSandbox({ port: 0, clock: 'manual' });
    browser = await launchChromium();
    ({ page, watched } = await openConsole(browser, sb.url, { hash: '#office' }));
  });

  after(async () => {
    await browser?.close();
    await sb?.close();
  });

  test('an employee calls out, the customer answers, the call is held, resumed and transferred blind', async () => {
    for (const [ext, name] of [
      ['101', 'Anna Petrova'],
      ['102', 'Boris Ivanov'],
    ]) {
      await page.locator(`tr[data-extension="${ext}"]`).getByLabel('answer from console').check();
      await page.locator('#notice', { hasText: `${name}'s phone now waits for the console` }).waitFor();
    }
    await page.getByRole('link', { name: /^Calls/ }).click();
    await page.getByLabel('Employee', { exact: true }).selectOption('101');
    await page.getByLabel('Number to call').fill(CUSTOMER);
    await page.getByRole('button', { name: 'Call out' }).click();

    // Callback: Anna's phone rings first (reference §2.1).
    await page.getByRole('button', { name: 'Answer as 101 Anna Petrova' }).click();
    await page.getByRole('button', { name: `Customer ${CUSTOMER} answers` }).click();
    const hold = page.getByRole('button', { name: 'Hold as 101 Anna Petrova' });
    await hold.waitFor();
    const call = page.locator('article.call');
    assert.match((await call.locator('h3').textContent()) ?? '', /^outgoing: 101 Anna Petrova → 79261230000/);

    await hold.click();
    await call.locator('.badge', { hasText: 'on hold' }).waitFor();
    const held = (await liveLegs(sb)).find((l) => l.state === 'OnHold');
    assert.ok(held, 'the sandbox holds the leg');
    assert.equal(held.from.extension, '101');
    assert.equal(held.from.hold_initiator, true, 'Anna is the side that put the call on hold');

    await page.getByRole('button', { name: 'Resume as 101 Anna Petrova' }).click();
    await page.getByRole('button', { name: 'Hold as 101 Anna Petrova' }).waitFor();
    assert.equal((await liveLegs(sb)).find((l) => l.call_id === held.call_id)?.state, 'Connected');

    // Blind transfer to Boris from the inline form (keyboard: open the disclosure, type, Enter).
    const disclosure = page.getByText('Transfer…');
    await disclosure.focus();
    await page.keyboard.press('Enter');
    const form = call.locator('details.transfer[open] form');
    await form.getByLabel('To').fill('102');
    await form.getByLabel('Method').selectOption('blind');
    await form.getByLabel('To').press('Enter');

    const answerBoris = page.getByRole('button', { name: 'Answer as 102 Boris Ivanov' });
    await answerBoris.waitFor();
    const toBoris = (await liveLegs(sb)).find((l) => l.to.extension === '102');
    assert.equal(toBoris?.transfer, 'blind');
    assert.equal(toBoris?.from.number, CUSTOMER, 'the customer is put through to Boris');
    await answerBoris.click();
    await page.getByRole('button', { name: 'Hang up as 102 Boris Ivanov' }).click();
    await page.locator('#board-empty').waitFor({ state: 'visible' });
    assert.deepEqual(await liveLegs(sb), []);

    const history = (await (await fetch(`${sb.url}/_sandbox/history`)).json()) as {
      calls: Array<{ call_direction: number; entry_result: number; legs: Array<{ to_extension?: string }> }>;
    };
    const done = history.calls.at(-1);
    assert.equal(done?.call_direction, 2);
    assert.equal(done?.entry_result, 1);
    assert.ok(
      done?.legs.some((l) => l.to_extension === '102'),
      'Boris took the call',
    );
  });

  test('a ringing employee rejects from the page', async () => {
    await page.getByLabel('Customer number').fill('79001110000');
    await page.getByLabel('Keys for the menu', { exact: false }).fill('1');
    await page.getByRole('button', { name: 'Call', exact: true }).click();
    const call = page.locator('article.call', { hasText: '79001110000' });
    await call.waitFor();
    const reject = page.getByRole('button', { name: 'Reject as 101 Anna Petrova' });
    for (let i = 0; i < 40 && (await reject.count()) === 0; i++) {
      await page.getByRole('button', { name: 'Advance the clock 1 s' }).click();
      await page.waitForFunction(() => !document.querySelector('#clock-controls button[disabled]'));
    }
    const legId = await page.locator('tr', { has: reject }).getAttribute('data-call-id');
    await reject.click();
    const row = page.locator(`tr[data-call-id="${legId}"]`);
    await row.locator('.badge', { hasText: 'ended (1122 rejected by the called party)' }).waitFor();
    await call.getByRole('button', { name: 'Customer 79001110000 hangs up' }).click();
    await call.waitFor({ state: 'detached' });
  });

  test('no page errors', () => {
    assert.deepEqual(watched.errors, []);
    assert.deepEqual(watched.offsite, []);
  });
});
