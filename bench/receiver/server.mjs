/**
 * One receiver under test, in its own process: `node bench/receiver/server.mjs <kind>`; prints
 * `PORT <n>` when listening and `COUNT <n>` (notifications delivered to subscribers) on SIGTERM.
 *
 * Plain JavaScript run by plain `node`, importing the built package (`packages/sdk/dist`, what
 * users install): no TypeScript loader transforms any receiver, ours or a baseline.
 *
 * Kinds: bare (node:http answering 200 once the body is read — the ceiling), ours (the
 * node:http direct-path adapter), ours-quiet (the same without a subscriber), ours-web (the
 * web-standard handler served by @hono/node-server, as Hono users run it on Node), bare-web
 * (@hono/node-server answering 200 once the body is read), ours-web-undici (the handler given
 * Node's own Request per notification, as a Next.js route handler is), peer (mango-vpbx on its
 * own Express, as its README shows).
 */
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { getRequestListener } from '@hono/node-server';
import { createNodeListener, createWebhookHandler } from 'mangokit';

const credentials = JSON.parse(process.env.BENCH_CREDENTIALS ?? 'null');
if (!credentials) {
  console.error('BENCH_CREDENTIALS (JSON {apiKey, apiSalt}) is required');
  process.exit(2);
}
const kind = process.argv[2];
let count = 0;

function bare() {
  return (req, res) => {
    req.on('data', () => {});
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'text/plain', 'content-length': '2' });
      res.end('OK');
    });
  };
}

function ours() {
  return createNodeListener({ ...credentials }).on('call', () => {
    count++;
  });
}

/** The node:http adapter with no subscriber: verification and parsing only. */
function oursQuiet() {
  return createNodeListener({ ...credentials });
}

/**
 * The web-standard handler as a Hono user runs it on Node: served by `@hono/node-server`'s
 * `getRequestListener` (its lazy Request and Response in place of the global ones), which is
 * also what `app.post('/mango/*', toHonoHandler(handler))` runs on, minus Hono's router.
 */
function oursWeb() {
  const handler = createWebhookHandler({ ...credentials }).on('call', () => {
    count++;
  });
  return getRequestListener(handler);
}

/** `@hono/node-server` with a bare handler: reads the body, answers 200 — the web path's own floor. */
function bareWeb() {
  return getRequestListener(async (request) => {
    await request.arrayBuffer();
    return new Response('OK', { headers: { 'content-type': 'text/plain' } });
  });
}

/**
 * The straightforward bridge many integrations write: Node's own (undici) Request and Response
 * built per notification, as a Next.js route handler gets them.
 */
function oursWebUndici() {
  const handler = createWebhookHandler({ ...credentials }).on('call', () => {
    count++;
  });
  return (req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
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

function peer() {
  // The peer's own stack: its Express and body-parser, as its README's `events.all` example sets them up.
  const require = createRequire(import.meta.resolve('mango-vpbx'));
  const VPBX = require('mango-vpbx');
  const express = require('express');
  const bodyParser = require('body-parser');
  const vpbx = new VPBX(credentials.apiKey, credentials.apiSalt);
  const events = vpbx.events('http://127.0.0.1/');
  events.on('data', () => {
    count++;
  });
  const app = express();
  app.use(bodyParser.urlencoded({ extended: false }));
  app.use(events.all);
  return app;
}

const listeners = {
  bare,
  ours,
  'ours-quiet': oursQuiet,
  'ours-web': oursWeb,
  'bare-web': bareWeb,
  'ours-web-undici': oursWebUndici,
  peer,
};
const make = kind ? listeners[kind] : undefined;
if (!make) {
  console.error(`usage: server.mjs <${Object.keys(listeners).join('|')}>`);
  process.exit(2);
}
const server = createServer({ keepAliveTimeout: 60_000 }, make());
server.listen(0, '127.0.0.1', () => {
  console.log(`PORT ${server.address().port}`);
});
process.on('SIGTERM', () => {
  console.log(`COUNT ${count}`);
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
