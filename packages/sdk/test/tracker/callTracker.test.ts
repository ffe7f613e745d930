import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  type CallMoment,
  CallTracker,
  type MangoEvent,
  MangoValidationError,
  MemoryCallStore,
  parseEvent,
} from 'mangokit';
import {
  blindTransferScenario,
  callbackScenario,
  consultativeTransferScenario,
  groupAnsweredBySecondScenario,
  interceptionScenario,
  missedScenario,
  routeFromIvrScenario,
  SCENARIOS,
} from './scenarios.js';

/** A moment reduced to what identifies it, for comparing runs. */
function key(moment: CallMoment): string {
  const d = moment.data;
  if ('leg' in d) {
    const extra = 'kind' in d ? `:${d.kind}` : 'from_call_id' in d ? `<${d.from_call_id}` : '';
    return `${moment.name}@${d.leg.call_id}${extra}`;
  }
  if ('recording' in d) return `${moment.name}@${d.recording.recording_id}`;
  return `${moment.name}@${d.call.entry_id}`;
}

function run(events: MangoEvent[]): { tracker: CallTracker; moments: string[] } {
  const tracker = new CallTracker();
  const moments: string[] = [];
  for (const event of events) for (const m of tracker.apply(event)) moments.push(key(m));
  return { tracker, moments };
}

const ORDER_FREE = new Set([
  'answered',
  'transferred',
  'intercepted',
  'rerouted',
  'missed',
  'completed',
  'recordingReady',
]);

describe('CallTracker scenarios in delivery order', () => {
  it('callback: employee rung first, then the client; no re-route reported', () => {
    const s = callbackScenario();
    const { tracker, moments } = run(s.events);
    assert.deepEqual(moments, [
      'ringing@L1',
      'answered@L1',
      'ringing@L2',
      'answered@L2',
      'completed@entry-callback',
    ]);
    const call = tracker.get(s.entry)!;
    assert.equal(call.legs.find((l) => l.call_id === 'L2')!.relation, 'continuation');
    assert.equal(call.outcome, 'answered');
    // Outgoing: forward_time = create_time, so ringing lasts until the client answers (§4.2).
    assert.deepEqual(call.durations, { wait: 0, ring: 10, talk: 60 });
    assert.equal(call.legs.find((l) => l.call_id === 'L1')!.disconnect_reason, 1000);
  });

  it('route from IVR', () => {
    const { moments } = run(routeFromIvrScenario().events);
    assert.deepEqual(moments, ['ringing@A2', 'rerouted@A2<I1', 'answered@A2', 'completed@entry-route']);
  });

  it('blind transfer', () => {
    const { moments } = run(blindTransferScenario().events);
    assert.deepEqual(moments, [
      'ringing@B1',
      'answered@B1',
      'ringing@B2',
      'transferred@B2:blind',
      'answered@B2',
      'completed@entry-blind',
    ]);
  });

  it('consultative transfer turning blind, with hold', () => {
    const s = consultativeTransferScenario();
    const held: string[] = [];
    const tracker = new CallTracker();
    tracker.on('held', (m) => held.push(`${m.leg.call_id}:${m.initiator}`));
    const moments = s.events.flatMap((e) => tracker.apply(e).map(key));
    assert.deepEqual(held, ['C1:to']);
    assert.deepEqual(moments, [
      'ringing@C1',
      'answered@C1',
      'held@C1',
      'ringing@C2',
      'transferred@C2:consultative',
      'answered@C2',
      'transferred@C2:blind',
      'completed@entry-consult',
    ]);
    const call = tracker.get(s.entry)!;
    assert.deepEqual(call.legs.find((l) => l.call_id === 'C2')!.transfers, ['blind', 'consultative']);
    assert.equal(call.legs.find((l) => l.call_id === 'C2')!.from.number, '79001234567');
  });

  it('group call answered by the second operator', () => {
    const tracker = new CallTracker();
    const answered: (string | undefined)[] = [];
    const completed: (string | undefined)[] = [];
    tracker.on('answered', (m) => answered.push(m.by.extension));
    tracker.on('completed', (m) => completed.push(m.answered_by));
    const moments = groupAnsweredBySecondScenario().events.flatMap((e) => tracker.apply(e).map(key));
    assert.deepEqual(moments, ['ringing@G1', 'ringing@G2', 'answered@G2', 'completed@entry-group']);
    assert.deepEqual(answered, ['202']);
    assert.deepEqual(completed, ['202']);
    const call = tracker.get('entry-group')!;
    assert.equal(call.legs.find((l) => l.call_id === 'G1')!.answered, false);
    assert.deepEqual(call.durations, { wait: 2, ring: 6, talk: 94 });
  });

  it('missed call', () => {
    const tracker = new CallTracker();
    const missed: unknown[] = [];
    tracker.on('missed', (m) => missed.push({ caller: m.caller, by: m.missed_by }));
    const moments = missedScenario().events.flatMap((e) => tracker.apply(e).map(key));
    assert.deepEqual(moments, ['ringing@M1', 'missed@entry-missed', 'completed@entry-missed']);
    assert.deepEqual(missed, [{ caller: '79001234567', by: '101' }]);
    assert.equal(tracker.get('entry-missed')!.outcome, 'missed');
    assert.deepEqual(tracker.get('entry-missed')!.durations, { wait: 5, ring: 30, talk: 0 });
  });

  it('keeps the call-tracking number of a call and hands it to the card pop', () => {
    const tracker = new CallTracker();
    const pops: unknown[] = [];
    tracker.on('ringing', (m) => {
      pops.push(m.dct);
    });
    const leg = (entry: string, seq: number, state: string, dct: object) =>
      parseEvent(
        'events/call',
        JSON.stringify({
          entry_id: entry,
          call_id: `${entry}-L1`,
          timestamp: 1000 + seq,
          seq,
          call_state: state,
          location: 'abonent',
          from: { number: '79001234567' },
          to: { extension: '101', line_number: '74952150101' },
          dct,
        }),
      );
    const tracking = { number: '74952150101', type: 1 };
    tracker.apply(leg('E-dct', 1, 'Appeared', tracking));
    tracker.apply(leg('E-dct', 2, 'Connected', tracking));
    assert.deepEqual(tracker.get('E-dct')!.dct, tracking);
    tracker.apply(leg('E-plain', 1, 'Appeared', { type: 0 }));
    assert.equal(tracker.get('E-plain')!.dct, undefined);
    assert.deepEqual(pops, [tracking, undefined]);
    // Only the summary arrived so far (out-of-order delivery): it carries the number too.
    tracker.apply(
      parseEvent(
        'events/summary',
        JSON.stringify({
          entry_id: 'E-late',
          call_direction: 1,
          from: { number: '79001234567' },
          to: { extension: '101' },
          create_time: 1000,
          forward_time: 1000,
          talk_time: 1005,
          end_time: 1060,
          entry_result: 1,
          disconnect_reason: 1110,
          dct: { number: '74952150202', type: 2 },
        }),
      ),
    );
    assert.deepEqual(tracker.get('E-late')!.dct, { number: '74952150202', type: 2 });
  });

  it('interception and a recording that becomes ready', () => {
    const { tracker, moments } = run(interceptionScenario().events);
    assert.deepEqual(moments, [
      'ringing@X1',
      'ringing@X2',
      'intercepted@X2<X1',
      'answered@X2',
      'recordingReady@REC1',
      'completed@entry-intercept',
    ]);
    const rec = tracker.get('entry-intercept')!.recordings[0]!;
    assert.deepEqual(rec, {
      recording_id: 'REC1',
      seq: 2,
      state: 'Completed',
      call_id: 'X2',
      extension: '105',
      completion_code: 1000,
      recipient: 'Cloud',
      ready: true,
    });
  });
});

