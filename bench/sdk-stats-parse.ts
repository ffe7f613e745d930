/**
 * Statistics parsing: typed rows/s and peak RSS for a 1,000,000-row `stats/result` body fed in
 * arbitrary chunks, each side in its own child process (so peaks do not mix):
 *   ours        — StatsCsvParser.push(chunk, onRow) over chunks of 1 B…64 KiB (typed rows handed
 *                 to a callback as each is built)
 *   ours-async  — parseStatsStream(), the async iterable stats.history() yields
 *   ours-batch  — StatsCsvParser.push(chunk, rows): every row a chunk completes, in an array (not
 *                 run by default)
 *   peer        — mango-vpbx 1.6.4 Stats.toArray() on the whole body (untyped string arrays; its API
 *                 needs the full body in memory)
 *   split       — a bare streaming split of 64 KiB chunks into untyped arrays (scale reference)
 *
 * The children run plain `node` on an esbuild bundle of this file (in bench/.work/): under tsx
 * every process carries the loader's extra thread, which alone is larger than the target.
 *
 *   node --conditions=source --import tsx bench/sdk-stats-parse.ts [rows=1000000] [sides=baseline,ours,ours-async,peer,split] [--rounds 1]
 */
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { StatsRow } from 'mangokit';
import { parseStatsStream, StatsCsvParser } from 'mangokit/protocol';

const BLOCK_ROWS = 10_000;
const self = fileURLToPath(import.meta.url);
const bundle = fileURLToPath(new URL('./.work/sdk-stats-parse.mjs', import.meta.url));

/** Bundles this file with the SDK sources (mango-vpbx stays external) for the child processes. */
async function build(): Promise<void> {
  const require = createRequire(import.meta.url);
  const esbuild = require('esbuild') as {
    build(o: Record<string, unknown>): Promise<unknown>;
  };
  mkdirSync(fileURLToPath(new URL('./.work/', import.meta.url)), { recursive: true });
  await esbuild.build({
    entryPoints: [self],
    outfile: bundle,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    conditions: ['source'],
    external: ['mango-vpbx'],
    banner: {
      js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
    },
    logLevel: 'warning',
  });
}

/** Deterministic pseudo-random numbers (mulberry32), so every side parses the same body. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A block of rows in the vendor's default column order, `\r\n`-terminated (the peer splits on
 * `\r\n`), written row by row into one buffer: building it as one big string first grew the
 * idle process by ~14 MiB of heap that every side then carried in its peak.
 */
function block(): Buffer {
  const rnd = prng(42);
  let out = Buffer.allocUnsafe(2 * 1024 * 1024);
  let used = 0;
  for (let i = 0; i < BLOCK_ROWS; i++) {
    const start = 1_767_225_600 + Math.floor(rnd() * 2_592_000);
    const answered = rnd() < 0.7;
    const recs = answered ? `[MToxOTk4NjQ5${i},MToxOTk4NjQ5${i + 1}]` : '[]';
    const inbound = rnd() < 0.5;
    const row = `${[
      recs,
      start,
      start + 30 + Math.floor(rnd() * 600),
      answered ? start + 5 : 0,
      inbound ? '' : String(100 + Math.floor(rnd() * 50)),
      inbound ? `7916${String(Math.floor(rnd() * 1e7)).padStart(7, '0')}` : '',
      inbound ? String(100 + Math.floor(rnd() * 50)) : '',
      inbound
        ? 'sip:user@vpbx400000000.mangosip.ru'
        : `7495${String(Math.floor(rnd() * 1e7)).padStart(7, '0')}`,
      answered ? 1110 : 1111,
      '74951234567',
      inbound ? 'abonent' : 'ivr',
    ].join(';')}\r\n`;
    if (used + row.length * 3 > out.length) {
      const bigger = Buffer.allocUnsafe(out.length * 2);
      out.copy(bigger, 0, 0, used);
      out = bigger;
    }
    used += out.write(row, used, 'utf8');
  }
  return out.subarray(0, used);
}

/** Chunks of the whole body: the block's bytes repeated, cut at pseudo-random sizes (1 B…64 KiB). */
function* chunks(bytes: Uint8Array, repeats: number): Generator<Uint8Array> {
  const rnd = prng(7);
  for (let r = 0; r < repeats; r++) {
    let at = 0;
    while (at < bytes.length) {
      const size = 1 + Math.floor(rnd() * 65_536);
      yield bytes.subarray(at, Math.min(bytes.length, at + size));
      at += size;
    }
  }
}

function consume(row: StatsRow, acc: { rows: number; sum: number }): void {
  acc.rows++;
  acc.sum += (row.finish ?? 0) - (row.start ?? 0) + (row.records?.length ?? 0);
}

