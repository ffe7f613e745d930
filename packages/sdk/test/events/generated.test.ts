import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { parseEvent } from 'mangokit';
import { COMMAND_NAMES } from 'mangokit/protocol';

/**
 * Generated notifications: a normalised payload is put on the wire the way the vendor does it
 * (each number randomly as a number or a string, §1.2) and must parse back to itself.
 */

const id = fc.string({ minLength: 1, maxLength: 40 }).filter((s) => s.trim() !== '');
const ts = fc.integer({ min: 1_500_000_000, max: 2_000_000_000 });
const code = fc.integer({ min: 1000, max: 5999 });
const digits = fc.stringMatching(/^[0-9]{1,12}$/);

/** Re-encodes every number of a value as a string where `flip` says so. */
function wire(value: unknown, flip: () => boolean): unknown {
  if (typeof value === 'number') return flip() ? String(value) : value;
  if (Array.isArray(value)) return value.map((v) => wire(v, flip));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, wire(v, flip)]));
  }
  return value;
}

function roundTrip(path: string, arbitrary: fc.Arbitrary<object>, expectedType: string): void {
  fc.assert(
    fc.property(arbitrary, fc.array(fc.boolean(), { minLength: 1, maxLength: 32 }), (payload, flips) => {
      let i = 0;
      const onWire = wire(payload, () => flips[i++ % flips.length]!);
      const event = parseEvent(path, JSON.stringify(onWire));
      assert.equal(event.type, expectedType);
      assert.deepEqual(event.payload, JSON.parse(JSON.stringify(payload)));
    }),
    { numRuns: 150 },
  );
}

describe('generated notifications parse back to their normalised payloads', () => {
  it('events/summary', () => {
    roundTrip(
      'events/summary',
      fc.record(
        {
          entry_id: id,
          call_direction: fc.constantFrom(0 as const, 1 as const, 2 as const),
          from: fc.record({ extension: digits, number: digits }, { requiredKeys: [] }),
          to: fc.record({ extension: digits, number: digits }, { requiredKeys: [] }),
          line_number: digits,
          dct: fc.record(
            { type: fc.constantFrom(0 as const, 1 as const, 2 as const), number: digits },
            { requiredKeys: ['type'] },
          ),
          create_time: ts,
          forward_time: ts,
          talk_time: ts,
          end_time: ts,
          entry_result: fc.constantFrom(0 as const, 1 as const),
          disconnect_reason: code,
          sip_call_id: id,
        },
        {
          requiredKeys: [
            'entry_id',
            'call_direction',
            'from',
            'to',
            'create_time',
            'forward_time',
            'talk_time',
            'end_time',
            'entry_result',
            'disconnect_reason',
          ],
        },
      ),
      'summary',
    );
  });

  it('events/recording', () => {
    roundTrip(
      'events/recording',
      fc.record(
        {
          recording_id: id,
          recording_state: fc.constantFrom('Started' as const, 'Continued' as const, 'Completed' as const),
          seq: fc.nat(100),
          entry_id: id,
          call_id: id,
          extension: digits,
          timestamp: ts,
          completion_code: code,
          recipient: fc.constantFrom('Cloud' as const, 'Mail' as const, 'CloudAndMail' as const),
          command_id: id,
        },
        { requiredKeys: ['recording_id', 'recording_state', 'seq', 'entry_id', 'call_id', 'timestamp'] },
      ),
      'recording',
    );
  });

  it('events/record/added, events/dtmf, events/sms', () => {
    roundTrip(
      'events/record/added',
      fc.record({
        entry_id: id,
        product_id: fc.nat(),
        user_id: fc.integer({ min: -1, max: 1e6 }),
        timestamp: ts,
        recording_id: id,
      }),
      'record.added',
    );
    roundTrip(
      'events/dtmf',
      fc.record(
        {
          seq: fc.nat(50),
          dtmf: fc.stringMatching(/^[0-9*#]{1,10}$/),
          timestamp: ts,
          call_id: id,
          entry_id: id,
          location: fc.constantFrom('ivr', 'ivr.1', 'ivr.2.3'),
          initiator: digits,
          from_number: digits,
          to_number: digits,
          line_number: digits,
        },
        { requiredKeys: ['seq', 'dtmf', 'timestamp', 'call_id', 'entry_id', 'location', 'initiator'] },
      ),
      'dtmf',
    );
    roundTrip('events/sms', fc.record({ command_id: id, timestamp: ts, reason: code }), 'sms');
  });

  it('result/<command> for every command', () => {
    for (const command of COMMAND_NAMES) {
      roundTrip(`result/${command}`, fc.record({ command_id: id, result: code }), 'result');
    }
  });

  it('Contact-Center user events and offline recognition', () => {
    roundTrip(
      'events/user/status_changed',
      fc.record(
        {
          abonent_id: fc.nat(),
          status: fc.integer({ min: 1, max: 20 }),
          status_alias: id,
          parent_status: fc.integer({ min: 1, max: 6 }),
          when: fc.nat(),
          timestamp: fc.nat(),
        },
        { requiredKeys: ['abonent_id', 'status', 'timestamp'] },
      ),
      'user.status_changed',
    );
    roundTrip(
      'events/user/session_end',
      fc.record(
        { result: code, abonent_id: fc.nat(), session: id, timestamp: fc.nat() },
        { requiredKeys: ['result', 'abonent_id', 'timestamp'] },
      ),
      'user.session_end',
    );
    roundTrip(
      'events/recognized/offline',
      fc.record(
        { product_id: fc.nat(), request_id: id, recognized: fc.nat(), result: code, message: fc.string() },
        { requiredKeys: ['product_id', 'request_id', 'recognized', 'result'] },
      ),
      'recognized.offline',
    );
  });

  it('never throws anything but MangoValidationError on arbitrary JSON', () => {
    const paths = [
      'events/call',
      'events/summary',
      'events/recording',
      'events/dtmf',
      'result/callback',
      'result/stats',
      'ping',
      'x/y',
    ];
    fc.assert(
      fc.property(fc.constantFrom(...paths), fc.jsonValue(), (path, value) => {
        try {
          parseEvent(path, JSON.stringify(value));
        } catch (error) {
          assert.equal((error as Error).name, 'MangoValidationError');
        }
      }),
      { numRuns: 500 },
    );
  });
});
