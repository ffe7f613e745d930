/**
 * Request throughput of the SDK client: requests/s, sequential and with 64 in flight, against
 * a minimal local server (its own process), for
 *   ours  — MangoClient (node:http keep-alive transport; signing, limiter and retries on),
 *   peer  — mango-vpbx 1.6.4 making the same call (base URL redirected via its urls module),
 *   bare  — a bare node:http keep-alive client posting the same signed form (the ceiling).
 * Each side runs in its own child process, one after another, on the built package (`dist`);
 * the server is pinned to cpu 0 and the client to cpu 1 where `taskset` is available.
 *
 *   node --conditions=source --import tsx bench/sdk-request-throughput.ts [seconds-per-phase=2] [rounds=3]
 */
import { type ChildProcess, spawn } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { MangoClient } from 'mangokit';
import { createEnvelope, encodeEnvelope } from 'mangokit/protocol';
import { buildPackage, canPin, pinned } from './support/harness.js';

const KEY = 'benchkey0123456789abcdefghijkl';
const SALT = 'benchsalt0123456789abcdefghijk';
const IN_FLIGHT = 64;
const self = new URL(import.meta.url).pathname;

type Call = () => Promise<unknown>;

function server(): void {
  const body = '{"result":1000}';
  const srv = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length });
      res.end(body);
    });
  });
  srv.keepAliveTimeout = 60_000;
  srv.listen(0, '127.0.0.1', () => {
    process.stdout.write(`${(srv.address() as AddressInfo).port}\n`);
  });
}

/** Client CPU time (user + system) since `start`, in microseconds. */
function cpuMicros(start: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(start);
  return d.user + d.system;
}

/** Requests/s and client CPU µs per request, sequential and with IN_FLIGHT in flight. */
interface Sample {
  sequential: number;
  concurrent: number;
  cpuSeq: number;
  cpuConc: number;
}

async function measure(call: Call, seconds: number): Promise<Sample> {
  // Warm-up, the same for every side: JIT, sockets, the agent's pool.
  for (let i = 0; i < 500; i++) await call();
  let left = 3000;
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (left-- > 0) await call();
    }),
  );
  let done = 0;
  let end = performance.now() + seconds * 1000;
  let t0 = performance.now();
  let cpu0 = process.cpuUsage();
  while (performance.now() < end) {
    await call();
    done++;
  }
  const sequential = done / ((performance.now() - t0) / 1000);
  const cpuSeq = cpuMicros(cpu0) / done;
  cpu0 = process.cpuUsage();
  done = 0;
  t0 = performance.now();
  end = t0 + seconds * 1000;
  const worker = async () => {
    while (performance.now() < end) {
      await call();
      done++;
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  const concurrent = done / ((performance.now() - t0) / 1000);
  const cpuConc = cpuMicros(cpu0) / done;
  return { sequential, concurrent, cpuSeq, cpuConc };
}

function makeCall(side: string, port: number): Call {
  const base = `http://127.0.0.1:${port}/vpbx/`;
  if (side === 'ours') {
    const client = new MangoClient({
      apiKey: KEY,
      apiSalt: SALT,
      baseUrl: base,
      // The vendor's 4/s for hangup would measure the limiter's wait, not the code: same
      // limiter and queue, generous limits.
      rateLimit: {
        default: { limit: 1_000_000, intervalMs: 1000 },
        methods: { 'commands/call/hangup': { limit: 1_000_000, intervalMs: 1000 } },
      },
    });
    return () => client.calls.hangup({ call_id: 'leg-1' });
  }
  if (side === 'peer') {
    const require = createRequire(import.meta.url);
    require('mango-vpbx/src/urls').base = base;
    const VPBX = require('mango-vpbx') as new (
      k: string,
      s: string,
    ) => { hangup(j: object): Promise<unknown> };
    const vpbx = new VPBX(KEY, SALT);
    return () => vpbx.hangup({ call_id: 'leg-1' });
  }
  const agent = new http.Agent({ keepAlive: true });
  const form = encodeEnvelope(
    createEnvelope({ apiKey: KEY, apiSalt: SALT }, { command_id: 'cmd-1', call_id: 'leg-1' }),
  );
  const url = `${base}commands/call/hangup`;
  return () =>
    new Promise((resolve, reject) => {
      const req = http.request(url, {
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'content-length': Buffer.byteLength(form),
        },
      });
      req.on('response', (res) => {
        const parts: Buffer[] = [];
        res.on('data', (c: Buffer) => parts.push(c));
        res.on('end', () => resolve(JSON.parse(Buffer.concat(parts).toString())));
      });
      req.on('error', reject);
      req.end(form);
    });
}