describe('CallTracker delivery order', () => {
  for (const make of SCENARIOS) {
    const scenario = make();
    it(`property: ${scenario.name} — shuffled with duplicates, same call and same moments`, () => {
      const reference = run(scenario.events);
      const expectedCall = reference.tracker.get(scenario.entry);
      const expectedMoments = reference.moments.filter((m) => ORDER_FREE.has(m.split('@')[0]!)).sort();
      const n = scenario.events.length;
      fc.assert(
        fc.property(
          fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: n, maxLength: n }),
          fc.array(fc.nat({ max: n - 1 }), { maxLength: n }),
          (ranks, duplicates) => {
            const delivery = [...scenario.events, ...duplicates.map((i) => scenario.events[i]!)];
            const order = delivery
              .map((event, i) => ({ event, rank: i < n ? ranks[i]! : Math.random() }))
              .sort((a, b) => a.rank - b.rank)
              .map((x) => x.event);
            const shuffled = run(order);
            assert.deepEqual(shuffled.tracker.get(scenario.entry), expectedCall);
            const moments = shuffled.moments.filter((m) => ORDER_FREE.has(m.split('@')[0]!)).sort();
            assert.deepEqual(moments, expectedMoments);
          },
        ),
        { numRuns: 150 },
      );
    });
  }

  it('drops exact duplicates without emitting twice', () => {
    const s = missedScenario();
    const { moments } = run([...s.events, ...s.events, s.events[0]!]);
    assert.deepEqual(moments, ['ringing@M1', 'missed@entry-missed', 'completed@entry-missed']);
  });

  it('a stale Appeared after Connected does not pop the card, a stale Connected still reports the answer', () => {
    const s = blindTransferScenario();
    const [appeared, connected] = s.events;
    const { moments } = run([connected!, appeared!]);
    assert.deepEqual(moments, ['answered@B1']);
    const late = run([s.events[3]!, s.events[1]!]); // B1 Disconnected, then its Connected
    assert.deepEqual(late.moments, ['answered@B1']);
    assert.equal(late.tracker.get(s.entry)!.legs.find((l) => l.call_id === 'B1')!.state, 'Disconnected');
  });

  it('resumed after hold, in order', () => {
    const s = consultativeTransferScenario();
    const tracker = new CallTracker();
    const resumed: string[] = [];
    tracker.on('resumed', (m) => resumed.push(m.leg.call_id));
    for (const e of s.events.slice(0, 3)) tracker.apply(e);
    const back = s.events[1]!;
    assert.equal(back.type, 'call');
    if (back.type !== 'call') return;
    tracker.apply({ ...back, payload: { ...back.payload, seq: 10 } });
    assert.deepEqual(resumed, ['C1']);
  });
});

