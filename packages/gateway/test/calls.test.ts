import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type Gateway, silentLogger, startGateway } from '../src/index.js';
import { waitFor } from './support/consumer.js';
import { callEvent, KEY, post, SALT, signedBody } from './support/notifications.js';

const MP3 = Buffer.from('ID3\u0004fake-mp3-bytes-for-the-archive-test');

/**
 * A stand-in for the vendor's recording download (reference §3.3.1): 302 to a one-time file URL.
 * The first request finds no file yet, the first download is cut off half-way, and a `Range`
 * request is answered with the rest (206).
 */
function startRecordingApi(): Promise<{
  server: Server;
  baseUrl: string;
  hits: () => number;
  ranges: Array<string | undefined>;
}> {
  let hits = 0;
  const ranges: Array<string | undefined> = [];
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      if (req.url?.startsWith('/vpbx/queries/recording/post')) {
        hits++;
        // The file lags behind the event (§3.3.1): the first request finds nothing.
        if (hits === 1) {
          res.writeHead(200, { 'content-type': 'application/json' }).end('{"result":3320}');
          return;
        }
        res.writeHead(302, { location: '/files/one-time.mp3' }).end();
        return;
      }
      if (req.url === '/files/one-time.mp3') {
        ranges.push(req.headers.range);
        const from = Number(/^bytes=(\d+)-$/.exec(req.headers.range ?? '')?.[1] ?? 0);
        if (ranges.length === 1) {
          // The connection drops half-way through the first download.
          res.writeHead(200, { 'content-type': 'audio/mpeg', 'content-length': MP3.length });
          // Cut only once the client has had time to read and write the first 10 bytes: a close
          // that arrives with them makes the client's stream fail before it hands them over.
          res.write(MP3.subarray(0, 10));
          setTimeout(() => res.socket?.end(), 300);
          return;
        }
        if (from > 0) {
          res
            .writeHead(206, {
              'content-type': 'audio/mpeg',
              'content-length': MP3.length - from,
              'content-range': `bytes ${from}-${MP3.length - 1}/${MP3.length}`,
            })
            .end(MP3.subarray(from));
          return;
        }
        res.writeHead(200, { 'content-type': 'audio/mpeg', 'content-length': MP3.length }).end(MP3);
        return;
      }
      res.writeHead(404).end();
    });
  });
  return new Promise((r) =>
    server.listen(0, '127.0.0.1', () =>
      r({
        server,
        baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/vpbx/`,
        hits: () => hits,
        ranges,
      }),
    ),
  );
}

describe('calls, REST, SSE and the recording archive', () => {
  let gw: Gateway;
  let api: Awaited<ReturnType<typeof startRecordingApi>>;
  const dir = mkdtempSync(join(tmpdir(), 'gw-calls-'));
  const archiveDir = join(dir, 'archive');

  before(async () => {
    api = await startRecordingApi();
    gw = await startGateway({
      port: 0,
      host: '127.0.0.1',
      apiKey: KEY,
      apiSalt: SALT,
      dataDir: join(dir, 'data'),
      archive: { dir: archiveDir, baseUrl: api.baseUrl, backoffMs: 50 },
      pollMs: 20,
      logger: silentLogger,
    });
    // An answered incoming call with a recording, delivered out of order (reference §1.5).
    const answered = [
      [
        'events/summary',
        {
          entry_id: 'C1',
          call_direction: 1,
          from: { number: '79001234567' },
          to: { extension: '101', number: 'sip:101@x' },
          line_number: '74951234567',
          create_time: 1_767_225_600,
          forward_time: 1_767_225_605,
          talk_time: 1_767_225_610,
          end_time: 1_767_225_670,
          entry_result: 1,
          disconnect_reason: 1110,
        },
      ],
      ['events/call', callEvent('C1', 'C1-a', 3, 'Disconnected')],
      ['events/call', callEvent('C1', 'C1-a', 1, 'Appeared')],
      ['events/call', callEvent('C1', 'C1-a', 2, 'Connected')],
      [
        'events/recording',
        {
          recording_id: 'REC/1+x==',
          recording_state: 'Started',
          seq: 1,
          entry_id: 'C1',
          call_id: 'C1-a',
          extension: '101',
          timestamp: 1_767_225_610,
        },
      ],
      [
        'events/recording',
        {
          recording_id: 'REC/1+x==',
          recording_state: 'Completed',
          seq: 2,
          entry_id: 'C1',
          call_id: 'C1-a',
          extension: '101',
          timestamp: 1_767_225_670,
          completion_code: 1000,
          recipient: 'Cloud',
        },
      ],
    ] as const;
    // A missed call to another employee, a day later.
    const missed = [
      [
        'events/call',
        callEvent('C2', 'C2-a', 1, 'Appeared', {
          timestamp: 1_767_312_000,
          from: { number: '79990000000' },
          to: { extension: '102', number: 'sip:102@x' },
        }),
      ],
      [
        'events/call',
        callEvent('C2', 'C2-a', 2, 'Disconnected', {
          timestamp: 1_767_312_030,
          from: { number: '79990000000' },
          to: { extension: '102', number: 'sip:102@x' },
        }),
      ],
      [
        'events/summary',
        {
          entry_id: 'C2',
          call_direction: 1,
          from: { number: '79990000000' },
          to: { extension: '102' },
          create_time: 1_767_312_000,
          forward_time: 1_767_312_001,
          talk_time: 0,
          end_time: 1_767_312_030,
          entry_result: 0,
          disconnect_reason: 1120,
        },
      ],
    ] as const;
    for (const [path, payload] of [...answered, ...missed]) {
      const r = await post(gw.url, path, signedBody(payload));
      assert.equal(r.status, 200, `${path}: ${JSON.stringify(r.body)}`);
    }
    await waitFor(async () => (await gw.store.getCall('C2'))?.outcome === 'missed', 10_000, 'projection');
  });
  after(async () => {
    await gw.close();
    await new Promise((r) => api.server.close(r));
    rmSync(dir, { recursive: true, force: true });
  });

  const getJson = async (path: string) => {
    const r = await fetch(`${gw.url}${path}`);
    return { status: r.status, body: (await r.json()) as Record<string, unknown> };
  };

  it('folds events into calls with legs, whatever the arrival order', async () => {
    const { status, body } = await getJson('/calls/C1');
    assert.equal(status, 200);
    const call = body.call as Record<string, unknown>;
    assert.equal(call.outcome, 'answered');
    assert.equal(call.direction, 'incoming');
    assert.equal(call.employee, '101');
    assert.equal(call.talk_seconds, 60);
    assert.equal(call.from_number, '79001234567');
    const legs = body.legs as Array<Record<string, unknown>>;
    assert.equal(legs.length, 1);
    assert.equal(legs[0]?.state, 'Disconnected');
    assert.equal(legs[0]?.disconnect_reason, 1110);
    assert.equal((body.events as unknown[]).length, 6);
    assert.equal((await getJson('/calls/nope')).status, 404);
  });

  it('filters calls by time, number, employee and outcome', async () => {
    const ids = async (q: string) =>
      ((await getJson(`/calls${q}`)).body.calls as Array<{ entry_id: string }>).map((c) => c.entry_id);
    assert.deepEqual(await ids(''), ['C2', 'C1']);
    assert.deepEqual(await ids('?outcome=missed'), ['C2']);
    assert.deepEqual(await ids('?employee=101'), ['C1']);
    assert.deepEqual(await ids('?number=79990000000'), ['C2']);
    assert.deepEqual(await ids('?from=1767300000'), ['C2']);
    assert.deepEqual(await ids('?to=2026-01-01T12:00:00Z'), ['C1']);
    assert.equal((await getJson('/calls?from=yesterday')).status, 400);
  });

  it('archives the completed recording after retries, resuming a cut-off download, and links it to the call', async () => {
    await waitFor(
      async () =>
        ((await getJson('/calls/C1')).body.recordings as Array<{ archive_status: string }>)[0]
          ?.archive_status === 'archived',
      15_000,
      'archive',
    );
    const rec = (
      (await getJson('/calls/C1')).body.recordings as Array<{ file: string; recording_id: string }>
    )[0]!;
    assert.equal(rec.recording_id, 'REC/1+x==');
    assert.ok(rec.file.startsWith(archiveDir));
    assert.ok(existsSync(rec.file));
    assert.deepEqual(readFileSync(rec.file), MP3);
    assert.equal(api.hits(), 3, 'not ready yet, cut off, then completed');
    assert.deepEqual(api.ranges, [undefined, 'bytes=10-'], 'the retry continued where the download stopped');
  });

  it('streams events over SSE and resumes from Last-Event-ID', async () => {
    const read = async (headers: Record<string, string>, query: string, count: number) => {
      const ctrl = new AbortController();
      const res = await fetch(`${gw.url}/stream${query}`, { headers, signal: ctrl.signal });
      assert.equal(res.headers.get('content-type'), 'text/event-stream; charset=utf-8');
      const reader = res.body!.getReader();
      let text = '';
      const ids: number[] = [];
      while (ids.length < count) {
        const { value, done } = await reader.read();
        if (done) break;
        text += Buffer.from(value).toString('utf8');
        ids.splice(0, ids.length, ...[...text.matchAll(/^id: (\d+)$/gm)].map((m) => Number(m[1])));
      }
      ctrl.abort();
      return { ids, text };
    };
    const all = await read({}, '?after=0', 9);
    assert.deepEqual(all.ids, [1, 2, 3, 4, 5, 6, 7, 8, 9]);
    assert.match(all.text, /event: summary\ndata: \{"id":1,/);
    const resumed = await read({ 'last-event-id': '6' }, '', 3);
    assert.deepEqual(resumed.ids, [7, 8, 9]);
    // A new live event reaches a stream that started at the end.
    const live = read({}, '', 1);
    await new Promise((r) => setTimeout(r, 100));
    await post(gw.url, 'events/call', signedBody(callEvent('C3', 'C3-a', 1, 'Appeared')));
    assert.deepEqual((await live).ids, [10]);
  });

  it('serves health and Prometheus metrics', async () => {
    const h = await getJson('/health');
    assert.equal(h.status, 200);
    assert.equal(h.body.status, 'ok');
    const m = await (await fetch(`${gw.url}/metrics`)).text();
    assert.match(m, /# TYPE mangokit_gateway_events_stored_total counter/);
    assert.match(m, /^mangokit_gateway_events_stored_total (\d+)$/m);
    assert.match(m, /^mangokit_gateway_requests_total\{status="200"\} \d+$/m);
    assert.match(m, /^mangokit_gateway_archive_total\{result="ok"\} 1$/m);
    assert.match(m, /^mangokit_gateway_ack_seconds_count \d+$/m);
  });
});
