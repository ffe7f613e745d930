import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { createEnvelope, encodeEnvelope } from 'mangokit/protocol';
import { type Sandbox, startSandbox } from '../../src/index.js';

/**
 * One call, four views: the realtime `events/call` and `events/summary`, the CSV of
 * `stats/result` and the JSON of `stats/calls/result` must agree on ids, times, numbers and codes
 * (reference §3.1, §3.2, §4.1, §4.2). Random traffic through the real sandbox over HTTP.
 */

/** Monday 2026-11-23 10:00 Moscow: inside the demo office's working hours. */
const START_MS = Date.UTC(2026, 10, 23, 7, 0, 0);
const EXTS = ['101', '102', '103', '201', '202', '300'];
const GROUPS = ['500', '600', '700'];
const CUSTOMERS = ['79035550101', '79035550202', '79035550303', '79035550404', '79035550505', '79161234567'];
const LINES = ['74951234567', '78005553535', '74952150101'];
const FIELDS = [
  'records',
  'start',
  'finish',
  'answer',
  'from_extension',
  'from_number',
  'to_extension',
  'to_number',
  'disconnect_reason',
  'line_number',
  'location',
  'entry_id',
  'create',
] as const;

type Step =
  | { kind: 'incoming'; customer: number; line: number; digits: string; talkSec: number }
  | { kind: 'callback'; ext: number; to: number; toEmployee: boolean }
  | { kind: 'group'; group: number; customer: number; toGroup: boolean }
  | { kind: 'hangup'; pick: number }
  | { kind: 'transfer'; pick: number; ext: number }
  | { kind: 'advance'; sec: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    kind: fc.constant('incoming' as const),
    customer: fc.nat(CUSTOMERS.length - 1),
    line: fc.nat(LINES.length - 1),
    digits: fc.constantFrom('1', '2', '3123', ''),
    talkSec: fc.integer({ min: 3, max: 60 }),
  }),
  fc.record({
    kind: fc.constant('callback' as const),
    ext: fc.nat(EXTS.length - 1),
    to: fc.nat(CUSTOMERS.length - 1),
    toEmployee: fc.boolean(),
  }),
  fc.record({
    kind: fc.constant('group' as const),
    group: fc.nat(GROUPS.length - 1),
    customer: fc.nat(CUSTOMERS.length - 1),
    toGroup: fc.boolean(),
  }),
  fc.record({ kind: fc.constant('hangup' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('transfer' as const), pick: fc.nat(), ext: fc.nat(EXTS.length - 1) }),
  fc.record({ kind: fc.constant('advance' as const), sec: fc.integer({ min: 0, max: 30 }) }),
);

type Json = Record<string, unknown>;
interface Party {
  extension?: string;
  number?: string;
}

