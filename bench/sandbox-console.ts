/**
 * The console's live board: how long a new call takes to show on the page, against the
 * stream it is built on, measured on the same calls in the same run.
 *
 * Ours: POST `/_sandbox/calls/incoming` → the call's `<article>` is in the page's DOM (headless
 * Chromium; SSE parse, store, render). Baseline: the same POST → the call's first `leg` event
 * read off `/_sandbox/stream` by a bare Node client (the floor the page cannot beat).
 * Two shapes: calls one after another (latency), and a burst of calls at once (until the last
 * one shows).
 *
 *   node --conditions=source --import tsx bench/sandbox-console.ts [calls=40] [burst=100]
 */
import { startSandbox } from '../packages/sandbox/src/index.js';
import { launchChromium } from '../packages/sandbox/test/console/browser.js';

const CALLS = Number(process.argv[2] ?? 40);
const BURST = Number(process.argv[3] ?? 100);

const now = () => performance.timeOrigin + performance.now();

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}

const sb = await startSandbox({ port: 0, clock: 'manual', rateLimits: false });
const browser = await launchChromium();

try {
  // Baseline client: first `leg` event per entry_id, stamped on arrival.
  const streamSeen = new Map<string, number>();
  const stream = await fetch(`${sb.url}/_sandbox/stream`);
  const reader = stream.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  void (async () => {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      const at = now();
      buffer += decoder.decode(value, { stream: true });
      let cut = buffer.indexOf('\n\n');
      while (cut >= 0) {
        const frame = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        cut = buffer.indexOf('\n\n');
        if (!frame.startsWith('event: leg\n')) continue;
        const data = JSON.parse(frame.slice(frame.indexOf('data: ') + 6)) as { entry_id: string };
        if (!streamSeen.has(data.entry_id)) streamSeen.set(data.entry_id, at);
      }
    }
  })();

  const page = await browser.newPage();
  const t0 = now();
  await page.goto(`${sb.url}/`);
  await page.waitForSelector('body[data-ready]');
  const loadMs = now() - t0;
  // Page side: stamp each call article when it enters the DOM (epoch ms, same machine clock).
  await page.evaluate(`(() => {
    window.__seen = {};
    const board = document.getElementById('board');
    new MutationObserver(() => {
      const at = performance.timeOrigin + performance.now();
      for (const a of board.querySelectorAll('article.call')) {
        if (!(a.dataset.entryId in window.__seen)) window.__seen[a.dataset.entryId] = at;
      }
    }).observe(board, { childList: true });
  })()`);
  const pageSeen = async () => (await page.evaluate('window.__seen')) as Record<string, number>;
  const post = async (from: string) => {
    const res = await fetch(`${sb.url}/_sandbox/calls/incoming`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ from }),
    });
    return ((await res.json()) as { entry_id: string }).entry_id;
  };
  const waitAll = async (ids: string[]) => {
    for (;;) {
      const seen = await pageSeen();
      if (ids.every((id) => id in seen && streamSeen.has(id))) return seen;
      await new Promise((r) => setTimeout(r, 20));
    }
  };

  // 1. One call at a time.
  const pageLat: number[] = [];
  const streamLat: number[] = [];
  for (let i = 0; i < CALLS; i++) {
    const sent = now();
    const id = await post(`7900${String(i).padStart(7, '0')}`);
    const seen = await waitAll([id]);
    pageLat.push(seen[id]! - sent);
    streamLat.push(streamSeen.get(id)! - sent);
  }
  await fetch(`${sb.url}/_sandbox/office/reset`, { method: 'POST', body: '{}' });
  await page.waitForSelector('#board-empty', { state: 'visible' });

  // 2. A burst: every call posted at once; time until the last one shows.
  const start = now();
  const ids = await Promise.all(
    Array.from({ length: BURST }, (_, i) => post(`7911${String(i).padStart(7, '0')}`)),
  );
  const seen = await waitAll(ids);
  const pageLast = Math.max(...ids.map((id) => seen[id]!)) - start;
  const streamLast = Math.max(...ids.map((id) => streamSeen.get(id)!)) - start;

  const f = (n: number) => `${n.toFixed(1)} ms`;
  console.log(`page load to first snapshot: ${f(loadMs)}`);
  console.log(`\none call at a time (${CALLS} calls)      median          p95`);
  console.log(
    `  page (board article)        ${f(quantile(pageLat, 0.5)).padStart(10)} ${f(quantile(pageLat, 0.95)).padStart(12)}`,
  );
  console.log(
    `  stream (bare SSE client)    ${f(quantile(streamLat, 0.5)).padStart(10)} ${f(quantile(streamLat, 0.95)).padStart(12)}`,
  );
  console.log(
    `  page/stream median ratio    ${(quantile(pageLat, 0.5) / quantile(streamLat, 0.5)).toFixed(2)}`,
  );
  console.log(`\nburst of ${BURST} calls: last one shown`);
  console.log(`  page ${f(pageLast)}, stream ${f(streamLast)}, ratio ${(pageLast / streamLast).toFixed(2)}`);
  await reader.cancel();
} finally {
  await browser.close();
  await sb.close();
}
