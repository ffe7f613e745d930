/**
 * Idle SSE streams: how much CPU a gateway spends holding N open `/stream` connections that
 * receive nothing, and what they do to ingest latency — against the same gateway with no
 * stream open (the baseline), in the same run. Each sample starts a fresh gateway process
 * (SQLite) from `--root` (default this checkout; point it at another checkout to compare
 * releases), opens the streams, lets them settle, then reads the process's CPU time from
 * /proc over `--seconds`, and finally posts `--posts` notifications (16 in flight) for the
 * acknowledgement p50/p99.
 *
 *   node --conditions=source --import tsx bench/gateway-sse.ts [--streams 1000] [--seconds 10]
 *     [--posts 2000] [--root /path/to/checkout]
 */
import { type ChildProcess, spawn } from 'node:child_process';
import http from 'node:http';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEnvelope, encodeEnvelope } from 'mangokit/protocol';
import { numberOption, processCpuSeconds, ROOT } from './support/harness.js';

const args = process.argv.slice(2);
const STREAMS = numberOption('streams', 1_000);
const SECONDS = numberOption('seconds', 10);
const POSTS = numberOption('posts', 2_000);
const root = args.includes('--root') ? args[args.indexOf('--root') + 1]! : ROOT;
const KEY = 'bench-key';
const SALT = 'bench-salt';

/** Older releases have no `--max-streams` (and no stream limit). */
const hasLimit = readFileSync(join(root, 'packages/gateway/src/bin.ts'), 'utf8').includes("'max-streams'");

function startGateway(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(
    process.execPath,
    [
      '--conditions=source',
      '--import',
      'tsx',
      join(root, 'packages/gateway/src/bin.ts'),
      '--host',
      '127.0.0.1',
      '--port',
      '0',
      '--data-dir',
      dataDir,
      '--log-level',
      'error',
      ...(hasLimit ? ['--max-streams', String(STREAMS + 10)] : []),
    ],
    {
      cwd: root,
      env: { ...process.env, MANGO_API_KEY: KEY, MANGO_API_SALT: SALT, NODE_ENV: 'production' },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening (\S+)/.exec(out);
      if (m) resolve({ child, url: m[1]! });
    });
    child.once('exit', (code) => reject(new Error(`gateway exited ${code}`)));
  });
}

function openStreams(url: string, n: number): Promise<http.ClientRequest[]> {
  const agent = new http.Agent({ keepAlive: false, maxSockets: Number.POSITIVE_INFINITY });
  return Promise.all(
    Array.from(
      { length: n },
      () =>
        new Promise<http.ClientRequest>((resolve, reject) => {
          const req = http.get(`${url}/stream`, { agent }, (res) => {
            if (res.statusCode !== 200) reject(new Error(`stream answered ${res.statusCode}`));
            res.resume();
            resolve(req);
          });
          req.on('error', reject);
        }),
    ),
  );
}

async function ackLatencies(url: string, posts: number, offset: number): Promise<number[]> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
  const times: number[] = [];
  let next = 0;
  const worker = async () => {
    while (next < posts) {
      const i = offset + next++;
      const body = encodeEnvelope(
        createEnvelope(
          { apiKey: KEY, apiSalt: SALT },
          {
            entry_id: `sse-${i % 100}`,
            call_id: `sse-leg-${i}`,
            timestamp: 1_767_225_600,
            seq: 1,
            call_state: 'Appeared',
            location: 'abonent',
            from: { number: '79001234567' },
            to: { extension: '101' },
          },
        ),
      );
      const t = performance.now();
      await new Promise<void>((resolve, reject) => {
        const req = http.request(
          `${url}/events/call`,
          {
            method: 'POST',
            agent,
            headers: {
              'content-type': 'application/x-www-form-urlencoded',
              'content-length': Buffer.byteLength(body),
            },
          },
          (res) => {
            res.resume();
            res.on('end', () =>
              res.statusCode === 200 ? resolve() : reject(new Error(`${res.statusCode}`)),
            );
          },
        );
        req.on('error', reject);
        req.end(body);
      });
      times.push(performance.now() - t);
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
  agent.destroy();
  return times.sort((a, b) => a - b);
}

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;

async function sample(streams: number): Promise<{ cores: number; p50: number; p99: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-sse-'));
  const { child, url } = await startGateway(dir);
  try {
    const open = await openStreams(url, streams);
    await new Promise((r) => setTimeout(r, 2_000)); // settle
    const c0 = processCpuSeconds(child.pid);
    const t0 = performance.now();
    await new Promise((r) => setTimeout(r, SECONDS * 1_000));
    const cores = (processCpuSeconds(child.pid) - c0) / ((performance.now() - t0) / 1_000);
    const lat = await ackLatencies(url, POSTS, streams * 1_000_000);
    for (const r of open) r.destroy();
    return { cores, p50: pct(lat, 0.5), p99: pct(lat, 0.99) };
  } finally {
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
}

console.log(
  `SSE idle bench: ${STREAMS} idle streams vs none, CPU over ${SECONDS} s, then ${POSTS} posts (16 in flight); root ${root}`,
);
const none = await sample(0);
const many = await sample(STREAMS);
console.log('| open idle streams | gateway CPU while idle (cores) | ack p50 | ack p99 |');
console.log('| ---: | ---: | ---: | ---: |');
for (const [n, s] of [
  [0, none],
  [STREAMS, many],
] as const)
  console.log(`| ${n} | ${s.cores.toFixed(3)} | ${s.p50.toFixed(1)} ms | ${s.p99.toFixed(1)} ms |`);
