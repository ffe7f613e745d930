import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type LogFields, MangoClient } from 'mangokit';
import { redact } from '../../src/internal/logger.js';
import { type FakeVpbx, startFakeVpbx } from '../support/fakeVpbx.js';
import { ManualClock } from './manualClock.js';

const KEY = 'k-obs';
const SALT = 'super-secret-salt-value';

describe('logger with redaction, and hooks', () => {
  let fake: FakeVpbx;
  before(async () => {
    fake = await startFakeVpbx(KEY, SALT);
  });
  after(() => fake.close());

  it('logs requests, retries and failures without the salt or any signature', async () => {
    const lines: string[] = [];
    const sink = (level: string) => (msg: string, fields?: LogFields) =>
      lines.push(`${level} ${msg} ${JSON.stringify(fields)}`);
    const logger = { debug: sink('debug'), info: sink('info'), warn: sink('warn'), error: sink('error') };
    let n = 0;
    fake.on('commands/sms', () => (++n === 1 ? { status: 503, body: '' } : { json: { result: 3102 } }));
    const c = new MangoClient({
      apiKey: KEY,
      apiSalt: SALT,
      baseUrl: fake.baseUrl,
      logger,
      logLevel: 'debug',
      clock: new ManualClock(true),
      rateLimit: false,
    });
    await assert.rejects(c.sms.send({ text: SALT, from_extension: '1', to_number: '2' }));
    const all = lines.join('\n');
    assert.match(all, /debug mango request/);
    assert.match(all, /info mango request retried/);
    assert.match(all, /warn mango request failed/);
    assert.ok(!all.includes(SALT), 'salt never logged');
    const signs = fake.requests.map((r) => r.sign);
    for (const s of signs) assert.ok(!all.includes(s), 'signature never logged');
  });

  it('is silent below the level and without a logger', async () => {
    const lines: string[] = [];
    fake.on('roles', () => ({ json: { result: 1000, roles: [] } }));
    const c = new MangoClient({
      apiKey: KEY,
      apiSalt: SALT,
      baseUrl: fake.baseUrl,
      logger: { debug: (m) => lines.push(m), info: (m) => lines.push(m) },
      logLevel: 'warn',
    });
    await c.roles.list();
    assert.deepEqual(lines, []);
  });

  it('redact() removes secrets and 64-hex signatures', () => {
    const sign = 'a'.repeat(64);
    assert.equal(redact(`x ${sign} y salt1 z`, ['salt1']), 'x [redacted] y [redacted] z');
  });

  it('calls onRequest/onResponse/onRetry for each attempt', async () => {
    const seen: string[] = [];
    let n = 0;
    fake.on('domains', () =>
      ++n === 1 ? { status: 502, body: '' } : { json: { result: 1000, domains: [] } },
    );
    const c = new MangoClient({
      apiKey: KEY,
      apiSalt: SALT,
      baseUrl: fake.baseUrl,
      clock: new ManualClock(true),
      rateLimit: false,
      hooks: {
        onRequest: (i) => seen.push(`req ${i.path} ${i.attempt}`),
        onResponse: (i) => seen.push(`res ${i.status} ${i.attempt}`),
        onRetry: (i) => seen.push(`retry ${i.attempt} ${i.error.name}`),
      },
    });
    await c.domains.list();
    assert.deepEqual(seen, [
      'req domains 1',
      'res 502 1',
      'retry 1 MangoServerError',
      'req domains 2',
      'res 200 2',
    ]);
  });
});
