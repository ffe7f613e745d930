/**
 * The baseline receiver of the gateway benchmark, in its own process: the SDK's plain
 * `node:http` webhook listener (verify + parse, no storage). Prints `PORT <n>`, and
 * `COUNT <n>` (notifications parsed) on SIGTERM.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createNodeListener } from 'mangokit';
import { BENCH_KEY, BENCH_SALT } from './bodies.js';

let count = 0;
const listener = createNodeListener({ apiKey: BENCH_KEY, apiSalt: BENCH_SALT }).onAny(() => {
  count++;
});
const server = createServer((req, res) => listener(req, res));
server.keepAliveTimeout = 65_000;
server.listen(0, '127.0.0.1', () => {
  console.log(`PORT ${(server.address() as AddressInfo).port}`);
});
process.once('SIGTERM', () => {
  console.log(`COUNT ${count}`);
  server.close(() => process.exit(0));
  server.closeAllConnections();
});
