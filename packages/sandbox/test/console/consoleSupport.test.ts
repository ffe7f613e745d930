import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { parseRange } from '../../src/api/http/range.js';
import { createConsoleSupport } from '../../src/control/consoleSupport.js';
import { startSandbox } from '../../src/index.js';
import { readMp3 } from '../../src/media/index.js';
import { control } from '../support/control.js';

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;

describe('console support: recording audio route', () => {
  let sb: Sandbox;
  let server: Server;
  let base = '';
  let recordingId = '';
  let durationSec = 0;

  before(async () => {
    // A real recorded call: Anna (records all) answers a customer and talks for 20 s.
    sb = await startSandbox({ port: 0, clock: 'manual' });
    await control(sb, 'employee/manual', { extension: '101', manual: true });
    const { entry_id } = await control<{ entry_id: string }>(sb, 'calls/incoming', {
      from: '79001234567',
      policy: { onRing: 'answer', digits: '1' },
    });
    for (let i = 0; i < 30; i++) {
      const legs = (
        await control<{ calls: Array<{ legs: Array<{ state: string; to: { extension?: string } }> }> }>(
          sb,
          'calls',
        )
      ).calls.flatMap((c) => c.legs);
      if (legs.some((l) => l.state === 'Appeared' && l.to.extension === '101')) break;
      await control(sb, 'clock/advance', { ms: 1000 });
    }
    await control(sb, 'employee/answer', { extension: '101' });
    await control(sb, 'clock/advance', { ms: 20_000 });
    await control(sb, 'caller/hangup', { entry_id });
    const { recordings } = await control<{
      recordings: Array<{ recording_id: string; duration_sec: number }>;
    }>(sb, 'recordings');
    assert.equal(recordings.length, 1);
    recordingId = recordings[0]!.recording_id;
    durationSec = recordings[0]!.duration_sec;

    const support = createConsoleSupport({ recording: (id) => sb.engine.recording(id) });
    server = createServer((req, res) => {
      if (!support(req, res)) {
        res.writeHead(418);
        res.end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  after(async () => {
    server?.closeAllConnections();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    await sb?.close();
  });

  const audioUrl = () => `${base}/_sandbox/recordings/${encodeURIComponent(recordingId)}/audio`;

  test('serves the whole MP3, as long as the recording', async () => {
    const res = await fetch(audioUrl());
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'audio/mpeg');
    assert.equal(res.headers.get('accept-ranges'), 'bytes');
    const bytes = Buffer.from(await res.arrayBuffer());
    assert.equal(Number(res.headers.get('content-length')), bytes.length);
    const info = readMp3(bytes);
    assert.ok(Math.abs(info.durationSec - durationSec) < 0.1, `${info.durationSec} s vs ${durationSec} s`);
  });

  test('serves byte ranges, so an <audio> element can seek', async () => {
    const whole = Buffer.from(await (await fetch(audioUrl())).arrayBuffer());
    const part = await fetch(audioUrl(), { headers: { range: 'bytes=100-199' } });
    assert.equal(part.status, 206);
    assert.equal(part.headers.get('content-range'), `bytes 100-199/${whole.length}`);
    assert.deepEqual(Buffer.from(await part.arrayBuffer()), whole.subarray(100, 200));

    const tail = await fetch(audioUrl(), { headers: { range: 'bytes=-50' } });
    assert.equal(tail.status, 206);
    assert.deepEqual(Buffer.from(await tail.arrayBuffer()), whole.subarray(whole.length - 50));

    const open = await fetch(audioUrl(), { headers: { range: `bytes=${whole.length - 10}-` } });
    assert.equal(open.status, 206);
    assert.equal((await open.arrayBuffer()).byteLength, 10);

    const beyond = await fetch(audioUrl(), { headers: { range: `bytes=${whole.length}-` } });
    assert.equal(beyond.status, 416);
    assert.equal(beyond.headers.get('content-range'), `bytes */${whole.length}`);
  });

  test('HEAD answers the headers only; other methods are refused', async () => {
    const head = await fetch(audioUrl(), { method: 'HEAD' });
    assert.equal(head.status, 200);
    assert.ok(Number(head.headers.get('content-length')) > 0);
    const post = await fetch(audioUrl(), { method: 'POST' });
    assert.equal(post.status, 405);
    assert.equal(post.headers.get('allow'), 'GET, HEAD');
  });

  test('an unknown recording is 404 with a readable error; other paths are left to the next handler', async () => {
    const missing = await fetch(`${base}/_sandbox/recordings/nope/audio`);
    assert.equal(missing.status, 404);
    assert.deepEqual(await missing.json(), { error: 'no recording nope' });
    assert.equal((await fetch(`${base}/_sandbox/recordings`)).status, 418);
    assert.equal((await fetch(`${base}/_sandbox/recordings/%E0%A4%A/audio`)).status, 400);
  });

  test('parseRange reads the single-range forms and refuses the rest', () => {
    assert.deepEqual(parseRange('bytes=0-9', 100), { start: 0, end: 9 });
    assert.deepEqual(parseRange('bytes=90-', 100), { start: 90, end: 99 });
    assert.deepEqual(parseRange('bytes=-10', 100), { start: 90, end: 99 });
    assert.deepEqual(parseRange('bytes=50-500', 100), { start: 50, end: 99 });
    assert.equal(parseRange('bytes=100-', 100), 'unsatisfiable');
    assert.equal(parseRange('bytes=-0', 100), 'unsatisfiable');
    assert.equal(parseRange('bytes=9-2', 100), 'unsatisfiable');
    assert.equal(parseRange('bytes=0-1,5-6', 100), undefined);
    assert.equal(parseRange(undefined, 100), undefined);
  });
});
