/**
 * Gateway benchmark (issue 6): durable notifications/s and p99 acknowledgement latency, load
 * from a second process (wrk, one thread, 64 connections, every request a different signed
 * `events/call`), for the gateway on SQLite (synchronous=FULL and NORMAL) and on PostgreSQL,
 * against the SDK's plain `node:http` listener without storage, in the same run. Each gateway
 * sample starts on a fresh database; rows are counted afterwards (nothing acknowledged may be
 * missing).
 *
 *   node --conditions=source --import tsx bench/gateway.ts [--rounds 2] [--duration 5]
 *     [--connections 64] [--only baseline,sqlite-full] [--cpu-prof DIR] [--before-bin PATH]
 *
 * `--before-bin PATH` also runs every gateway kind selected on another build of the gateway
 * (its `dist/bin.js`, e.g. a worktree of an earlier commit), as `<kind>-before`, in the same
 * rounds: the change and what it replaced, measured side by side.
 * `--cpu-prof DIR` runs every receiver under `node --cpu-prof` (one profile per thread in DIR).
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import pg from 'pg';
import { startPostgres } from '../packages/gateway/test/support/postgres.js';
import { BENCH_KEY, BENCH_SALT, luaScript, writeBodies } from './gateway/bodies.js';
import { buildPackage, median, numberOption, processCpuSeconds, ROOT, wrkP99Ms } from './support/harness.js';

const run = promisify(execFile);
const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const ROUNDS = numberOption('rounds', 2);
const DURATION = numberOption('duration', 5);
const CONNECTIONS = numberOption('connections', 64);
const ONLY = args.includes('--only') ? args[args.indexOf('--only') + 1]!.split(',') : null;
const CPU_PROF = args.includes('--cpu-prof') ? args[args.indexOf('--cpu-prof') + 1]! : null;
const BEFORE_BIN = args.includes('--before-bin') ? args[args.indexOf('--before-bin') + 1]! : null;
const MEASURED = 150_000; // bodies for the measured run (more than any sample sends)
const WARMUP = 20_000; // a separate range for the 1 s warm-up
const GATEWAY_KINDS = ['sqlite-full', 'sqlite-normal', 'postgres'] as const;
const KINDS: string[] = ['baseline', ...GATEWAY_KINDS];
if (BEFORE_BIN !== null) KINDS.push(...GATEWAY_KINDS.map((k) => `${k}-before`));
type Kind = string;

interface Sample {
  rps: number;
  p99ms: number;
  requests: number;
  non2xx: number;
  rows: number | null;
  /** CPU time of the receiver process per answered request, in µs (robust to a busy machine). */
  cpuUs: number;
}

async function wrk(
  url: string,
  lua: string,
  seconds: number,
  start: number,
): Promise<Omit<Sample, 'rows' | 'cpuUs'>> {
  const { stdout } = await run(
    'wrk',
    ['-t1', `-c${CONNECTIONS}`, `-d${seconds}s`, '--latency', '-s', lua, `${url}/events/call`],
    { env: { ...process.env, START: String(start) } },
  );
  return {
    rps: Number(/Requests\/sec:\s+([\d.]+)/.exec(stdout)?.[1] ?? Number.NaN),
    p99ms: wrkP99Ms(stdout),
    requests: Number(/(\d+) requests in/.exec(stdout)?.[1] ?? 0),
    non2xx: Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(stdout)?.[1] ?? 0),
  };
}

/**
 * Starts a receiver on the built packages (`dist`, what users install): the gateway's own
 * binary under plain `node`; the baseline's `.ts` entry through tsx, its imports from `dist`.
 */
function spawnServer(argv: string[], ready: RegExp): Promise<{ child: ChildProcess; url: string }> {
  const loader = argv[0]!.endsWith('.ts') ? ['--import', 'tsx'] : [];
  const profile = CPU_PROF === null ? [] : ['--cpu-prof', '--cpu-prof-dir', CPU_PROF];
  const child = spawn(process.execPath, [...profile, ...loader, ...argv], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, NODE_ENV: 'production', MANGO_API_KEY: BENCH_KEY, MANGO_API_SALT: BENCH_SALT },
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = ready.exec(out);
      if (m) resolve({ child, url: m[1]!.startsWith('http') ? m[1]! : `http://127.0.0.1:${m[1]}` });
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
}

