import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { CallEventPayload } from 'mangokit';
import { CallStateError, NotFoundError } from '../../src/engine/errors.js';
import { harness } from '../support/engineHarness.js';

/** One random step of the outside world. */
type Step =
  | { kind: 'incoming'; from: number; digits: string; line: number }
  | { kind: 'callback'; ext: number; to: number }
  | { kind: 'group'; toGroup: boolean; group: number; client: number }
  | {
      kind: 'command';
      name: 'route' | 'call/hangup' | 'transfer' | 'call/hold/on' | 'recording/start';
      pick: number;
      to: number;
      blind: boolean;
    }
  | { kind: 'consult'; pick: number }
  | {
      kind: 'act';
      what: 'press' | 'callerHangup' | 'employeeHangup' | 'hold' | 'unhold' | 'answer' | 'reject';
      pick: number;
    }
  | { kind: 'manual'; ext: number; on: boolean }
  | { kind: 'advance'; sec: number };

const EXTS = ['101', '102', '103', '201', '202', '203', '204', '300', '500', '600', '700'];

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    kind: fc.constant('incoming' as const),
    from: fc.integer({ min: 0, max: 9 }),
    digits: fc.stringMatching(/^[0-9*]{0,6}$/),
    line: fc.integer({ min: 0, max: 2 }),
  }),
  fc.record({
    kind: fc.constant('callback' as const),
    ext: fc.integer({ min: 0, max: 7 }),
    to: fc.integer({ min: 0, max: 14 }),
  }),
  fc.record({
    kind: fc.constant('group' as const),
    toGroup: fc.boolean(),
    group: fc.integer({ min: 8, max: 10 }),
    client: fc.integer({ min: 0, max: 9 }),
  }),
  fc.record({
    kind: fc.constant('command' as const),
    name: fc.constantFrom('route', 'call/hangup', 'transfer', 'call/hold/on', 'recording/start' as const),
    pick: fc.nat(),
    to: fc.integer({ min: 0, max: 14 }),
    blind: fc.boolean(),
  }),
  fc.record({ kind: fc.constant('consult' as const), pick: fc.nat() }),
  fc.record({
    kind: fc.constant('act' as const),
    what: fc.constantFrom(
      'press',
      'callerHangup',
      'employeeHangup',
      'hold',
      'unhold',
      'answer',
      'reject' as const,
    ),
    pick: fc.nat(),
  }),
  fc.record({ kind: fc.constant('manual' as const), ext: fc.integer({ min: 0, max: 7 }), on: fc.boolean() }),
  fc.record({ kind: fc.constant('advance' as const), sec: fc.integer({ min: 0, max: 40 }) }),
);

/** Control actions may be refused in the current state; anything else is a bug. */
function tolerate(fn: () => void): void {
  try {
    fn();
  } catch (err) {
    if (!(err instanceof CallStateError || err instanceof NotFoundError)) throw err;
  }
}

function target(i: number): string {
  return i < EXTS.length ? EXTS[i]! : `7903555010${i - EXTS.length}`;
}

