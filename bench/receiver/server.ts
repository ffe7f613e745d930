/**
 * One receiver under test, in its own process: `server.ts <kind>`; prints `PORT <n>` when
 * listening and `COUNT <n>` (notifications delivered to subscribers) on SIGTERM.
 * Kinds: bare (node:http answering 200 once the body is read — the ceiling), ours (the
 * node:http direct-path adapter), ours-web (the web-standard handler behind a node:http ->
 * Request bridge, to show what the direct path saves), peer (mango-vpbx on its own Express).
 */
import { createServer, type IncomingMessage, type RequestListener, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { createNodeListener, createWebhookHandler } from 'mangokit';
import { BENCH_CREDENTIALS } from './body.js';

const kind = process.argv[2];
let count = 0;

function bare(): RequestListener {
  return (req, res) => {
    req.on('data', () => {});
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'text/plain', 'content-length': '2' });
      res.end('OK');
    });
  };
}

function ours(): RequestListener {
  return createNodeListener({ ...BENCH_CREDENTIALS }).on('call', () => {
    count++;
  });
}

/** The straightforward bridge many integrations write: a web Request per notification. */
function oursWeb(): RequestListener {
  const handler = createWebhookHandler({ ...BENCH_CREDENTIALS }).on('call', () => {
    count++;
  });
  return (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const headers = new Headers();
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v);
      const response = await handler(
        new Request(`http://${req.headers.host}${req.url}`, {
          method: req.method,
          headers,
          body: Buffer.concat(chunks),
        }),
        { ip: req.socket.remoteAddress },
      );
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(Buffer.from(await response.arrayBuffer()));
    });
  };
}

interface PeerRealtime {
  all: RequestListener;
  on(name: string, fn: () => void): void;
}
interface PeerExpressApp extends RequestListener {
  use(handler: unknown): void;
}

function peer(): RequestListener {
  // The peer's own stack: its Express and body-parser, as its README shows.
  const require = createRequire(import.meta.resolve('mango-vpbx'));
  const VPBX = require('mango-vpbx') as new (
    key: string,
    salt: string,
  ) => { events(url: string): PeerRealtime };
  const express = require('express') as () => PeerExpressApp;
  const bodyParser = require('body-parser') as { urlencoded(o: object): unknown };
  const vpbx = new VPBX(BENCH_CREDENTIALS.apiKey, BENCH_CREDENTIALS.apiSalt);
  const events = vpbx.events('http://127.0.0.1/');
  events.on('data', () => {
    count++;
  });
  const app = express();
  app.use(bodyParser.urlencoded({ extended: true }));
  app.use(events.all);
  return app;
}

/** The node:http adapter with no subscriber: verification and parsing only. */
function oursQuiet(): RequestListener {
  return createNodeListener({ ...BENCH_CREDENTIALS });
}

const listeners: Record<string, () => RequestListener> = {
  bare,
  ours,
  'ours-quiet': oursQuiet,
  'ours-web': oursWeb,
  peer,
};
const make = kind ? listeners[kind] : undefined;
if (!make) {
  console.error(`usage: server.ts <${Object.keys(listeners).join('|')}>`);
  process.exit(2);
}
const server = createServer({ keepAliveTimeout: 60_000 }, make());
server.listen(0, '127.0.0.1', () => {
  console.log(`PORT ${(server.address() as AddressInfo).port}`);
});
process.on('SIGTERM', () => {
  console.log(`COUNT ${count}`);
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
