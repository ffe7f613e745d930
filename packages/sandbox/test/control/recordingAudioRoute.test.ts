import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { MangoClient } from 'mangokit';
import { type Sandbox, startSandbox } from '../../src/index.js';

// The console's seekable recording route is mounted by startSandbox (before the control API,
// which answers 404 to other /_sandbox/ paths).
let sb: Sandbox;
before(async () => {
  sb = await startSandbox({ port: 0, clock: 'manual' });
});
after(() => sb.close());

test('GET /_sandbox/recordings/:id/audio serves byte ranges of a real recording', async () => {
  const office = sb.engine.office();
  const client = new MangoClient({
    apiKey: office.api_key,
    apiSalt: office.api_salt,
    baseUrl: sb.apiBaseUrl,
  });
  await client.calls.callback({ from: { extension: '101' }, to_number: '79261234567' });
  for (let i = 0; i < 120; i++) sb.clock.advance(1000);
  const id = sb.engine.calls()[0]?.legs.flatMap((leg) => leg.records)[0];
  assert.ok(id, 'the call was recorded');
  const url = `${sb.url}/_sandbox/recordings/${encodeURIComponent(id)}/audio`;
  const whole = await fetch(url);
  assert.equal(whole.status, 200);
  assert.equal(whole.headers.get('content-type'), 'audio/mpeg');
  const size = (await whole.arrayBuffer()).byteLength;
  const part = await fetch(url, { headers: { range: 'bytes=100-199' } });
  assert.equal(part.status, 206);
  assert.equal(part.headers.get('content-range'), `bytes 100-199/${size}`);
  assert.equal((await part.arrayBuffer()).byteLength, 100);
  const missing = await fetch(`${sb.url}/_sandbox/recordings/nope/audio`);
  assert.equal(missing.status, 404);
  await missing.arrayBuffer();
});
