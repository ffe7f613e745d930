/**
 * Receiver benchmark (issue 3, issue 14): verified and parsed notifications/s and p99 latency,
 * load from a second process (wrk, 64 connections, a fixed 647-byte signed `events/call` form),
 * server CPU per request from /proc. Receivers, each in its own process — plain `node` on the
 * built package (`bench/receiver/server.mjs`), pinned to cpu 0 while wrk is pinned to cpu 1 —
 * sampled in interleaved rounds:
 *   bare      a bare `node:http` server answering 200 once the body is read — the ceiling;
 *   ours      the `node:http` adapter (`createNodeListener`);
 *   peer      the `mango-vpbx` package's receiver on its Express;
 *   ours-web  the web-standard handler served by `@hono/node-server` (what Hono users run on Node);
 *   with `--only a,b` also: bare-web (`@hono/node-server` doing nothing but read the body),
 *   ours-web-undici (the handler given Node's own Request per notification, as Next.js route
 *   handlers are), ours-quiet (the adapter without a subscriber).
 *
 *   node --conditions=source --import tsx bench/receiver.ts [--rounds 3] [--duration 5] [--threads 1] [--only ours-web,bare-web]
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { BENCH_CREDENTIALS, BODY_BYTES, benchBody } from './receiver/body.js';
import {
  buildPackage,
  canPin,
  median,
  numberOption,
  pinned,
  processCpuSeconds,
  ROOT,
  wrkP99Ms,
} from './support/harness.js';

const run = promisify(execFile);
const here = dirname(fileURLToPath(import.meta.url));
const ROUNDS = numberOption('rounds', 3);
const DURATION = numberOption('duration', 5);
const THREADS = numberOption('threads', 1);
const CONNECTIONS = 64;
const ALL_KINDS = ['bare', 'ours', 'peer', 'ours-web', 'bare-web', 'ours-web-undici', 'ours-quiet'] as const;
type Kind = (typeof ALL_KINDS)[number];
/** `--only a,b` picks receivers (bare and ours are always run: every ratio is against them). */
const onlyArg = process.argv.indexOf('--only');
const KINDS: readonly Kind[] =
  onlyArg >= 0
    ? ALL_KINDS.filter(
        (k) => k === 'bare' || k === 'ours' || process.argv[onlyArg + 1]!.split(',').includes(k),
      )
    : ['bare', 'ours', 'peer', 'ours-web'];

interface Sample {
  rps: number;
  /** Server CPU time (user + system) per answered request, microseconds. */
  cpuUs: number;
  p99ms: number;
  requests: number;
  non2xx: number;
  delivered: number;
}

function writeLua(): string {
  const body = benchBody();
  if (Buffer.byteLength(body) !== BODY_BYTES) throw new Error('bench body has the wrong size');
  const dir = join(here, '.work');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'post-call.lua');
  writeFileSync(
    file,
    `wrk.method = "POST"\nwrk.body = ${JSON.stringify(body)}\nwrk.headers["Content-Type"] = "application/x-www-form-urlencoded"\n`,
  );
  return file;
}

async function startServer(kind: Kind): Promise<{ child: ChildProcess; port: number }> {
  // Plain node on the built package, on core 0: no TypeScript loader in any receiver's process.
  const [command, argv] = await pinned(0, process.execPath, [join(here, 'receiver', 'server.mjs'), kind]);
  const child = spawn(command, argv, {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, NODE_ENV: 'production', BENCH_CREDENTIALS: JSON.stringify(BENCH_CREDENTIALS) },
  });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /PORT (\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', (code) => reject(new Error(`${kind} server exited with ${code}`)));
  });
  return { child, port };
}

