import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { createNodeTransport, MangoTimeoutError } from 'mangokit';

// The node transport caches parsed targets per URL and reads JSON bodies chunk by chunk in the
// response tick; both must be invisible to the caller.
describe('node transport: target cache and buffered bodies', () => {
  let server: http.Server;
  let base: string;
  before(async () => {
    server = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        if (req.url === '/hang') return; // never answers: the timeout must fire
        if (req.url === '/chunks') {
          // Three writes, flushed apart: the client sees several data chunks.
          res.writeHead(200, { 'content-type': 'application/json' });
          res.write('{"a":"');
          setTimeout(() => res.write('é'.repeat(3000)), 5);
          setTimeout(() => res.end('","result":1000}'), 10);
          return;
        }
        res.writeHead(200, {
          'content-type': 'text/plain',
          'x-path': req.url ?? '',
          'x-host': req.headers.host ?? '',
          'x-auth': req.headers.authorization ?? '',
          'x-length': req.headers['content-length'] ?? '',
          'x-te': req.headers['transfer-encoding'] ?? '',
        });
        res.end(`${req.method} ${req.url}`);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => {
    server.closeAllConnections();
    server.close();
  });

  it('sends each of 300 distinct URLs to its own path (more than the cache holds)', async () => {
    const t = createNodeTransport();
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 300; i++) {
        const res = await t({
          method: 'POST',
          url: `${base}/p/${i}?q=${i}`,
          headers: {},
          body: 'x=1',
          bufferBody: true,
        });
        assert.equal(await res.text(), `POST /p/${i}?q=${i}`);
        assert.equal(res.header('x-path'), `/p/${i}?q=${i}`);
      }
    }
  });

  it('sends Host, Content-Length and the caller headers; credentials in the URL become Authorization', async () => {
    const t = createNodeTransport();
    const host = new URL(base).host;
    const res = await t({
      method: 'POST',
      url: `${base}/h`,
      headers: { accept: 'application/json' },
      body: 'é=1',
    });
    assert.equal(res.header('x-host'), host);
    assert.equal(res.header('x-length'), String(Buffer.byteLength('é=1')));
    assert.equal(res.header('x-te'), '');
    res.discard();
    const own = await t({ method: 'POST', url: `${base}/h`, headers: { Host: 'example.test' }, body: '' });
    assert.equal(own.header('x-host'), 'example.test');
    own.discard();
    const withAuth = await t({
      method: 'GET',
      url: base.replace('http://', 'http://u:p@') + '/a',
      headers: {},
    });
    assert.equal(withAuth.header('x-host'), host);
    assert.equal(withAuth.header('x-auth'), `Basic ${Buffer.from('u:p').toString('base64')}`);
    withAuth.discard();
  });

  it('joins a JSON answer that arrives in several chunks, as text, chunks and stream', async () => {
    const t = createNodeTransport();
    const expected = `{"a":"${'é'.repeat(3000)}","result":1000}`;
    const res = await t({ method: 'POST', url: `${base}/chunks`, headers: {}, body: '', bufferBody: true });
    assert.equal(await res.text(), expected);
    const parts: Uint8Array[] = [];
    for await (const c of res.chunks()) parts.push(c);
    assert.equal(Buffer.concat(parts).toString('utf8'), expected);
    assert.equal(await new Response(res.stream()).text(), expected);
  });

  it('times out a request whose answer never comes', async () => {
    const t = createNodeTransport();
    await assert.rejects(
      t({ method: 'POST', url: `${base}/hang`, headers: {}, body: 'x', timeoutMs: 50, bufferBody: true }),
      (err: unknown) => err instanceof MangoTimeoutError && /50 ms/.test((err as Error).message),
    );
  });
});