async function stop(child: ChildProcess): Promise<void> {
  child.removeAllListeners('exit');
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

// The receivers run the built packages: build them first.
await buildPackage('packages/gateway');
const work = join(here, '.work');
mkdirSync(work, { recursive: true });
const bodiesFile = join(work, 'gateway-bodies.txt');
await writeBodies(bodiesFile, MEASURED + WARMUP);
const lua = join(work, 'gateway.lua');
writeFileSync(lua, luaScript(bodiesFile));
console.log(
  `gateway bench: wrk -t1 -c${CONNECTIONS} -d${DURATION}s per sample, unique signed events/call bodies, ${ROUNDS} interleaved rounds`,
);

const postgres = await startPostgres();
// Interrupted by hand: still stop the PostgreSQL server this run started.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    postgres.stop().finally(() => process.exit(130));
  });
}
const samples: Record<Kind, Sample[]> = Object.fromEntries(KINDS.map((k) => [k, []]));
let dbCounter = 0;
try {
  for (let round = 1; round <= ROUNDS; round++) {
    const kinds = KINDS.filter((k) => ONLY === null || ONLY.includes(k.replace(/-before$/, '')));
    const order = round % 2 ? kinds : [...kinds].reverse();
    for (const kindName of order) {
      const before = kindName.endsWith('-before');
      const kind = kindName.replace(/-before$/, '');
      const gatewayBin = before ? BEFORE_BIN! : join(ROOT, 'packages/gateway/dist/bin.js');
      let server: { child: ChildProcess; url: string };
      let count: () => Promise<number | null> = async () => null;
      const cleanup: Array<() => void> = [];
      if (kind === 'baseline') {
        server = await spawnServer([join(here, 'gateway', 'baseline.ts')], /PORT (\d+)/);
      } else if (kind === 'postgres') {
        const url = await postgres.createDatabase(`bench_${++dbCounter}`);
        server = await spawnServer(
          [gatewayBin, '--host', '127.0.0.1', '--port', '0', '--database-url', url, '--log-level', 'error'],
          /listening (\S+)/,
        );
        count = async () => {
          const c = new pg.Client({ connectionString: url });
          await c.connect();
          const n = Number((await c.query('SELECT count(*) AS n FROM events')).rows[0].n);
          await c.end();
          return n;
        };
      } else {
        const dir = mkdtempSync(join(tmpdir(), 'gw-bench-'));
        cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
        const sync = kind === 'sqlite-full' ? 'FULL' : 'NORMAL';
        server = await spawnServer(
          [
            gatewayBin,
            '--host',
            '127.0.0.1',
            '--port',
            '0',
            '--data-dir',
            dir,
            '--sqlite-sync',
            sync,
            '--log-level',
            'error',
          ],
          /listening (\S+)/,
        );
        count = async () => {
          const db = new Database(join(dir, 'gateway.db'), { readonly: true });
          const n = Number((db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n);
          db.close();
          return n;
        };
      }
      try {
        await wrk(server.url, lua, 1, MEASURED); // warm-up on its own range of bodies
        const before = (await count()) ?? 0;
        const cpuBefore = processCpuSeconds(server.child.pid);
        const s = await wrk(server.url, lua, DURATION, 0);
        await new Promise((r) => setTimeout(r, 300)); // let the last in-flight commits land
        const cpuUs = ((processCpuSeconds(server.child.pid) - cpuBefore) * 1e6) / Math.max(1, s.requests);
        const after = await count();
        const rows = after === null ? null : after - before;
        samples[kindName]!.push({ ...s, rows, cpuUs });
        const acked = s.requests - s.non2xx;
        const lost =
          rows === null ? '' : `  rows ${rows} (acked ${acked}, lost ${Math.max(0, acked - rows)})`;
        console.log(
          `round ${round} ${kindName.padEnd(20)} ${s.rps.toFixed(0).padStart(7)}/s  p99 ${s.p99ms.toFixed(2)} ms  cpu ${cpuUs.toFixed(0)} µs/req  non-2xx ${s.non2xx}${lost}`,
        );
      } finally {
        await stop(server.child);
        for (const c of cleanup) c();
      }
    }
  }
} finally {
  await postgres.stop();
  rmSync(bodiesFile, { force: true });
}

const rps = (k: Kind) => median(samples[k]!.map((s) => s.rps));
const p99 = (k: Kind) => median(samples[k]!.map((s) => s.p99ms));
const ratio = (a: Kind, b: Kind) => median(samples[a]!.map((s, i) => s.rps / samples[b]![i]!.rps));
const lost = (k: Kind) =>
  samples[k]!.reduce((n, s) => n + (s.rows === null ? 0 : Math.max(0, s.requests - s.non2xx - s.rows)), 0);
console.log('\nmedians over rounds (ratios are medians of per-round ratios):');
const cpu = (k: Kind) => median(samples[k]!.map((s) => s.cpuUs));
console.log(
  '| receiver | durable notifications/s | p99 ack latency | ÷ baseline | receiver CPU per notification | one-core CPU bound | acknowledged but lost |',
);
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const kind of KINDS.filter((k) => samples[k]!.length > 0)) {
  console.log(
    `| ${kind} | ${rps(kind).toFixed(0)} | ${p99(kind).toFixed(2)} ms | ${ratio(kind, 'baseline').toFixed(2)}× | ${cpu(kind).toFixed(0)} µs | ${(1e6 / cpu(kind)).toFixed(0)}/s | ${kind === 'baseline' ? 'n/a (no storage)' : lost(kind)} |`,
  );
}
if (BEFORE_BIN !== null) {
  console.log(
    '\nthis build ÷ the --before-bin build (medians of per-round ratios): rate · CPU per notification',
  );
  for (const kind of GATEWAY_KINDS.filter(
    (k) => samples[k]!.length > 0 && samples[`${k}-before`]!.length > 0,
  )) {
    const cpuRatio = median(samples[kind]!.map((s, i) => s.cpuUs / samples[`${kind}-before`]![i]!.cpuUs));
    console.log(`${kind}: ${ratio(kind, `${kind}-before`).toFixed(2)}× · ${cpuRatio.toFixed(2)}×`);
  }
}