async function stopServer(child: ChildProcess): Promise<number> {
  let out = '';
  child.stdout!.on('data', (d: Buffer) => {
    out += d.toString();
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
  return Number(/COUNT (\d+)/.exec(out)?.[1] ?? 0);
}

async function wrk(
  port: number,
  lua: string,
  seconds: number,
  pid?: number,
): Promise<Omit<Sample, 'delivered'>> {
  const cpuBefore = pid ? processCpuSeconds(pid) : 0;
  const { stdout } = await run(
    ...(await pinned(1, 'wrk', [
      `-t${THREADS}`,
      `-c${CONNECTIONS}`,
      `-d${seconds}s`,
      '--latency',
      '-s',
      lua,
      `http://127.0.0.1:${port}/events/call`,
    ])),
  );
  const requests = Number(/(\d+) requests in/.exec(stdout)?.[1] ?? 0);
  return {
    cpuUs: pid ? ((processCpuSeconds(pid) - cpuBefore) / requests) * 1e6 : Number.NaN,
    rps: Number(/Requests\/sec:\s+([\d.]+)/.exec(stdout)?.[1] ?? Number.NaN),
    p99ms: wrkP99Ms(stdout),
    requests,
    non2xx: Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(stdout)?.[1] ?? 0),
  };
}

// The receivers import the built package, as users do: build it first.
await buildPackage('packages/sdk');
const lua = writeLua();
console.log(
  `receiver bench: wrk -t${THREADS} -c${CONNECTIONS} -d${DURATION}s per sample, ${BODY_BYTES}-byte signed events/call, ${ROUNDS} interleaved rounds${(await canPin()) ? ', server pinned to cpu 0 and wrk to cpu 1' : ''}`,
);
// All receivers run at once (idle ones cost nothing) and are sampled in turn, so a shared,
// noisy machine drifts alike for all of them; ratios are taken within each round.
const servers = {} as Record<Kind, { child: ChildProcess; port: number }>;
for (const kind of KINDS) servers[kind] = await startServer(kind);
const samples = Object.fromEntries(ALL_KINDS.map((k) => [k, []])) as unknown as Record<
  Kind,
  Omit<Sample, 'delivered'>[]
>;
try {
  for (const kind of KINDS) await wrk(servers[kind].port, lua, 2); // warm-up: JIT, connections
  for (let round = 1; round <= ROUNDS; round++) {
    const order = round % 2 ? KINDS : [...KINDS].reverse();
    for (const kind of order) {
      const s = await wrk(servers[kind].port, lua, DURATION, servers[kind].child.pid);
      samples[kind].push(s);
      console.log(
        `round ${round} ${kind.padEnd(8)} ${s.rps.toFixed(0).padStart(7)}/s  p99 ${s.p99ms.toFixed(2)} ms  cpu ${s.cpuUs.toFixed(1)} µs/req  non-2xx ${s.non2xx}`,
      );
    }
  }
} finally {
  for (const kind of KINDS) {
    const delivered = await stopServer(servers[kind].child);
    if (kind !== 'bare' && kind !== 'bare-web')
      console.log(`${kind}: ${delivered} notifications verified, parsed and delivered to a subscriber`);
  }
}
const rps = (k: Kind) => median(samples[k].map((s) => s.rps));
const p99 = (k: Kind) => median(samples[k].map((s) => s.p99ms));
const cpu = (k: Kind) => median(samples[k].map((s) => s.cpuUs));
const ratio = (a: Kind, b: Kind) => median(samples[a].map((s, i) => s.rps / samples[b][i]!.rps));
// CPU per request is what limits a receiver on a machine of its own; it is far less
// disturbed by other load than wall-clock throughput, so its ratios are printed too.
const cpuRatio = (a: Kind, b: Kind) => median(samples[a].map((s, i) => samples[b][i]!.cpuUs / s.cpuUs));
console.log('\nmedians over rounds (ratios are medians of per-round ratios):');
console.log(
  '| receiver | notifications/s | p99 latency | ÷ bare (wrk) | ours ÷ it (wrk) | CPU µs/req | ÷ bare (CPU) | ours ÷ it (CPU) |',
);
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const kind of KINDS) {
  console.log(
    `| ${kind} | ${rps(kind).toFixed(0)} | ${p99(kind).toFixed(2)} ms | ${ratio(kind, 'bare').toFixed(2)}× | ${ratio('ours', kind).toFixed(2)}× | ${cpu(kind).toFixed(1)} | ${cpuRatio(kind, 'bare').toFixed(2)}× | ${cpuRatio('ours', kind).toFixed(2)}× |`,
  );
}
const bad = KINDS.filter((k) => samples[k].some((s) => s.non2xx > 0));
if (bad.length > 0) console.log(`\nWARNING: non-2xx answers from: ${bad.join(', ')}`);
