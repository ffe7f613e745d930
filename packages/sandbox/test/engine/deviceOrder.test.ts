import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import type { EmployeeNumber, Office, PhonePolicy } from '../../src/office/types.js';
import { type Harness, harness } from '../support/engineHarness.js';

let h: Harness;
afterEach(() => h.close());

const CALLER = '79000000001';
const A = 'sip:dev-a@demo.mangosip.ru';
const B = '79160000002';
const C = 'sip:dev-c@demo.mangosip.ru';
const D = '79160000004';
/** Open only on Sundays at night: outside the harness clock (Monday 10:00 Moscow). */
const SUNDAY_NIGHT = { items: [{ type: 'Sunday' as const, from: '00:00', until: '01:00' }] };

function device(
  number: string,
  order: number,
  wait_sec: number,
  extra?: Partial<EmployeeNumber>,
): EmployeeNumber {
  const protocol = number.startsWith('sip:') ? 'sip' : 'tel';
  return { number, protocol, order, wait_sec, status: 'on', ...extra };
}

/** Employee 101 on `numbers` with `dial_alg`; the first line goes straight to 101. */
function directOffice(dialAlg: number, numbers: EmployeeNumber[], policy: PhonePolicy): (o: Office) => void {
  return (o) => {
    for (const e of o.employees) e.recording = 'none';
    const emp = o.employees.find((e) => e.extension === '101')!;
    emp.dial_alg = dialAlg;
    emp.numbers = numbers;
    emp.policy = policy;
    o.schemes.push({
      schema_id: 91,
      name: 'direct',
      start: 'e',
      nodes: [{ id: 'e', type: 'employee', extension: '101' }],
    });
    o.lines[0]!.schema_id = 91;
  };
}

/** Every `abonent` event as `state:device[:reason]`, in emission order. */
function abonent(h: Harness): string[] {
  return h
    .calls()
    .filter((e) => e.location === 'abonent')
    .map((e) => `${e.call_state}:${e.to.number}${e.disconnect_reason ? `:${e.disconnect_reason}` : ''}`);
}

/** Seconds from the first abonent `Appeared` to each later `Appeared` and `Connected`. */
function offsets(h: Harness): string[] {
  const ev = h.calls().filter((e) => e.location === 'abonent' && e.call_state !== 'Disconnected');
  const t0 = ev[0]!.timestamp;
  return ev.map((e) => `${e.call_state}:${e.to.number}@${e.timestamp - t0}`);
}

function summary(h: Harness): Record<string, unknown> {
  const s = h.out.filter((e) => e.path === 'events/summary');
  assert.equal(s.length, 1, 'one summary');
  return s[0]!.data;
}

test('dial_alg 1: devices ring one after another, each for its wait_sec; the second answers and the third never rings', () => {
  h = harness(
    directOffice(1, [device(A, 0, 5), device(B, 1, 10), device(C, 2, 15)], {
      onRing: 'answer',
      answerAfterSec: 8,
      hangupAfterSec: 5,
    }),
  );
  h.engine.incomingCall(CALLER, undefined, { onRing: 'answer' });
  h.sec(60);
  assert.deepEqual(abonent(h), [
    `Appeared:${A}`,
    `Disconnected:${A}:1111`,
    `Appeared:${B}`,
    `Connected:${B}`,
    `Disconnected:${B}:1120`,
  ]);
  assert.deepEqual(offsets(h), [`Appeared:${A}@0`, `Appeared:${B}@5`, `Connected:${B}@13`]);
  // Each device is its own leg.
  const legs = new Set(
    h
      .calls()
      .filter((e) => e.location === 'abonent')
      .map((e) => e.call_id),
  );
  assert.equal(legs.size, 2);
  const s = summary(h);
  assert.equal(s.entry_result, 1);
  assert.deepEqual(s.to, { extension: '101', number: B });
  assert.equal(s.disconnect_reason, 1120);
  const rec = h.engine.calls()[0]!;
  const abonentLegs = rec.legs.filter((l) => l.location === 'abonent');
  assert.deepEqual(
    abonentLegs.map((l) => [l.to_number, l.answer > 0, l.disconnect_reason]),
    [
      [A, false, 1111],
      [B, true, 1120],
    ],
  );
  assert.equal(h.engine.live.size, 0);
});

test('dial_alg 1: nobody answers → every device times out in turn; the summary names the main number and 1111', () => {
  h = harness(directOffice(1, [device(A, 0, 5), device(B, 1, 0), device(C, 2, 7)], { onRing: 'never' }));
  h.engine.incomingCall(CALLER, undefined, { onRing: 'answer' });
  h.sec(120);
  assert.deepEqual(abonent(h), [
    `Appeared:${A}`,
    `Disconnected:${A}:1111`,
    `Appeared:${B}`,
    `Disconnected:${B}:1111`,
    `Appeared:${C}`,
    `Disconnected:${C}:1111`,
  ]);
  // wait_sec 0 = the default ring time (30 s).
  assert.deepEqual(offsets(h), [`Appeared:${A}@0`, `Appeared:${B}@5`, `Appeared:${C}@35`]);
  const s = summary(h);
  assert.equal(s.entry_result, 0);
  assert.equal(s.talk_time, 0);
  assert.deepEqual(s.to, { extension: '101', number: A });
  assert.equal(s.disconnect_reason, 1111);
  assert.equal(h.engine.live.size, 0);
});