/**
 * A child on core `cpu` (the server on 0, each client on 1, where pinning is possible). The
 * children resolve `mangokit` to the built package (`dist`, what users install), not to its
 * TypeScript source: only this file goes through the TypeScript loader.
 */
async function run(args: string[], cpu: number): Promise<ChildProcess> {
  const argv = [...process.execArgv.filter((a) => a !== '--conditions=source'), self, ...args];
  const [command, commandArgs] = await pinned(cpu, process.execPath, argv);
  return spawn(command, commandArgs, { stdio: ['ignore', 'pipe', 'inherit'] });
}

async function output(child: ChildProcess): Promise<string> {
  let out = '';
  child.stdout!.on('data', (c: Buffer) => {
    out += c.toString();
  });
  await new Promise((resolve) => child.on('exit', resolve));
  return out.trim();
}

async function main(): Promise<void> {
  const [mode, arg1, arg2] = process.argv.slice(2);
  if (mode === 'server') return server();
  if (mode === 'side') {
    const result = await measure(makeCall(arg1!, Number(arg2)), Number(process.argv[5] ?? 3));
    process.stdout.write(`${JSON.stringify(result)}\n`);
    process.exit(0);
  }
  const seconds = Number(mode ?? 2);
  const rounds = Number(arg1 ?? 3);
  // The children import the built package: build it first.
  await buildPackage('packages/sdk');
  const srv = await run(['server'], 0);
  const port = await new Promise<number>((resolve) =>
    srv.stdout!.once('data', (c: Buffer) => resolve(Number(String(c).trim()))),
  );
  const sides = ['bare', 'ours', 'peer'];
  const samples: Record<string, Sample[]> = {
    bare: [],
    ours: [],
    peer: [],
  };
  try {
    // The machine is shared and noisy: interleave the sides over several rounds (rotating the
    // order) and compare medians, so drifting load hits every side alike.
    for (let r = 0; r < rounds; r++) {
      for (let i = 0; i < sides.length; i++) {
        const side = sides[(i + r) % sides.length]!;
        samples[side]!.push(
          JSON.parse(await output(await run(['side', side, String(port), String(seconds)], 1))),
        );
      }
    }
  } finally {
    srv.kill();
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const med = (side: string): Sample => ({
    sequential: median(samples[side]!.map((x) => x.sequential)),
    concurrent: median(samples[side]!.map((x) => x.concurrent)),
    cpuSeq: median(samples[side]!.map((x) => x.cpuSeq)),
    cpuConc: median(samples[side]!.map((x) => x.cpuConc)),
  });
  const f = (n: number) => Math.round(n).toLocaleString('en-US');
  console.log(
    `node ${process.version}, ${seconds} s per phase, ${IN_FLIGHT} in flight, median of ${rounds} interleaved rounds${(await canPin()) ? ', server on cpu 0, client on cpu 1' : ''}`,
  );
  console.log('side  | sequential req/s | 64 in flight req/s | client CPU µs/req seq | … 64 in flight');
  for (const side of sides) {
    const r = med(side);
    console.log(
      `${side.padEnd(5)} | ${f(r.sequential).padStart(16)} | ${f(r.concurrent).padStart(18)} | ${f(r.cpuSeq).padStart(21)} | ${f(r.cpuConc).padStart(14)}`,
    );
  }
  for (const side of sides) {
    const xs = samples[side]!.map((x) => `${f(x.sequential)}/${f(x.concurrent)}`).join('  ');
    console.log(`  ${side} rounds (sequential/in flight): ${xs}`);
  }
  const ours = med('ours');
  const peer = med('peer');
  const bare = med('bare');
  console.log(
    `ours/peer: sequential ${(ours.sequential / peer.sequential).toFixed(2)}x, 64 in flight ${(ours.concurrent / peer.concurrent).toFixed(2)}x`,
  );
  console.log(
    `ours/bare: sequential ${(ours.sequential / bare.sequential).toFixed(2)}x, 64 in flight ${(ours.concurrent / bare.concurrent).toFixed(2)}x`,
  );
  // CPU per request is steadier than req/s on a shared machine: requests per client CPU-second.
  console.log(
    `per client CPU-second, 64 in flight: ours/peer ${(peer.cpuConc / ours.cpuConc).toFixed(2)}x, ours/bare ${(bare.cpuConc / ours.cpuConc).toFixed(2)}x`,
  );
}

await main();