async function api(sb: Sandbox, path: string, params: unknown): Promise<Response> {
  const env = createEnvelope({ apiKey: sb.office.api_key, apiSalt: sb.office.api_salt }, params);
  return fetch(`${sb.apiBaseUrl}${path}`, {
    method: 'POST',
    body: encodeEnvelope(env),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
}

async function control(sb: Sandbox, path: string, body?: unknown): Promise<Json> {
  const res = await fetch(`${sb.url}/_sandbox/${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return (await res.json()) as Json;
}

async function run(sb: Sandbox, steps: Step[]): Promise<void> {
  let n = 0;
  for (const s of steps) {
    const live = ((await control(sb, 'calls')).calls as Array<{ legs: Json[] }>).flatMap((c) => c.legs);
    const leg = live.length > 0 ? live[(s as { pick?: number }).pick! % live.length] : undefined;
    switch (s.kind) {
      case 'incoming':
        await control(sb, 'calls/incoming', {
          from: CUSTOMERS[s.customer],
          line: LINES[s.line],
          policy: { onRing: 'answer', digits: s.digits, hangupAfterSec: s.talkSec, abandonAfterSec: 120 },
        });
        break;
      case 'callback':
        await api(sb, 'commands/callback', {
          command_id: `cb-${n++}`,
          from: { extension: EXTS[s.ext] },
          to_number: s.toEmployee ? EXTS[(s.ext + s.to + 1) % EXTS.length] : CUSTOMERS[s.to],
        });
        break;
      case 'group':
        await api(sb, 'commands/callback_group', {
          command_id: `g-${n++}`,
          from: s.toGroup ? CUSTOMERS[s.customer] : GROUPS[s.group],
          to: s.toGroup ? GROUPS[s.group] : CUSTOMERS[s.customer],
          line_number: LINES[0],
        });
        break;
      case 'hangup':
        if (leg) await api(sb, 'commands/call/hangup', { command_id: `h-${n++}`, call_id: leg.call_id });
        break;
      case 'transfer':
        if (leg && leg.state === 'Connected') {
          const party = (leg.to as Party).extension ? (leg.to as Party) : (leg.from as Party);
          if (party.extension) {
            await api(sb, 'commands/transfer', {
              command_id: `t-${n++}`,
              call_id: leg.call_id,
              method: 'blind',
              to_number: EXTS[s.ext],
              initiator: party.extension,
            });
          }
        }
        break;
      case 'advance':
        sb.clock.advance(s.sec * 1000);
        break;
    }
    // The API acknowledges before the engine acts: let it act.
    await new Promise((r) => setImmediate(r));
  }
  // Let every call end by itself, then end what never would.
  for (let i = 0; i < 30; i++) sb.clock.advance(60_000);
  sb.engine.hangupAll();
  sb.clock.advance(10_000);
}

/** A leg as the realtime events saw it: first and last event, answer time. */
interface EventLeg {
  call_id: string;
  entry_id: string;
  start: number;
  finish: number;
  answer: number;
  last: Json;
}

function legsFromEvents(events: Json[]): Map<string, EventLeg> {
  const legs = new Map<string, EventLeg>();
  for (const e of events) {
    const id = String(e.call_id);
    let leg = legs.get(id);
    if (!leg) {
      leg = {
        call_id: id,
        entry_id: String(e.entry_id),
        start: Number(e.timestamp),
        finish: 0,
        answer: 0,
        last: e,
      };
      legs.set(id, leg);
    }
    if (e.call_state === 'Connected' && leg.answer === 0) leg.answer = Number(e.timestamp);
    if (e.call_state === 'Disconnected') leg.finish = Number(e.timestamp);
    leg.last = e;
  }
  return legs;
}

test('events/call, events/summary, stats/result and stats/calls agree on every call of random traffic', async () => {
  // The property only means something if the traffic really made calls, transfers and recordings.
  const seen = { legs: 0, recordings: 0, transferred: 0 };
  await fc.assert(
    fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 8 }), async (steps) => {
      const sb = await startSandbox({
        port: 0,
        clock: 'manual',
        startMs: START_MS,
        rateLimits: false,
        lockout: false,
      });
      const notes: Array<{ path: string; payload: Json }> = [];
      sb.engine.on('notification', (path: string, payload: unknown) =>
        notes.push({ path, payload: payload as Json }),
      );
      try {
        await run(sb, steps);
        const events = notes.filter((x) => x.path === 'events/call').map((x) => x.payload);
        const summaries = notes.filter((x) => x.path === 'events/summary').map((x) => x.payload);
        const recordings = notes.filter((x) => x.path === 'events/recording').map((x) => x.payload);
        const legs = legsFromEvents(events);
        seen.legs += legs.size;
        seen.recordings += new Set(recordings.map((r) => r.recording_id)).size;
        seen.transferred += events.filter((e) => e.transfer !== undefined).length;
        const entries = new Set([...legs.values()].map((l) => l.entry_id));

        // stats/result: every column of every leg.
        const from = Math.floor(START_MS / 1000) - 60;
        const req = (await (
          await api(sb, 'stats/request', { date_from: from, date_to: from + 86400, fields: FIELDS.join(',') })
        ).json()) as Json;
        const csv = await (await api(sb, 'stats/result', { key: req.key })).text();
        const rows = csv
          .split('\r\n')
          .filter(Boolean)
          .map(
            (line) =>
              Object.fromEntries(line.split(';').map((v, i) => [FIELDS[i], v])) as Record<
                (typeof FIELDS)[number],
                string
              >,
          );
        // stats/calls: the same calls as JSON.
        const creq = (await (
          await api(sb, 'stats/calls/request', {
            start_date: '23.11.2026 00:00:00',
            end_date: '23.11.2026 23:59:59',
            limit: 5000,
            offset: 0,
          })
        ).json()) as Json;
        const cres = (await (await api(sb, 'stats/calls/result', { key: creq.key })).json()) as Json;
        assert.equal(cres.status, 'complete');
        const list = (cres.data as Array<{ list: Json[] }>).flatMap((d) => d.list);

        assert.equal(summaries.length, entries.size, 'one summary per call seen in events/call');
        assert.deepEqual(new Set(list.map((c) => c.entry_id)), entries, 'stats/calls lists the same calls');
        assert.equal(rows.length, legs.size, 'stats/result has a row per leg');

        for (const summary of summaries) {
          const entry = String(summary.entry_id);
          const mine = [...legs.values()].filter((l) => l.entry_id === entry);
          assert.ok(mine.length > 0, `legs of ${entry}`);
          // Summary ↔ legs.
          assert.equal(summary.create_time, Math.min(...mine.map((l) => l.start)), `create_time of ${entry}`);
          assert.equal(summary.end_time, Math.max(...mine.map((l) => l.finish)), `end_time of ${entry}`);
          const talk = Number(summary.talk_time);
          if (talk > 0)
            assert.ok(
              mine.some((l) => l.answer === talk),
              `talk_time of ${entry} is a leg's answer`,
            );

          // stats/result ↔ events/call, leg by leg (the CSV has no call_id: compare as multisets).
          const wire = (l: EventLeg) => {
            const f = (l.last.from ?? {}) as Party;
            const t = (l.last.to ?? {}) as Party;
            return [
              l.start,
              l.finish,
              l.answer,
              f.extension ?? '',
              f.number ?? '',
              t.extension ?? '',
              t.number ?? '',
              l.last.disconnect_reason,
              l.last.location,
            ].join(';');
          };
          const fromCsv = rows
            .filter((r) => r.entry_id === entry)
            .map((r) =>
              [
                r.start,
                r.finish,
                r.answer,
                r.from_extension,
                r.from_number,
                r.to_extension,
                r.to_number,
                r.disconnect_reason,
                r.location,
              ].join(';'),
            );
          assert.deepEqual(fromCsv.sort(), mine.map(wire).sort(), `stats/result rows of ${entry}`);
          for (const r of rows.filter((x) => x.entry_id === entry)) {
            assert.equal(Number(r.create), summary.create_time, `create column of ${entry}`);
          }

          // stats/calls ↔ events/call and events/summary.
          const item = list.find((c) => c.entry_id === entry)!;
          const direction = Number(summary.call_direction);
          assert.equal(item.context_type, direction === 0 ? 3 : direction, `context_type of ${entry}`);
          assert.equal(item.context_status, summary.entry_result, `context_status of ${entry}`);
          assert.equal(item.context_start_time, summary.create_time);
          assert.equal(item.duration, Number(summary.end_time) - Number(summary.create_time));
          const calls = item.context_calls as Json[];
          assert.deepEqual(
            calls.map((c) => String(c.external_call_id)).sort(),
            mine.map((l) => l.call_id).sort(),
            `context_calls of ${entry}`,
          );
          for (const c of calls) {
            const l = legs.get(String(c.external_call_id))!;
            assert.equal(c.call_start_time, l.start);
            assert.equal(c.call_end_time, l.finish);
            assert.equal(c.call_answer_time, l.answer === 0 ? null : l.answer);
            assert.equal(c.call_end_reason, l.last.disconnect_reason);
          }

          // Recording ids: the same in all three places.
          const heard = new Set(
            recordings.filter((r) => r.entry_id === entry).map((r) => String(r.recording_id)),
          );
          const csvRecs = new Set(
            rows
              .filter((r) => r.entry_id === entry)
              .flatMap((r) => r.records.replace(/^\[|\]$/g, '').split(','))
              .filter(Boolean),
          );
          const jsonRecs = new Set(calls.flatMap((c) => c.recording_id as string[]));
          assert.deepEqual(csvRecs, heard, `recordings of ${entry} in stats/result`);
          assert.deepEqual(jsonRecs, heard, `recordings of ${entry} in stats/calls`);
        }
      } finally {
        await sb.close();
      }
    }),
    { numRuns: 25 },
  );
  assert.ok(seen.legs > 100 && seen.recordings > 5, JSON.stringify(seen));
});
