/**
 * CallTracker benchmark (issue 3): events folded per second, and memory with 100,000 calls in
 * progress. Baseline in the same run: the naive fold many integrations start with — a Map
 * from `call_id` to its latest event, with no ordering, de-duplication or moments.
 *
 *   node --expose-gc --conditions=source --import tsx bench/tracker.ts [--calls 100000]
 */
import { CallTracker, type MangoEvent, parseEvent } from 'mangokit';

const args = process.argv.slice(2);
const CALLS = Number(args[args.indexOf('--calls') + 1] || 100_000);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) {
  console.error('run with --expose-gc');
  process.exit(2);
}

/** A group call: queue leg, two operators rung, the second answers; then hang-up and summary. */
function callEvents(i: number, finished: boolean): MangoEvent[] {
  const entry = `MTI1NTI3NjE0NzQ6${i.toString(36).padStart(8, '0')}`;
  const caller = { number: `7900${String(i).padStart(7, '0')}` };
  const to = (ext: string) => ({
    extension: ext,
    number: `sip:${ext}@vpbx1.mangosip.ru`,
    line_number: '74951234567',
    acd_group: '300',
  });
  const leg = (
    call_id: string,
    seq: number,
    t: number,
    call_state: string,
    location: string,
    toParty: object,
    extra = {},
  ) =>
    parseEvent(
      'events/call',
      JSON.stringify({
        entry_id: entry,
        call_id: `${entry}-${call_id}`,
        timestamp: t,
        seq,
        call_state,
        location,
        from: caller,
        to: toParty,
        dct: { type: 0 },
        ...extra,
      }),
    );
  const events = [
    leg('q', 1, 1000, 'Appeared', 'queue', { line_number: '74951234567', acd_group: '300' }),
    leg('a', 1, 1001, 'Appeared', 'abonent', to('201')),
    leg('b', 1, 1001, 'Appeared', 'abonent', to('202')),
    leg('b', 2, 1005, 'Connected', 'abonent', to('202')),
  ];
  if (finished) {
    events.push(
      leg('a', 2, 1005, 'Disconnected', 'abonent', to('201'), { disconnect_reason: 1183 }),
      leg('q', 2, 1005, 'Disconnected', 'queue', { line_number: '74951234567' }, { disconnect_reason: 1100 }),
      leg('b', 3, 1090, 'Disconnected', 'abonent', to('202'), { disconnect_reason: 1110 }),
      parseEvent(
        'events/summary',
        JSON.stringify({
          entry_id: entry,
          call_direction: 1,
          from: caller,
          to: { extension: '202' },
          line_number: '74951234567',
          create_time: 999,
          forward_time: 1000,
          talk_time: 1005,
          end_time: 1090,
          entry_result: 1,
          disconnect_reason: 1110,
        }),
      ),
    );
  }
  return events;
}

function naiveFold(events: MangoEvent[]): Map<string, MangoEvent> {
  const latest = new Map<string, MangoEvent>();
  for (const e of events) if (e.type === 'call') latest.set(e.payload.call_id, e);
  return latest;
}

function trackerFold(events: MangoEvent[]): CallTracker {
  const tracker = new CallTracker();
  let moments = 0;
  for (const name of ['ringing', 'answered', 'missed', 'completed'] as const)
    tracker.on(name, () => moments++);
  for (const e of events) tracker.apply(e);
  if (moments === 0) throw new Error('no moments emitted');
  return tracker;
}

function timeIt(fn: () => unknown): number {
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / 1e9;
}

// Throughput: complete calls, events delivered in order.
const throughputCalls = Math.min(CALLS, 50_000);
const complete: MangoEvent[] = [];
for (let i = 0; i < throughputCalls; i++) complete.push(...callEvents(i, true));
const rounds = 5;
const naiveRates: number[] = [];
const trackerRates: number[] = [];
trackerFold(complete.slice(0, 20_000));
naiveFold(complete.slice(0, 20_000));
for (let r = 0; r < rounds; r++) {
  naiveRates.push(complete.length / timeIt(() => naiveFold(complete)));
  trackerRates.push(complete.length / timeIt(() => trackerFold(complete)));
}
const median = (v: number[]) => [...v].sort((a, b) => a - b)[v.length >> 1]!;
console.log(
  `fold throughput (${throughputCalls} complete calls, ${complete.length} events, median of ${rounds}):`,
);
console.log(`  CallTracker      ${(median(trackerRates) / 1e6).toFixed(2)} M events/s`);
console.log(`  naive latest-map ${(median(naiveRates) / 1e6).toFixed(2)} M events/s`);
console.log(`  ratio            ${(median(trackerRates) / median(naiveRates)).toFixed(2)}×`);
complete.length = 0;

// Memory: CALLS calls in progress (queue leg, two operators rung, one answered).
function heapAfter(build: () => unknown): { bytes: number; keep: unknown } {
  gc!();
  gc!();
  const before = process.memoryUsage().heapUsed;
  const keep = build();
  gc!();
  gc!();
  return { bytes: process.memoryUsage().heapUsed - before, keep };
}
const live: MangoEvent[][] = [];
for (let i = 0; i < CALLS; i++) live.push(callEvents(i, false));
const ours = heapAfter(() => {
  const tracker = new CallTracker();
  for (const events of live) for (const e of events) tracker.apply(e);
  return tracker;
});
if ((ours.keep as CallTracker).store.size !== CALLS) throw new Error('tracker lost calls');
const naive = heapAfter(() => naiveFold(live.flat()));
// The events themselves exist in both cases (the parser made them); both figures count only
// what the fold adds on top of them.
console.log(`\nmemory with ${CALLS} calls in progress (3 legs, 4 events each; heap added by the fold):`);
console.log(
  `  CallTracker      ${(ours.bytes / 2 ** 20).toFixed(1)} MiB  (${(ours.bytes / CALLS).toFixed(0)} B/call)`,
);
console.log(
  `  naive latest-map ${(naive.bytes / 2 ** 20).toFixed(1)} MiB  (${(naive.bytes / CALLS).toFixed(0)} B/call)`,
);
console.log(`  ratio            ${(ours.bytes / naive.bytes).toFixed(2)}×`);
