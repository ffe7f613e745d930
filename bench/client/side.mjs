/**
 * One side of the client benchmark (`bench/sdk-request-throughput.ts`), in its own process:
 *   node bench/client/side.mjs server                     prints the port of a minimal API server
 *   node bench/client/side.mjs <bare|ours|peer> <port> <seconds>   prints one JSON sample
 *
 * Plain JavaScript run by plain `node`, importing the built package (`packages/sdk/dist`, what
 * users install) and `mango-vpbx` as installed: no TypeScript loader in any measured process, so
 * neither side's profile carries a loader's hooks.
 */
import http from 'node:http';
import { createRequire } from 'node:module';
import { MangoClient } from 'mangokit';
import { createEnvelope, encodeEnvelope } from 'mangokit/protocol';

const KEY = 'benchkey0123456789abcdefghijkl';
const SALT = 'benchsalt0123456789abcdefghijk';
const IN_FLIGHT = 64;

function server() {
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
    process.stdout.write(`${srv.address().port}\n`);
  });
}

/** Client CPU time (user + system) since `start`, in microseconds. */
function cpuMicros(start) {
  const d = process.cpuUsage(start);
  return d.user + d.system;
}

/** Requests/s and client CPU µs per request, sequential and with IN_FLIGHT in flight. */
async function measure(call, seconds) {
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
  const split = process.cpuUsage(cpu0);
  const cpuConc = (split.user + split.system) / done;
  // Kernel time (the socket calls) apart from user time (JavaScript, the HTTP parser, hashing).
  const sysConc = split.system / done;
  return { sequential, concurrent, cpuSeq, cpuConc, sysConc };
}

/** A fixed number of requests, IN_FLIGHT at a time (for instruction counts: `count` mode). */
async function count(call, n) {
  let left = n;
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (left-- > 0) await call();
    }),
  );
}

function makeCall(side, port) {
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
    const require = createRequire(import.meta.resolve('mango-vpbx'));
    require('mango-vpbx/src/urls').base = base;
    const VPBX = require('mango-vpbx');
    const vpbx = new VPBX(KEY, SALT);
    return () => vpbx.hangup({ call_id: 'leg-1' });
  }
  if (side !== 'bare') throw new Error(`unknown side ${side}`);
  // The ceiling: node:http keep-alive posting a pre-signed form, answer read and parsed.
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
        const parts = [];
        res.on('data', (c) => parts.push(c));
        res.on('end', () => resolve(JSON.parse(Buffer.concat(parts).toString())));
      });
      req.on('error', reject);
      req.end(form);
    });
}

const [mode, side, port, seconds] = process.argv.slice(2);
if (mode === 'server') server();
else if (mode === 'side') {
  const result = await measure(makeCall(side, Number(port)), Number(seconds ?? 3));
  process.stdout.write(`${JSON.stringify(result)}\n`);
  process.exit(0);
} else if (mode === 'count') {
  // Instruction counts: `valgrind --tool=callgrind --instr-atstart=no node bench/client/side.mjs
  // count <side> <port> <n>` warms up uninstrumented (JIT tiers settle), then counts exactly n
  // requests: the total divided by n is the side's instructions per request.
  const call = makeCall(side, Number(port));
  await count(call, 20_000);
  const { execFileSync } = await import('node:child_process');
  if (process.env.CALLGRIND !== '0') execFileSync('callgrind_control', ['-i', 'on', String(process.pid)]);
  await count(call, Number(seconds));
  process.exit(0);
} else {
  console.error('usage: side.mjs server | side <bare|ours|peer> <port> <seconds> | count <side> <port> <n>');
  process.exit(2);
}
