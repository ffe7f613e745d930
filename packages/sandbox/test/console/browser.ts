import { type Browser, chromium, type Page } from 'playwright-core';
import { skipWithout, toolPath } from '../../../../scripts/test-tools.mjs';

/** The `skip` option of a browser test: why it is skipped when Chromium is absent and skipping is allowed. */
export const SKIP_WITHOUT_CHROMIUM = skipWithout('chromium');

/** Launches Debian's headless Chromium (the tests never download a browser) with everything that would reach the network switched off. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: toolPath('chromium'),
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** Collects uncaught page errors and failed requests outside the sandbox, so a test can assert there were none. */
export function watchPage(page: Page, origin: string): Watched {
  const errors: string[] = [];
  const offsite: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !/404|409|400/.test(msg.text())) errors.push(msg.text());
  });
  page.on('request', (req) => {
    const url = req.url();
    if (!url.startsWith(origin) && !url.startsWith('data:')) offsite.push(url);
  });
  return { errors, offsite };
}

/** What `watchPage` collects. */
export type Watched = { errors: string[]; offsite: string[] };

/**
 * Opens the console of the sandbox at `origin` (`hash`: the view, e.g. `#office`) in a page of
 * its own context, 1280×900, in `locale` when given; watched (`watchPage`) and ready to use.
 */
export async function openConsole(
  browser: Browser,
  origin: string,
  options: { locale?: string; hash?: string } = {},
): Promise<{ page: Page; watched: Watched }> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    ...(options.locale ? { locale: options.locale } : {}),
  });
  const page = await context.newPage();
  const watched = watchPage(page, origin);
  await page.goto(`${origin}/${options.hash ?? ''}`);
  await page.waitForSelector('body[data-ready]');
  return { page, watched };
}

/**
 * Controls of the page without an accessible name: buttons without text or label, form fields
 * without a `<label>` or `aria-label`, audio players without a label. Hidden sections count too.
 * A string script: the TypeScript loader would wrap functions passed to the page.
 */
export async function unnamedControls(page: Page): Promise<string[]> {
  return (await page.evaluate(`(() => {
    const bad = [];
    for (const el of document.querySelectorAll('button, summary, input, select, textarea, audio, a[href]')) {
      const aria = (el.getAttribute('aria-label') || '').trim();
      const text = (el.textContent || '').trim();
      const labelled = el.labels && el.labels.length > 0;
      const ok = el.tagName === 'INPUT' || el.tagName === 'SELECT' || el.tagName === 'TEXTAREA'
        ? labelled || aria !== ''
        : el.tagName === 'AUDIO' ? aria !== '' : aria !== '' || text !== '';
      if (!ok) bad.push(el.outerHTML.slice(0, 160));
    }
    return bad;
  })()`)) as string[];
}
