import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { getRequestListener } from '@hono/node-server';
import express from 'express';
import Fastify from 'fastify';
import { Hono } from 'hono';
import {
  createWebhookHandler,
  MANGO_NOTIFICATION_IPS,
  toExpressMiddleware,
  toFastifyPlugin,
  toHonoHandler,
} from 'mangokit';
import { checkContract, FORM, listen, OPTIONS, sendCase, signedBody } from './helpers.js';

function counted() {
  const handler = createWebhookHandler(OPTIONS);
  const state = { runs: 0 };
  handler.onAny(() => {
    state.runs++;
  });
  return { handler, state };
}

describe('Express 5 middleware', () => {
  let server: { base: string; close: () => Promise<void> };
  const { handler, state } = counted();
  before(async () => {
    const app = express();
    app.get('/health', (_req, res) => {
      res.send('up');
    });
    app.use(toExpressMiddleware(handler));
    app.use((_req, res) => {
      res.status(404).send('app 404');
    });
    server = await listen(createServer(app));
  });
  after(() => server.close());

  it('honours the status contract', async () => {
    await checkContract(
      (c) => sendCase(server.base, c),
      () => state.runs,
      (a, e, m) => assert.equal(a, e, m),
    );
  });

  it('passes paths outside basePath to the app', async () => {
    assert.equal(await (await fetch(`${server.base}/health`)).text(), 'up');
    assert.equal(await (await fetch(`${server.base}/other`)).text(), 'app 404');
  });

  it('works under a mount path and after express.urlencoded() has parsed the form', async () => {
    const app = express();
    const mounted = createWebhookHandler(OPTIONS);
    let seen = 0;
    mounted.on('call', () => {
      seen++;
    });
    app.use(express.urlencoded({ extended: false }));
    app.use('/mango', toExpressMiddleware(mounted));
    const s = await listen(createServer(app));
    try {
      const ok = await fetch(`${s.base}/mango/events/call`, {
        method: 'POST',
        headers: { 'content-type': FORM },
        body: signedBody(),
      });
      assert.equal(ok.status, 200);
      const forged = await fetch(`${s.base}/mango/events/call`, {
        method: 'POST',
        headers: { 'content-type': FORM },
        body: signedBody().replace(/sign=[0-9a-f]{4}/, 'sign=ffff'),
      });
      assert.equal(forged.status, 401);
      assert.equal(seen, 1);
    } finally {
      await s.close();
    }
  });
});

describe('Fastify 5 plugin', () => {
  const { handler, state } = counted();
  const app = Fastify();
  let base = '';
  before(async () => {
    app.get('/health', async () => 'up');
    await app.register(toFastifyPlugin(handler), { prefix: '/mango' });
    base = await app.listen({ port: 0, host: '127.0.0.1' });
  });
  after(() => app.close());

  it('honours the status contract', async () => {
    await checkContract(
      (c) => sendCase(base, c),
      () => state.runs,
      (a, e, m) => assert.equal(a, e, m),
    );
  });

  it('leaves the rest of the app alone', async () => {
    assert.equal(await (await fetch(`${base}/health`)).text(), 'up');
  });
});

describe('Hono on @hono/node-server', () => {
  const { handler, state } = counted();
  let server: { base: string; close: () => Promise<void> };
  before(async () => {
    const app = new Hono();
    app.all('/mango/*', toHonoHandler(handler));
    app.get('/health', (c) => c.text('up'));
    server = await listen(getRequestListener(app.fetch));
  });
  after(() => server.close());

  it('honours the status contract', async () => {
    await checkContract(
      (c) => sendCase(server.base, c),
      () => state.runs,
      (a, e, m) => assert.equal(a, e, m),
    );
  });

  it('passes the socket address for allowIps', async () => {
    const strict = createWebhookHandler({ ...OPTIONS, allowIps: MANGO_NOTIFICATION_IPS });
    const app = new Hono();
    app.all('/mango/*', toHonoHandler(strict));
    app.all(
      '/open/mango/*',
      toHonoHandler(createWebhookHandler({ ...OPTIONS, basePath: '/open/mango', allowIps: ['127.0.0.1'] })),
    );
    const s = await listen(getRequestListener(app.fetch));
    try {
      const post = (path: string) =>
        fetch(`${s.base}${path}`, { method: 'POST', headers: { 'content-type': FORM }, body: signedBody() });
      assert.equal((await post('/mango/events/call')).status, 403);
      assert.equal((await post('/open/mango/events/call')).status, 200);
    } finally {
      await s.close();
    }
  });
});