async function side(name: string, totalRows: number): Promise<void> {
  const repeats = Math.ceil(totalRows / BLOCK_ROWS);
  const bytes = block();
  const acc = { rows: 0, sum: 0 };
  let t0 = 0;
  // CPU time of the parsing alone (the block above is built before): robust to other load.
  const cpu0 = process.cpuUsage();
  if (name === 'ours') {
    t0 = performance.now();
    const parser = new StatsCsvParser();
    const onRow = (row: StatsRow) => consume(row, acc);
    for (const chunk of chunks(bytes, repeats)) parser.push(chunk, onRow);
    parser.end(onRow);
  } else if (name === 'ours-batch') {
    t0 = performance.now();
    const parser = new StatsCsvParser();
    const batch: StatsRow[] = [];
    for (const chunk of chunks(bytes, repeats)) {
      parser.push(chunk, batch);
      for (let i = 0; i < batch.length; i++) consume(batch[i]!, acc);
      batch.length = 0;
    }
    for (const row of parser.end()) consume(row, acc);
  } else if (name === 'ours-async') {
    t0 = performance.now();
    async function* source() {
      yield* chunks(bytes, repeats);
    }
    for await (const row of parseStatsStream(source())) consume(row, acc);
  } else if (name === 'peer') {
    const require = createRequire(import.meta.url);
    const { Stats } = require('mango-vpbx/src/helpers/stats.js') as {
      Stats: { toArray(s: string): string[][] };
    };
    const body = bytes.toString('utf8').repeat(repeats); // its API takes the whole body
    t0 = performance.now();
    const rows = Stats.toArray(body);
    acc.rows = rows.length;
    for (const r of rows) acc.sum += Number(r[2]) - Number(r[1]);
  } else if (name === 'baseline') {
    // The process without parsing: Node itself plus the generated block.
    t0 = performance.now() - 1;
  } else {
    t0 = performance.now();
    const decoder = new TextDecoder();
    let rest = '';
    const big = new Uint8Array(65_536);
    let fill = 0;
    const flush = (final: boolean) => {
      const s = rest + decoder.decode(big.subarray(0, fill), { stream: !final });
      fill = 0;
      const lines = s.split('\n');
      rest = final ? '' : lines.pop()!;
      for (const line of lines) {
        if (line.length < 2) continue;
        const cols = line.split(';');
        acc.rows++;
        acc.sum += cols.length;
      }
    };
    for (const chunk of chunks(bytes, repeats)) {
      let at = 0;
      while (at < chunk.length) {
        const n = Math.min(chunk.length - at, big.length - fill);
        big.set(chunk.subarray(at, at + n), fill);
        fill += n;
        at += n;
        if (fill === big.length) flush(false);
      }
    }
    flush(true);
  }
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const peakMiB = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(
    `${JSON.stringify({ rows: acc.rows, rowsPerSecond: acc.rows / seconds, rowsPerCpuSecond: acc.rows / cpuSeconds, peakMiB, check: acc.sum })}\n`,
  );
}

interface Result {
  rows: number;
  rowsPerSecond: number;
  rowsPerCpuSecond: number;
  peakMiB: number;
}

async function runChild(name: string, rows: number): Promise<Result> {
  const child = spawn(process.execPath, [bundle, 'side', name, String(rows)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (c: Buffer) => {
    out += c.toString();
  });
  await new Promise((resolve) => child.on('exit', resolve));
  return JSON.parse(out) as Result;
}

function median(values: number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

async function main(): Promise<void> {
  const [mode, a, b] = process.argv.slice(2);
  if (mode === 'side') return side(a!, Number(b));
  const rows = Number(mode ?? 1_000_000);
  const roundsAt = process.argv.indexOf('--rounds');
  const rounds = roundsAt >= 0 ? Number(process.argv[roundsAt + 1]) : 1;
  await build();
  const sides = a && !a.startsWith('--') ? a.split(',') : ['baseline', 'ours', 'ours-async', 'peer', 'split'];
  const samples: Record<string, Result[]> = Object.fromEntries(sides.map((n) => [n, []]));
  // Sides alternate over the rounds (order reversed every other round), so drifting load on a
  // shared machine meets them all alike; ratios are taken within a round, then medianed.
  for (let round = 0; round < rounds; round++) {
    for (const name of round % 2 ? [...sides].reverse() : sides)
      samples[name]!.push(await runChild(name, rows));
  }
  const f = (n: number) => Math.round(n).toLocaleString('en-US');
  const med = (name: string, key: keyof Result) => median(samples[name]!.map((r) => r[key]));
  const ratio = (x: string, y: string, key: keyof Result) =>
    median(samples[x]!.map((r, i) => r[key] / samples[y]![i]![key]));
  console.log(`node ${process.version}, ${f(rows)} rows, chunks of 1 B…64 KiB, ${rounds} round(s), medians`);
  console.log('side       |      rows |      rows/s | rows per CPU-second | peak RSS MiB (max)');
  for (const name of sides) {
    const speed = name === 'baseline' ? '—' : f(med(name, 'rowsPerSecond'));
    const perCpu = name === 'baseline' ? '—' : f(med(name, 'rowsPerCpuSecond'));
    const peak = Math.max(...samples[name]!.map((r) => r.peakMiB));
    console.log(
      `${name.padEnd(10)} | ${f(med(name, 'rows')).padStart(9)} | ${speed.padStart(11)} | ${perCpu.padStart(19)} | ${peak.toFixed(0).padStart(18)}`,
    );
  }
  const over = (name: string) =>
    Math.max(...samples[name]!.map((r, i) => r.peakMiB - samples.baseline![i]!.peakMiB));
  for (const name of ['ours', 'ours-async', 'ours-batch', 'split']) {
    if (!samples[name] || !samples.baseline) continue;
    console.log(`${name}: peak RSS at most ${over(name).toFixed(1)} MiB over the idle process in a round`);
  }
  for (const name of ['ours', 'ours-async']) {
    if (samples[name] && samples.peer) {
      console.log(
        `${name}/peer: ${ratio(name, 'peer', 'rowsPerSecond').toFixed(2)}x rows/s, ${ratio(name, 'peer', 'peakMiB').toFixed(2)}x peak RSS`,
      );
    }
    if (samples[name] && samples.split) {
      console.log(
        `${name}/split: ${ratio(name, 'split', 'rowsPerSecond').toFixed(2)}x rows/s, ${ratio(name, 'split', 'rowsPerCpuSecond').toFixed(2)}x rows per CPU-second`,
      );
    }
  }
}

await main();
