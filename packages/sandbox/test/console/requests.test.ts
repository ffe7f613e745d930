import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { encodeEnvelope, signJson } from 'mangokit/protocol';
import type { Browser, Page } from 'playwright-core';
import { type Sandbox, startSandbox } from '../../src/index.js';
import { launchChromium, SKIP_WITHOUT_CHROMIUM, watchPage } from './browser.js';

describe("the console's API request log in headless Chromium", { skip: SKIP_WITHOUT_CHROMIUM }, () => {
  let sb: Sandbox;
  let browser: Browser;
  let page: Page;
  let watched: { errors: string[]; offsite: string[] };

  /** A signed request (`json` as given, e.g. PHP's `[]`), to any path. */
  async function post(path: string, json = '{}'): Promise<number> {
    const credentials = { apiKey: sb.office.api_key, apiSalt: sb.office.api_salt };
    const body = encodeEnvelope({
      vpbx_api_key: credentials.apiKey,
      json,
      sign: signJson(credentials, json),
    });
    const res = await fetch(`${sb.url}${path}`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    await res.arrayBuffer();
    return res.status;
  }

  before(async () => {
    sb = await startSandbox({ port: 0, clock: 'manual' });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    watched = watchPage(page, sb.url);
    assert.equal(await post('/vpbx/account/balance'), 200);
    await page.goto(`${sb.url}/#requests`);
    await page.waitForSelector('body[data-ready]');
  });
  after(async () => {
    await browser?.close();
    await sb?.close();
  });

  test('lists earlier requests, then live ones: a path without vpbx/ names the method meant', async () => {
    const rows = page.locator('#requests-body tr');
    await rows.filter({ hasText: '/vpbx/account/balance' }).waitFor();
    assert.equal(await post('/sips'), 404);
    const sips = rows.filter({ hasText: '/sips' }).first();
    await sips.waitFor();
    assert.match((await sips.textContent()) ?? '', /did you mean \/vpbx\/sips\?/);
    assert.equal(await sips.getAttribute('data-status'), '404');
    assert.equal(await post('/vpbx/config/users/request', '[]'), 200);
    await rows.filter({ hasText: 'json=[] read as {}' }).waitFor();
    // Newest first.
    assert.match((await rows.first().textContent()) ?? '', /config\/users\/request/);
    assert.deepEqual(watched.errors, []);
    assert.deepEqual(watched.offsite, []);
  });
});
