import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createNodeTransport, MangoClient, MangoConnectionError } from 'mangokit';
import { signJson } from 'mangokit/protocol';

const KEY = 'k-tls';
const SALT = 's-tls';

function hasOpenssl(): boolean {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

// The certificate is made with the openssl binary; without it there is nothing to test against.
describe('node:https transport', { skip: hasOpenssl() ? false : 'openssl binary not found' }, () => {
  let dir: string;
  let cert: string;
  let server: ReturnType<typeof createServer>;
  let base: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mangokit-tls-'));
    // A throw-away self-signed certificate for 127.0.0.1.
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    cert = await readFile(join(dir, 'cert.pem'), 'utf8');
    const key = await readFile(join(dir, 'key.pem'), 'utf8');
    server = createServer({ key, cert }, async (req, res) => {
      const parts: Buffer[] = [];
      for await (const c of req) parts.push(c as Buffer);
      const form = new URLSearchParams(Buffer.concat(parts).toString());
      const ok = form.get('sign') === signJson({ apiKey: KEY, apiSalt: SALT }, form.get('json') ?? '');
      res.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' });
      res.end(JSON.stringify(ok ? { result: 1000, balance: 42, currency: 'RUB' } : { result: 3102 }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `https://127.0.0.1:${(server.address() as AddressInfo).port}/vpbx/`;
  });
  after(async () => {
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
    await rm(dir, { recursive: true, force: true });
  });

  it('talks TLS with a given CA and refuses an unknown certificate', async () => {
    const trusted = new MangoClient({
      apiKey: KEY,
      apiSalt: SALT,
      baseUrl: base,
      transport: createNodeTransport({ tls: { ca: cert } }),
    });
    assert.equal((await trusted.account.balance()).balance, 42);
    const strict = new MangoClient({ apiKey: KEY, apiSalt: SALT, baseUrl: base, maxRetries: 0 });
    await assert.rejects(strict.account.balance(), MangoConnectionError);
  });
});
