/**
 * Sandbox load: thousands of calls in progress and ~100 new calls/s on a real clock, every
 * notification signed and delivered to a local receiver in another process. Measures
 * notifications/s delivered, sandbox CPU and memory, and p50/p99 delivery latency, for the
 * sandbox's own dispatcher (node:http keep-alive agent) and, in the same run, for a baseline
 * dispatcher on Node's global fetch. Then a burst phase measures raw delivery capacity.
 *
 * Run: node --conditions=source --import tsx bench/sandbox-load.ts [seconds=15] [callsPerSec=100] [--talk 48] [--only ours] [--no-burst]
 * (`--talk 48`: calls of 50 s, so 100 new calls/s keep ~5,000 in progress.)
 */
import { fork } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEnvelope, encodeEnvelope } from 'mangokit/protocol';
import { CallEngine } from '../packages/sandbox/src/engine/engine.js';
import { VirtualClock } from '../packages/sandbox/src/engine/clock.js';
import { createDemoOffice } from '../packages/sandbox/src/office/demo.js';
import type { Employee, Office } from '../packages/sandbox/src/office/types.js';
import { WebhookDispatcher } from '../packages/sandbox/src/webhooks/dispatcher.js';

const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i < 0 ? undefined : args[i + 1];
};
const positional = args.filter((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--'));
const MEASURE_SEC = Number(positional[0] ?? 15);
const RATE = Number(positional[1] ?? 100);
/** Answer after 2 s, then talk: with 10 s, 12 s per call × 100/s ≈ 1,200 calls in progress once warm. */
const ANSWER_SEC = 2;
const TALK_SEC = Number(flag('talk') ?? 10);
const WARMUP_SEC = ANSWER_SEC + TALK_SEC;
/** Enough operators for every call in progress, a third to spare. */
const OPERATORS = Math.max(1600, Math.ceil(RATE * WARMUP_SEC * 1.3));
const ONLY = flag('only');

const RECEIVER_SRC = `
const http = require('node:http');
let count = 0;
const server = http.createServer((req, res) => {
  req.resume();
  req.on('end', () => { count++; res.writeHead(200, { 'content-length': '2' }); res.end('ok'); });
});
server.keepAliveTimeout = 60000;
server.listen(0, '127.0.0.1', () => process.send({ port: server.address().port }));
process.on('message', (m) => {
  if (m === 'count') process.send({ count, cpu: process.cpuUsage() });
  if (m === 'exit') process.exit(0);
});
`;

interface ReceiverProc {
  url: string;
  stats(): Promise<{ count: number; cpu: NodeJS.CpuUsage }>;
  stop(): void;
}

async function startReceiverProcess(): Promise<ReceiverProc> {
  const file = join(tmpdir(), `mangokit-bench-receiver-${process.pid}.cjs`);
  writeFileSync(file, RECEIVER_SRC);
  const child = fork(file, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const port = await new Promise<number>((resolve) =>
    child.once('message', (m: { port: number }) => resolve(m.port)),
  );
  return {
    url: `http://127.0.0.1:${port}/hooks/`,
    stats: () =>
      new Promise((resolve) => {
        child.once('message', (m: { count: number; cpu: NodeJS.CpuUsage }) => resolve(m));
        child.send('count');
      }),
    stop: () => child.send('exit'),
  };
}

function benchOffice(): Office {
  const office = createDemoOffice();
  const template = office.employees[0]!;
  const employees: Employee[] = [];
  for (let i = 0; i < OPERATORS; i++) {
    const ext = String(1000 + i);
    employees.push({
      ...template,
      user_id: 10_000 + i,
      name: `Operator ${i}`,
      extension: ext,
      numbers: [
        { number: `sip:op${i}@bench.mangosip.ru`, protocol: 'sip', order: 0, wait_sec: 20, status: 'on' },
      ],
      sips: [],
      recording: 'none',
      policy: { onRing: 'answer', answerAfterSec: ANSWER_SEC, hangupAfterSec: TALK_SEC },
    });
  }
  office.employees = employees;
  office.groups = [
    {
      id: 1,
      name: 'Call centre',
      extension: '900',
      dial_alg_group: 0,
      dial_alg_users: 2,
      operators: employees.map((e, i) => ({ id: e.user_id, priority: 1, order: i })),
      ring_sec: 20,
    },
  ];
  office.schemes = [
    { schema_id: 1, name: 'straight', start: 'g', nodes: [{ id: 'g', type: 'group', group_id: 1 }] },
  ];
  office.lines = [{ line_id: 1, number: '74950000000', region: '77', schema_id: 1 }];
  office.forwarding_rules = [];
  office.bwlists.black.numbers = [];
  return office;
}

interface Sink {
  send(path: string, payload: unknown): void;
  latencies(): number[];
  delivered(): number;
  failed(): number;
  idle(): Promise<void>;
  close(): void;
}

function ourSink(url: string, office: Office): Sink {
  const d = new WebhookDispatcher({
    urls: [url],
    credentials: () => ({ apiKey: office.api_key, apiSalt: office.api_salt }),
    logLimit: 1_000_000,
  });
  return {
    send: (path, payload) => d.send(path, payload),
    latencies: () =>
      d
        .list()
        .filter((x) => x.status === 'delivered')
        .map((x) => x.latencyMs ?? 0),
    delivered: () => d.list({ status: 'delivered' }).length,
    failed: () => d.list({ status: 'failed' }).length,
    idle: () => d.idle(),
    close: () => d.close(),
  };
}

/**
 * Baseline: one global fetch() per notification (Node 20's undici), same signing, at most 64
 * requests in flight like our agent's socket pool (unbounded, fetch opens a socket per request
 * under load and runs out of file descriptors).
 */
function fetchSink(url: string, office: Office): Sink {
  const lat: number[] = [];
  let failed = 0;
  let inflight = 0;
  let active = 0;
  const queue: Array<() => void> = [];
  let waiters: Array<() => void> = [];
  const release = () => {
    active--;
    queue.shift()?.();
  };
  return {
    send(path, payload) {
      const body = encodeEnvelope(
        createEnvelope({ apiKey: office.api_key, apiSalt: office.api_salt }, payload),
      );
      const t0 = performance.now();
      inflight++;
      const go = () => {
        active++;
        post(t0, path, body);
      };
      if (active < 64) go();
      else queue.push(go);
    },
    latencies: () => lat,
    delivered: () => lat.length,
    failed: () => failed,
    idle: () => (inflight === 0 ? Promise.resolve() : new Promise((r) => waiters.push(r))),
    close() {
      waiters = [];
    },
  };
  function post(t0: number, path: string, body: string): void {
    fetch(url + path, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body,
    })
      .then(async (res) => {
        await res.arrayBuffer();
        if (res.ok) lat.push(performance.now() - t0);
        else failed++;
      })
      .catch(() => failed++)
      .finally(() => {
        release();
        inflight--;
        if (inflight === 0) for (const w of waiters.splice(0)) w();
      });
  }
}

function pct(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

interface Result {
  name: string;
  newCallsPerSec: number;
  inProgress: number;
  notifPerSec: number;
  cpuPct: number;
  receiverCpuPct: number;
  rssMb: number;
  heapMb: number;
  p50: number;
  p99: number;
  failed: number;
}

async function sustained(name: string, makeSink: (url: string, office: Office) => Sink): Promise<Result> {
  const receiver = await startReceiverProcess();
  const office = benchOffice();
  const sink = makeSink(receiver.url, office);
  const clock = new VirtualClock({ mode: 'real' });
  const engine = new CallEngine({ clock, office: () => office, sink: (p, x) => sink.send(p, x) });
  let n = 0;
  const interval = 1000 / RATE;
  let next = performance.now();
  let started = 0;
  let stopAt = Number.POSITIVE_INFINITY;
  const tick = setInterval(() => {
    const now = performance.now();
    while (next <= now && now < stopAt) {
      engine.incomingCall(`7900${String(n++).padStart(7, '0')}`, undefined, { onRing: 'answer' });
      started++;
      next += interval;
    }
  }, 5);
  await new Promise((r) => setTimeout(r, WARMUP_SEC * 1000));
  const lat0 = sink.latencies().length;
  const recv0 = await receiver.stats();
  const started0 = started;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let peakRss = 0;
  let peakHeap = 0;
  let inProgressSum = 0;
  let samples = 0;
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
    inProgressSum += engine.live.size;
    samples++;
  }, 250);
  await new Promise((r) => setTimeout(r, MEASURE_SEC * 1000));
  const wall = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const recv1 = await receiver.stats();
  const startedIn = started - started0;
  clearInterval(sampler);
  stopAt = 0;
  clearInterval(tick);
  const lats = sink
    .latencies()
    .slice(lat0)
    .sort((a, b) => a - b);
  const result: Result = {
    name,
    newCallsPerSec: startedIn / wall,
    inProgress: inProgressSum / Math.max(1, samples),
    notifPerSec: (recv1.count - recv0.count) / wall,
    cpuPct: ((cpu.user + cpu.system) / 1e6 / wall) * 100,
    receiverCpuPct:
      ((recv1.cpu.user - recv0.cpu.user + recv1.cpu.system - recv0.cpu.system) / 1e6 / wall) * 100,
    rssMb: peakRss / 2 ** 20,
    heapMb: peakHeap / 2 ** 20,
    p50: pct(lats, 50),
    p99: pct(lats, 99),
    failed: sink.failed(),
  };
  engine.hangupAll();
  clock.close();
  await Promise.race([sink.idle(), new Promise((r) => setTimeout(r, 3000))]);
  sink.close();
  receiver.stop();
  return result;
}

async function burst(name: string, makeSink: (url: string, office: Office) => Sink, count: number) {
  const receiver = await startReceiverProcess();
  const office = benchOffice();
  const sink = makeSink(receiver.url, office);
  const payload = {
    entry_id: 'ZW50cnk6YmVuY2g6MQ==',
    call_id: 'Y2FsbDpiZW5jaDox',
    timestamp: 1764230400,
    seq: 1,
    call_state: 'Appeared',
    location: 'abonent',
    from: { number: '79001234567' },
    to: { extension: '101', number: 'sip:anna101@demo.mangosip.ru', line_number: '74951234567' },
    dct: { type: 0 },
  };
  const t0 = performance.now();
  // Emitted in waves so the burst measures throughput, not one giant socket queue.
  const wave = 500;
  for (let i = 0; i < count; i += wave) {
    for (let j = 0; j < wave && i + j < count; j++) sink.send('events/call', { ...payload, seq: i + j });
    await sink.idle();
  }
  const wall = (performance.now() - t0) / 1000;
  const delivered = sink.delivered();
  sink.close();
  receiver.stop();
  return { name, perSec: delivered / wall, delivered, failed: sink.failed() };
}

const f = (x: number, d = 0) => x.toFixed(d);
console.log(
  `sandbox load: ${RATE} new calls/s, ${MEASURE_SEC} s measured after ${WARMUP_SEC} s warm-up, Node ${process.version}`,
);
const ours = await sustained('sandbox dispatcher (node:http keep-alive)', ourSink);
if (ONLY === 'ours') {
  console.log(JSON.stringify(ours));
  process.exit(0);
}
const base = await sustained('baseline (global fetch)', fetchSink);
console.log(
  '\n| dispatcher | new calls/s | calls in progress | notifications/s delivered | sandbox CPU % | receiver CPU % | peak RSS MB | peak heap MB | p50 ms | p99 ms | failed |',
);
console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
for (const r of [ours, base]) {
  console.log(
    `| ${r.name} | ${f(r.newCallsPerSec, 1)} | ${f(r.inProgress)} | ${f(r.notifPerSec)} | ${f(r.cpuPct)} | ${f(r.receiverCpuPct)} | ${f(r.rssMb)} | ${f(r.heapMb)} | ${f(r.p50, 2)} | ${f(r.p99, 2)} | ${r.failed} |`,
  );
}
console.log(
  `\nratios (ours vs fetch baseline, same load): CPU ${f(base.cpuPct / ours.cpuPct, 2)}× less, p99 ${f(base.p99 / ours.p99, 2)}× lower`,
);
if (args.includes('--no-burst')) process.exit(0);
const bOurs = await burst('sandbox dispatcher', ourSink, 20_000);
const bBase = await burst('baseline (global fetch)', fetchSink, 20_000);
console.log('\n| burst: 20,000 signed notifications | delivered/s | failed |');
console.log('| --- | --- | --- |');
for (const b of [bOurs, bBase]) console.log(`| ${b.name} | ${f(b.perSec)} | ${b.failed} |`);
console.log(`\ncapacity ratio: ${f(bOurs.perSec / bBase.perSec, 2)}× the fetch baseline`);
process.exit(0);
