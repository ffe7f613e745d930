/**
 * Request throughput of the SDK client: requests/s, sequential and with 64 in flight, against
 * a minimal local server (its own process), for
 *   ours  — MangoClient (node:http keep-alive transport; signing, limiter and retries on),
 *   peer  — mango-vpbx 1.6.4 making the same call (base URL redirected via its urls module),
 *   bare  — a bare node:http keep-alive client posting the same signed form (the ceiling).
 * Each side runs in its own child process, one after another, on the built package (`dist`);
 * the server is pinned to cpu 0 and the client to cpu 1 where `taskset` is available. The
 * children are plain JavaScript (`bench/client/side.mjs`) under plain `node`: no TypeScript
 * loader in any measured process.
 *
 *   node --conditions=source --import tsx bench/sdk-request-throughput.ts [seconds-per-phase=2] [rounds=3]
 *   node --conditions=source --import tsx bench/sdk-request-throughput.ts --instructions [requests=5000]
 *
 * `--instructions` counts the client's instructions per request at 64 in flight under
 * `valgrind --tool=callgrind` (user space, every thread, after 20,000 uninstrumented warm-up
 * requests): a figure other load on the machine cannot move, unlike requests/s and CPU time.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { buildPackage, canPin, pinned } from './support/harness.js';

const IN_FLIGHT = 64;
const SIDE_SCRIPT = new URL('./client/side.mjs', import.meta.url).pathname;

/** Requests/s and client CPU µs per request, sequential and with IN_FLIGHT in flight. */
interface Sample {
  sequential: number;
  concurrent: number;
  cpuSeq: number;
  cpuConc: number;
}

/** A plain-`node` child running `side.mjs` on core `cpu` (the server on 0, each client on 1). */
async function run(args: string[], cpu: number): Promise<ChildProcess> {
  const [command, commandArgs] = await pinned(cpu, process.execPath, [SIDE_SCRIPT, ...args]);
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

/** Instructions per request of each side, counted by callgrind (see the header). */
async function instructions(requests: number): Promise<void> {
  await buildPackage('packages/sdk');
  const srv = await run(['server'], 0);
  const port = await new Promise<number>((resolve) =>
    srv.stdout!.once('data', (c: Buffer) => resolve(Number(String(c).trim()))),
  );
  const dir = mkdtempSync(join(tmpdir(), 'client-callgrind-'));
  const counts: Record<string, number> = {};
  try {
    for (const side of ['bare', 'ours', 'peer']) {
      const out = join(dir, `${side}.out`);
      const [command, args] = await pinned(1, 'valgrind', [
        '--tool=callgrind',
        '--instr-atstart=no',
        `--callgrind-out-file=${out}`,
        process.execPath,
        SIDE_SCRIPT,
        'count',
        side,
        String(port),
        String(requests),
      ]);
      await promisify(execFile)(command, args, { maxBuffer: 64 << 20 });
      const total = Number(/^(?:summary|totals): (\d+)/m.exec(readFileSync(out, 'utf8'))?.[1]);
      counts[side] = total / requests;
      console.log(
        `${side.padEnd(5)} ${Math.round(counts[side]!).toLocaleString('en-US')} instructions per request`,
      );
    }
  } finally {
    srv.kill();
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(
    `ours/bare ${(counts.bare! / counts.ours!).toFixed(2)}x, ours/peer ${(counts.peer! / counts.ours!).toFixed(2)}x, bare/peer ${(counts.peer! / counts.bare!).toFixed(2)}x (requests per instruction)`,
  );
}

async function main(): Promise<void> {
  const [mode, arg1] = process.argv.slice(2);
  if (mode === '--instructions') return instructions(Number(arg1 ?? 5000));
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
  // Load on a shared machine drifts between rounds: the ratio of the sides within each round
  // (run back to back) is steadier than the ratio of medians taken over all rounds.
  const perRound = (a: string, b: string, pick: (x: Sample) => number) =>
    samples[a]!.map((x, r) => pick(x) / pick(samples[b]![r]!));
  const list = (xs: number[]) =>
    `${xs.map((x) => x.toFixed(2)).join(' ')} (median ${median(xs).toFixed(2)}x)`;
  console.log(
    `per round, 64 in flight, ours/bare by rate: ${list(perRound('ours', 'bare', (x) => x.concurrent))}`,
  );
  console.log(
    `per round, 64 in flight, ours/bare by CPU:  ${list(perRound('bare', 'ours', (x) => x.cpuConc))}`,
  );
  console.log(
    `per round, 64 in flight, ours/peer by rate: ${list(perRound('ours', 'peer', (x) => x.concurrent))}`,
  );
  console.log(
    `per round, 64 in flight, ours/peer by CPU:  ${list(perRound('peer', 'ours', (x) => x.cpuConc))}`,
  );
}

await main();