test('random call traffic keeps every invariant: ordered seq, one Disconnected per leg, one summary per call, nothing left live', () => {
  fc.assert(
    fc.property(fc.array(step, { minLength: 1, maxLength: 40 }), (steps) => {
      const h = harness((o) => {
        // Several devices ringing for one employee, and a main-device-only employee.
        o.employees[0]!.dial_alg = 0;
        o.employees[3]!.dial_alg = 0;
        o.employees[1]!.dial_alg = 2;
      });
      try {
        let n = 0;
        for (const s of steps) {
          const legs = [...h.engine.legs.values()];
          const leg = legs.length > 0 ? legs[(s as { pick?: number }).pick! % legs.length] : undefined;
          switch (s.kind) {
            case 'incoming':
              h.engine.incomingCall(`7903555010${s.from}`, h.office.lines[s.line]!.number, {
                onRing: 'answer',
                digits: s.digits,
                hangupAfterSec: 20,
                abandonAfterSec: 90,
              });
              break;
            case 'callback':
              h.engine.command('callback', {
                command_id: `c${n++}`,
                from: { extension: EXTS[s.ext] },
                to_number: target(s.to),
              });
              break;
            case 'group': {
              const g = EXTS[s.group]!;
              const client = `7903555010${s.client}`;
              h.engine.command('callback_group', {
                command_id: `g${n++}`,
                from: s.toGroup ? client : g,
                to: s.toGroup ? g : client,
              });
              break;
            }
            case 'command':
              if (!leg) break;
              h.engine.command(s.name, {
                command_id: `x${n++}`,
                call_id: leg.call_id,
                to_number: target(s.to),
                method: s.blind ? 'blind' : 'hold',
                initiator: leg.to.extension ?? leg.from.extension ?? '101',
                call_party_number: leg.to.extension ?? '101',
              });
              break;
            case 'consult': {
              const held = legs.find((l) => l.consult);
              if (held && s.pick % 2 === 0) {
                h.engine.command('calls_connect', {
                  command_id: `j${n++}`,
                  holded_call_id: held.call_id,
                  transfer_initiator_number: held.consult!.from.number ?? '',
                  transferred_call_id: held.consult!.call_id,
                });
              } else if (held) {
                h.engine.command('transfer_cancel', { command_id: `k${n++}`, call_id: held.call_id });
              }
              break;
            }
            case 'act':
              if (!leg) break;
              tolerate(() => {
                const e = h.engine;
                const ref = { call_id: leg.call_id };
                if (s.what === 'press') e.callerPress({ entry_id: leg.call.entry_id }, String(s.pick % 10));
                if (s.what === 'callerHangup') {
                  e.callerHangup({ entry_id: leg.call.entry_id });
                  assert.equal(
                    e.live.has(leg.call.entry_id),
                    false,
                    'a call the caller hung up is over at once',
                  );
                }
                if (s.what === 'employeeHangup')
                  e.employeeHangup(ref, leg.to.extension ?? leg.from.extension);
                if (s.what === 'hold') e.hold(ref, leg.to.extension ?? leg.from.extension ?? '');
                if (s.what === 'unhold') e.unhold(ref);
                if (s.what === 'answer') e.answer(ref);
                if (s.what === 'reject') e.reject(ref, 1122);
              });
              break;
            case 'manual': {
              const emp = h.engine.employeeByExtension(EXTS[s.ext]!)!;
              if (s.on) h.engine.manualEmployees.add(emp.user_id);
              else h.engine.manualEmployees.delete(emp.user_id);
              break;
            }
            case 'advance':
              h.sec(s.sec);
              break;
          }
        }
        h.engine.manualEmployees.clear();
        h.sec(3600);
        h.engine.hangupAll();
        h.sec(10);
        assert.equal(h.engine.live.size, 0, 'no call left live');
        assert.equal(h.engine.legs.size, 0, 'no leg left live');
        const byLeg = new Map<string, CallEventPayload[]>();
        for (const e of h.calls()) {
          const list = byLeg.get(e.call_id) ?? [];
          list.push(e);
          byLeg.set(e.call_id, list);
        }
        for (const [id, events] of byLeg) {
          assert.deepEqual(
            events.map((e) => e.seq),
            events.map((_, i) => i + 1),
            `seq of ${id}`,
          );
          const disc = events.filter((e) => e.call_state === 'Disconnected');
          assert.equal(disc.length, 1, `one Disconnected for ${id}`);
          assert.equal(events.at(-1)!.call_state, 'Disconnected', `Disconnected is last for ${id}`);
          assert.ok(typeof disc[0]!.disconnect_reason === 'number');
          assert.ok(new Set(events.map((e) => e.entry_id)).size === 1, `one entry_id for ${id}`);
          assert.ok(new Set(events.map((e) => e.location)).size === 1, `one location for ${id}`);
        }
        const entries = new Set(h.calls().map((e) => e.entry_id));
        const summaries = h.out
          .filter((e) => e.path === 'events/summary')
          .map((e) => String(e.data.entry_id));
        assert.equal(new Set(summaries).size, summaries.length, 'one summary per call');
        for (const entry of entries) assert.ok(summaries.includes(entry), `summary for ${entry}`);
        assert.equal(h.engine.calls().length, summaries.length);
        for (const emp of h.office.employees)
          assert.equal(h.engine.isBusy(emp), false, `${emp.extension} free at the end`);
        const recs = h.out.filter((e) => e.path === 'events/recording');
        const started = new Set(
          recs.filter((e) => e.data.recording_state === 'Started').map((e) => e.data.recording_id),
        );
        const completed = recs
          .filter((e) => e.data.recording_state === 'Completed')
          .map((e) => e.data.recording_id);
        assert.equal(completed.length, started.size, 'every started recording completes once');
        for (const id of completed) assert.ok(started.has(id));
      } finally {
        h.close();
      }
    }),
    { numRuns: 150, seed: 4242 },
  );
});
