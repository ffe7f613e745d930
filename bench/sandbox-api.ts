/**
 * The sandbox's `/vpbx/` surface, two measurements, each against its baseline in the same run:
 *
 * 1. Recording MP3s: ours (LAME encodes a few seconds once; a file of any length is that head
 *    plus the settled frame repeated) vs encoding the whole tone with LAME per file (baseline).
 * 2. Requests/s through `createApiHandler` (multipart/urlencoded parsing, signature check,
 *    validation, JSON answer) vs a bare `node:http` server that reads the same body and answers
 *    a fixed `{"result":1000}` (the ceiling), both loaded by `wrk` (2 threads, 32 connections).
 *
 *   node --conditions=source --import tsx bench/sandbox-api.ts [seconds-per-phase=3]
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Mp3Encoder } from '@breezystack/lamejs';
import { createEnvelope, encodeEnvelope } from 'mangokit/protocol';
import { createApiHandler } from '../packages/sandbox/src/api/index.js';
import type { CommandAck, EngineForApi } from '../packages/sandbox/src/engine/contract.js';
import { toneMp3 } from '../packages/sandbox/src/media/index.js';
import { createDemoOffice } from '../packages/sandbox/src/index.js';

const seconds = Number(process.argv[2] ?? 3);

function timeIt(fn: () => unknown, minMs = 1500): number {
  fn();
  let n = 0;
  const start = performance.now();
  while (performance.now() - start < minMs) {
    fn();
    n++;
  }
  return (performance.now() - start) / n;
}

function lameTone(durationSec: number): Buffer {
  const rate = 8000;
  const encoder = new Mp3Encoder(1, rate, 16);
  const pcm = new Int16Array(Math.round(durationSec * rate));
  for (let i = 0; i < pcm.length; i++) pcm[i] = Math.round(1000 * Math.sin((2 * Math.PI * 250 * i) / rate));
  return Buffer.concat([Buffer.from(encoder.encodeBuffer(pcm)), Buffer.from(encoder.flush())]);
}

console.log('# MP3 for a recording (ms per file, lower is better)');
for (const length of [30, 300]) {
  const ours = timeIt(() => toneMp3(length));
  const base = timeIt(() => lameTone(length), 2500);
  console.log(
    `${length} s: ours ${ours.toFixed(3)} ms, LAME per file ${base.toFixed(1)} ms, ratio ${(base / ours).toFixed(0)}x`,
  );
}

const office = createDemoOffice();
const engine: EngineForApi = {
  command: (): CommandAck => ({ result: 1000 }),
  calls: () => [],
  recording: () => undefined,
  now: () => Date.now() / 1000,
  notify: () => {},
};
const handler = createApiHandler({
  office: () => office,
  engine,
  options: { lockout: true, rateLimits: false },
  publicUrl: () => 'http://127.0.0.1',
  takeFault: () => undefined,
});

async function listen(server: http.Server): Promise<number> {
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

const ours = http.createServer((req, res) => void handler(req, res));
const fixed = '{"result":1000}';
const bare = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    new URLSearchParams(Buffer.concat(chunks).toString());
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': fixed.length });
    res.end(fixed);
  });
});
const oursPort = await listen(ours);
const barePort = await listen(bare);

async function wrk(port: number, path: string, body: string): Promise<number> {
  const script = join(tmpdir(), `mangokit-bench-${process.pid}.lua`);
  writeFileSync(
    script,
    `wrk.method = "POST"\nwrk.body = ${JSON.stringify(body)}\nwrk.headers["Content-Type"] = "application/x-www-form-urlencoded"\n`,
  );
  // wrk is its own process (asynchronous: the servers live in this event loop).
  const child = spawn('wrk', [
    '-t2',
    '-c32',
    `-d${seconds}s`,
    '-s',
    script,
    `http://127.0.0.1:${port}${path}`,
  ]);
  let stdout = '';
  child.stdout.on('data', (c: Buffer) => {
    stdout += c.toString();
  });
  await new Promise((resolve) => child.on('close', resolve));
  const rps = /Requests\/sec:\s+([\d.]+)/.exec(stdout)?.[1];
  if (!rps || /Non-2xx/.test(stdout)) throw new Error(`wrk failed: ${stdout}`);
  return Number(rps);
}

console.log('\n# Requests/s (higher is better), wrk -t2 -c32');
for (const [path, params] of [
  ['/vpbx/commands/callback', { command_id: 'b-1', from: { extension: '101' }, to_number: '74957654321' }],
  ['/vpbx/config/users/request', { extension: '101' }],
] as const) {
  const body = encodeEnvelope(createEnvelope({ apiKey: office.api_key, apiSalt: office.api_salt }, params));
  const base = await wrk(barePort, path, body);
  const mine = await wrk(oursPort, path, body);
  console.log(
    `${path}: ours ${mine.toFixed(0)}, bare server ${base.toFixed(0)}, ours/bare ${(mine / base).toFixed(2)}`,
  );
}
ours.close();
bare.close();
ours.closeAllConnections();
bare.closeAllConnections();