test('dial_alg 1: switched-off and off-schedule devices are skipped; a missed call still names the main number', () => {
  h = harness(
    directOffice(
      1,
      // Listed out of order on purpose: `order` decides.
      [
        device(D, 3, 4),
        device(B, 1, 6),
        device(A, 0, 5, { status: 'off' }),
        device(C, 2, 5, { schedule: SUNDAY_NIGHT }),
      ],
      { onRing: 'never' },
    ),
  );
  h.engine.incomingCall(CALLER, undefined, { onRing: 'answer' });
  h.sec(60);
  assert.deepEqual(abonent(h), [
    `Appeared:${B}`,
    `Disconnected:${B}:1111`,
    `Appeared:${D}`,
    `Disconnected:${D}:1111`,
  ]);
  assert.deepEqual(offsets(h), [`Appeared:${B}@0`, `Appeared:${D}@6`]);
  assert.deepEqual(summary(h).to, { extension: '101', number: A });
});

test('dial_alg 1: a DND phone answers each device with its signal, then the call is missed', () => {
  h = harness(directOffice(1, [device(A, 0, 5), device(B, 1, 5)], { onRing: 'dnd' }));
  h.engine.incomingCall(CALLER, undefined, { onRing: 'answer' });
  h.sec(60);
  assert.deepEqual(abonent(h), [
    `Appeared:${A}`,
    `Disconnected:${A}:1123`,
    `Appeared:${B}`,
    `Disconnected:${B}:1123`,
  ]);
  assert.equal(summary(h).disconnect_reason, 1123);
});

test('dial_alg 0 rings every active device at once; dial_alg 2 only the main one', () => {
  const numbers = () => [device(A, 0, 5), device(B, 1, 5), device(C, 2, 5)];
  h = harness(directOffice(0, numbers(), { onRing: 'never' }));
  h.engine.incomingCall(CALLER, undefined, { onRing: 'answer' });
  h.sec(60);
  assert.deepEqual(offsets(h), [`Appeared:${A}@0`, `Appeared:${B}@0`, `Appeared:${C}@0`]);
  h.close();
  h = harness(directOffice(2, numbers(), { onRing: 'never' }));
  h.engine.incomingCall(CALLER, undefined, { onRing: 'answer' });
  h.sec(60);
  assert.deepEqual(abonent(h), [`Appeared:${A}`, `Disconnected:${A}:1111`]);
});

/**
 * Group 900 (serial, ring_sec 12): operator 101 (devices A sip 5 s, B tel 10 s, C sip 15 s;
 * never answers) first, then 102 (one device; answers), with `dial_alg_users` = `users`.
 */
function groupOffice(users: number, cardDialAlg = 1): (o: Office) => void {
  return (o) => {
    directOffice(cardDialAlg, [device(A, 0, 5), device(B, 1, 10), device(C, 2, 15)], { onRing: 'never' })(o);
    const op2 = o.employees.find((e) => e.extension === '102')!;
    op2.policy = { onRing: 'answer', answerAfterSec: 1, hangupAfterSec: 5 };
    // One device, so that only 101's devices depend on `dial_alg_users`.
    op2.numbers = op2.numbers.filter((n) => n.order === 0);
    o.groups.push({
      id: 900,
      name: 'Devices',
      extension: '900',
      dial_alg_group: 0,
      dial_alg_users: users,
      operators: [
        { id: o.employees.find((e) => e.extension === '101')!.user_id, priority: 1, order: 1 },
        { id: op2.user_id, priority: 1, order: 2 },
      ],
      ring_sec: 12,
    });
    o.schemes.push({
      schema_id: 92,
      name: 'group',
      start: 'g',
      nodes: [{ id: 'g', type: 'group', group_id: 900 }],
    });
    o.lines[0]!.schema_id = 92;
  };
}

test('group dial_alg_users: 2 main numbers, 3 SIP only, 4 all contacts in turn, 1 all at once, 5 as in the card', () => {
  const cases: Array<{ users: number; card?: number; rung: string[]; next: number }> = [
    { users: 2, rung: [`Appeared:${A}@0`], next: 12 },
    { users: 3, rung: [`Appeared:${A}@0`, `Appeared:${C}@0`], next: 12 },
    { users: 4, rung: [`Appeared:${A}@0`, `Appeared:${B}@5`, `Appeared:${C}@15`], next: 30 },
    { users: 1, rung: [`Appeared:${A}@0`, `Appeared:${B}@0`, `Appeared:${C}@0`], next: 12 },
    { users: 5, card: 1, rung: [`Appeared:${A}@0`, `Appeared:${B}@5`, `Appeared:${C}@15`], next: 30 },
    { users: 5, card: 2, rung: [`Appeared:${A}@0`], next: 12 },
  ];
  for (const [i, c] of cases.entries()) {
    if (i > 0) h.close();
    h = harness(groupOffice(c.users, c.card));
    const op2Main = h.office.employees
      .find((e) => e.extension === '102')!
      .numbers.find((n) => n.order === 0)!.number;
    h.engine.incomingCall(CALLER, undefined, { onRing: 'answer' });
    h.sec(90);
    const label = `dial_alg_users ${c.users}${c.card === undefined ? '' : ` card ${c.card}`}`;
    assert.deepEqual(
      offsets(h),
      [...c.rung, `Appeared:${op2Main}@${c.next}`, `Connected:${op2Main}@${c.next + 1}`],
      label,
    );
    // Every leg of 101 ends unanswered before 102 rings; all carry the group.
    const ended = h.calls().filter((e) => e.location === 'abonent' && e.call_state === 'Disconnected');
    assert.deepEqual(
      ended.map((e) => e.disconnect_reason),
      [...c.rung.map(() => 1111), 1120],
      label,
    );
    assert.ok(
      h
        .calls()
        .filter((e) => e.location === 'abonent')
        .every((e) => e.to.acd_group === '900'),
      label,
    );
    const s = summary(h);
    assert.equal(s.entry_result, 1, label);
    assert.deepEqual(s.to, { extension: '102', number: op2Main }, label);
  }
});