describe('CallTracker listeners', () => {
  it('routes listener errors to onError and keeps folding; rethrows without onError', () => {
    const s = missedScenario();
    const tracker = new CallTracker();
    tracker.on('ringing', () => {
      throw new Error('crm down');
    });
    assert.throws(() => tracker.apply(s.events[0]!), /crm down/);
    assert.equal(tracker.get(s.entry)!.legs.find((l) => l.call_id === 'M1')!.state, 'Appeared');
    const errors: string[] = [];
    const tracker2 = new CallTracker();
    tracker2.on('ringing', () => {
      throw new Error('crm down');
    });
    let completed = 0;
    tracker2.on('completed', () => completed++);
    tracker2.onError((error, moment) => errors.push(`${moment}:${(error as Error).message}`));
    for (const e of s.events) tracker2.apply(e);
    assert.deepEqual(errors, ['ringing:crm down']);
    assert.equal(completed, 1);
  });

  it('unsubscribes, and rejects unknown moment names', () => {
    const tracker = new CallTracker();
    let n = 0;
    const off = tracker.on('ringing', () => n++);
    off();
    tracker.apply(missedScenario().events[0]!);
    assert.equal(n, 0);
    assert.throws(() => tracker.on('rang' as 'ringing', () => {}), MangoValidationError);
  });

  it('ignores notifications that carry no call', () => {
    const tracker = new CallTracker();
    assert.deepEqual(
      tracker.apply({
        type: 'sms',
        name: 'sms',
        path: 'events/sms',
        payload: { command_id: 'x', timestamp: 1, reason: 1000 },
      }),
      [],
    );
    assert.equal(tracker.store.size, 0);
  });
});

describe('MemoryCallStore', () => {
  it('evicts finished calls after finishedTtlMs and idle ones after idleTtlMs', () => {
    let now = 0;
    const store = new MemoryCallStore({ finishedTtlMs: 1000, idleTtlMs: 10_000, now: () => now });
    const tracker = new CallTracker({ store });
    for (const e of missedScenario().events) tracker.apply(e);
    tracker.apply(routeFromIvrScenario().events[0]!); // unfinished
    assert.equal(store.size, 2);
    now = 999;
    store.sweep();
    assert.ok(tracker.get('entry-missed'));
    now = 1000;
    store.sweep();
    assert.equal(tracker.get('entry-missed'), undefined);
    assert.ok(tracker.get('entry-route'));
    now = 10_000;
    store.sweep();
    assert.equal(store.size, 0);
  });

  it('a late event keeps a finished call until its original expiry, never longer', () => {
    let now = 0;
    const store = new MemoryCallStore({ finishedTtlMs: 1000, now: () => now });
    const tracker = new CallTracker({ store });
    const s = interceptionScenario();
    const summary = s.events.at(-1)!;
    tracker.apply(summary);
    now = 900;
    tracker.apply(s.events[0]!);
    now = 1000;
    store.sweep();
    assert.equal(store.size, 0);
  });

  it('never keeps more than maxCalls, evicting the oldest', () => {
    const store = new MemoryCallStore({ maxCalls: 3 });
    const tracker = new CallTracker({ store });
    const base = missedScenario().events[0]!;
    assert.equal(base.type, 'call');
    if (base.type !== 'call') return;
    for (let i = 0; i < 5; i++) tracker.apply({ ...base, payload: { ...base.payload, entry_id: `e${i}` } });
    assert.equal(store.size, 3);
    assert.equal(tracker.get('e0'), undefined);
    assert.ok(tracker.get('e4'));
  });
});
