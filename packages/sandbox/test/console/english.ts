import type { Page } from 'playwright-core';
import type { Office } from '../../src/office/types.js';

/**
 * Latin words a Russian reader may meet on the page: names of formats, protocols and the product,
 * HTTP methods, the English option of the language switch.
 */
const ALLOWED = new Set([
  'mangokit',
  'API',
  'URL',
  'HTTP',
  'JSON',
  'YAML',
  'MP3',
  'mp3',
  'POST',
  'GET',
  'DISA',
  'English',
]);

/**
 * Every text a person reads in what is shown (the header, the tab bar, the open section): the
 * rendered text, and the accessible names, tooltips and placeholders of elements not hidden. A
 * string script: the TypeScript loader would wrap functions passed to the page.
 */
async function readableText(page: Page): Promise<string> {
  return String(
    await page.evaluate(`(() => {
      let shown = document.body.innerText;
      // A notification's payload is data as the vendor sends it; code is paths and field names.
      for (const pre of document.querySelectorAll('pre, code')) if (pre.innerText) shown = shown.split(pre.innerText).join(' ');
      const parts = [document.title, shown];
      for (const el of document.querySelectorAll('[aria-label], [title], [placeholder], [alt]')) {
        if (el.closest('[hidden]')) continue;
        for (const name of ['aria-label', 'title', 'placeholder', 'alt']) {
          const v = el.getAttribute(name);
          if (v) parts.push(v);
        }
      }
      return parts.join('\\n');
    })()`),
  );
}

/**
 * The English words left on the page as it is shown now, apart from what is data: the office's own
 * names (employees, departments, groups, lines, schemes), ids, URLs and API paths, payloads.
 */
export async function englishLeft(page: Page, office: Office): Promise<string[]> {
  let text = await readableText(page);
  const data = [
    office.name,
    ...office.employees.flatMap((e) => [e.name, e.department ?? '', e.position ?? '']),
    ...office.groups.map((g) => g.name),
    ...office.lines.flatMap((l) => [l.name ?? '', l.region, l.number]),
    ...(office.schemes ?? []).map((s) => s.name),
  ]
    .filter((s) => s !== '')
    .sort((a, b) => b.length - a.length);
  for (const words of data) text = text.split(words).join(' ');
  text = text
    .replace(/"[^"\n]*"|«[^»\n]*»/g, ' ') // quoted values
    .replace(/https?:\/\/\S+/g, ' ') // URLs
    .replace(/\bE[A-Z]{3,}\b/g, ' ') // system error codes (ECONNREFUSED)
    .replace(/\S*\/\S*/g, ' ') // API paths (events/call, /vpbx/…)
    .replace(/\S+…\S+/g, ' ') // shortened ids
    .replace(/(?=[A-Za-z0-9+=]*[a-z])(?=[A-Za-z0-9+=]*[A-Z][A-Za-z0-9+=]*[A-Z])[A-Za-z0-9+=]{10,}/g, ' ') // base64 ids
    .replace(/[A-Za-z0-9+=_-]*\d[A-Za-z0-9+=_-]*/g, ' '); // ids and numbers
  const words = text.match(/[A-Za-z]{2,}/g) ?? [];
  return [...new Set(words.filter((w) => !ALLOWED.has(w)))];
}
