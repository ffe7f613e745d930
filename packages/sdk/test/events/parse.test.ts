import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { type MangoEvent, MangoValidationError, parseEvent } from 'mangokit';
import { COMMAND_NAMES } from 'mangokit/protocol';
import { vendorCall, vendorSummaryInsideTo } from './fixtures.js';

const j = (value: unknown) => JSON.stringify(value);

function expectType<T extends MangoEvent['type']>(
  event: MangoEvent,
  type: T,
): Extract<MangoEvent, { type: T }> {
  assert.equal(event.type, type);
  return event as Extract<MangoEvent, { type: T }>;
}

describe('parseEvent: events/call', () => {
  it('normalises the vendor example: strings to numbers, one-r spelling, Cyrillic initiator', () => {
    const event = expectType(parseEvent('events/call', j(vendorCall)), 'call');
    assert.equal(event.name, 'call.disconnected');
    assert.deepEqual(event.payload, {
      entry_id: 'MTI1NTI3NjE0NzQ6MTA1',
      call_id: 'MToxMDAyMzM3Mzo0MDE6NjE5MDQ5MTk2',
      timestamp: 1558422128,
      seq: 2,
      call_state: 'Disconnected',
      location: 'abonent',
      from: { number: '79001234567', taken_from_call_id: 'MToxMDAyMzM3Mzo0MDE6NjE5MDQ5MTk1' },
      to: {
        extension: '29',
        number: 'sip:user@x.mangosip.ru',
        line_number: 'sip:line@x.mangosip.ru',
        acd_group: '303',
        was_transferred: true,
      },
      disconnect_reason: 1131,
      dct: { number: '74001234567', type: 1 },
      callback_initiator: 'MissGroupCallCallback',
      task_id: 17,
    });
  });

  it('reads v2 fields and the Cyrillic "СС" initiator', () => {
    const event = expectType(
      parseEvent(
        '/events/call/',
        j({
          entry_id: 'e',
          call_id: 'c',
          timestamp: 1,
          seq: 1,
          call_state: 'OnHold',
          location: 'abonent',
          from: { extension: '101', hold_initiator: true, was_transferred: false },
          to: { number: '7495' },
          transfer: 'consultative',
          sip_call_id: 'sip-1',
          command_id: 'cmd',
          callback_initiator: 'СС',
        }),
      ),
      'call',
    );
    assert.equal(event.name, 'call.onhold');
    assert.equal(event.path, 'events/call');
    assert.equal(event.payload.from.hold_initiator, true);
    assert.equal(event.payload.from.was_transferred, false);
    assert.equal(event.payload.transfer, 'consultative');
    assert.equal(event.payload.callback_initiator, 'CC');
    assert.equal(event.payload.sip_call_id, 'sip-1');
  });

  it('accepts payloads shaped like the normalised types (sandbox output) unchanged', () => {
    const payload = {
      entry_id: 'e1',
      call_id: 'c1',
      timestamp: 1700000000,
      seq: 3,
      call_state: 'Connected' as const,
      location: 'abonent' as const,
      from: { number: '79001112233' },
      to: { extension: '101', number: 'sip:101@x', line_number: '74950000000' },
      dct: { type: 0 as const },
    };
    assert.deepEqual(parseEvent('events/call', j(payload)).payload, payload);
  });

  it('rejects missing identifiers and unknown states with MangoValidationError', () => {
    const { entry_id: _drop, ...noEntry } = vendorCall;
    assert.throws(() => parseEvent('events/call', j(noEntry)), MangoValidationError);
    assert.throws(
      () => parseEvent('events/call', j({ ...vendorCall, call_state: 'Ringing' })),
      MangoValidationError,
    );
    assert.throws(() => parseEvent('events/call', j({ ...vendorCall, seq: 'two' })), MangoValidationError);
    assert.throws(() => parseEvent('events/call', j({ ...vendorCall, from: 'x' })), MangoValidationError);
    assert.throws(() => parseEvent('events/call', '[1]'), MangoValidationError);
  });

  it('property: string and number encodings of the same event parse to the same payload', () => {
    fc.assert(
      fc.property(
        fc.record({
          seq: fc.nat(),
          timestamp: fc.nat(),
          reason: fc.integer({ min: 1000, max: 5999 }),
          ext: fc.integer({ min: 1, max: 9999 }),
          state: fc.constantFrom('Appeared', 'Connected', 'OnHold', 'Disconnected'),
        }),
        fc.boolean(),
        ({ seq, timestamp, reason, ext, state }, spellOneR) => {
          const base = { entry_id: 'e', call_id: 'c', call_state: state, location: 'queue' };
          const asNumbers = {
            ...base,
            seq,
            timestamp,
            disconnect_reason: reason,
            from: {},
            to: { extension: ext, was_transferred: true },
          };
          const asStrings = {
            ...base,
            seq: String(seq),
            timestamp: String(timestamp),
            disconnect_reason: String(reason),
            from: {},
            to: { extension: String(ext), [spellOneR ? 'was_transfered' : 'was_transferred']: 'true' },
          };
          assert.deepEqual(parseEvent('events/call', j(asStrings)), parseEvent('events/call', j(asNumbers)));
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('parseEvent: other notifications', () => {
  it('events/summary reads line_number from the top level or from inside `to`', () => {
    const inside = expectType(parseEvent('events/summary', j(vendorSummaryInsideTo)), 'summary');
    assert.equal(inside.payload.line_number, '74951234567');
    assert.equal(inside.payload.call_direction, 1);
    assert.equal(inside.payload.entry_result, 1);
    assert.equal(inside.payload.talk_time, 1558422115);
    assert.deepEqual(inside.payload.to, { extension: '29', number: 'sip:user@x.mangosip.ru' });
    const top = expectType(
      parseEvent('events/summary', j({ ...vendorSummaryInsideTo, line_number: '78000000000', to: {} })),
      'summary',
    );
    assert.equal(top.payload.line_number, '78000000000');
    assert.throws(
      () => parseEvent('events/summary', j({ ...vendorSummaryInsideTo, entry_result: '5' })),
      MangoValidationError,
    );
  });

  it('events/recording', () => {
    const event = expectType(
      parseEvent(
        'events/recording',
        j({
          recording_id: 'R1',
          recording_state: 'Completed',
          seq: '3',
          entry_id: 'e',
          call_id: 'c',
          extension: '101',
          timestamp: '1558422200',
          completion_code: '1000',
          recipient: 'Cloud',
        }),
      ),
      'recording',
    );
    assert.equal(event.name, 'recording.completed');
    assert.equal(event.payload.completion_code, 1000);
    assert.equal(event.payload.recipient, 'Cloud');
  });

  it('events/record/added and events/record/tagged', () => {
    const body = j({ entry_id: 'e', product_id: '400', user_id: '-1', timestamp: 1, recording_id: 'R' });
    const added = expectType(parseEvent('events/record/added', body), 'record.added');
    assert.deepEqual(added.payload, {
      entry_id: 'e',
      product_id: 400,
      user_id: -1,
      timestamp: 1,
      recording_id: 'R',
    });
    expectType(parseEvent('events/record/tagged', body), 'record.tagged');
  });

  it('events/dtmf', () => {
    const event = expectType(
      parseEvent(
        'events/dtmf',
        j({
          seq: '1',
          dtmf: 1234,
          timestamp: '5',
          call_id: 'c',
          entry_id: 'e',
          location: 'ivr.1',
          initiator: '7900',
        }),
      ),
      'dtmf',
    );
    assert.equal(event.payload.dtmf, '1234');
    assert.equal(event.payload.location, 'ivr.1');
  });

  it('events/sms', () => {
    const event = expectType(
      parseEvent('events/sms', j({ command_id: 's1', timestamp: '9', reason: '4392' })),
      'sms',
    );
    assert.deepEqual(event.payload, { command_id: 's1', timestamp: 9, reason: 4392 });
  });

  it('every result/<command>', () => {
    for (const command of COMMAND_NAMES) {
      const event = expectType(
        parseEvent(`result/${command}`, j({ command_id: `id-${command}`, result: '1000' })),
        'result',
      );
      assert.equal(event.command, command);
      assert.equal(event.name, `result.${command}`);
      assert.deepEqual(event.payload, { command_id: `id-${command}`, result: 1000 });
    }
    assert.throws(() => parseEvent('result/callback', j({ result: 1000 })), MangoValidationError);
  });

  it('result/stats and result/stat', () => {
    for (const path of ['result/stats', 'result/stat']) {
      const event = expectType(parseEvent(path, j({ key: 'k1', request_id: 'r1' })), 'stats.ready');
      assert.deepEqual(event.payload, { key: 'k1', request_id: 'r1' });
    }
  });

  it('ping with an empty or missing body, events/ab/', () => {
    expectType(parseEvent('ping', ''), 'ping');
    expectType(parseEvent('ping', '{}'), 'ping');
    const ab = expectType(parseEvent('events/ab/', j({ contact_id: 5, action: 'delete' })), 'ab');
    assert.deepEqual(ab.payload, { contact_id: 5, action: 'delete' });
  });

  it('events/recognized/offline and Contact-Center user events', () => {
    const rec = expectType(
      parseEvent(
        'events/recognized/offline',
        j({ product_id: 1, request_id: 'q', recognized: 1700000000000, result: '1000' }),
      ),
      'recognized.offline',
    );
    assert.equal(rec.payload.result, 1000);
    const status = expectType(
      parseEvent(
        'events/user/status_changed',
        j({ abonent_id: '77', status: 2, status_alias: 'dnd', parent_status: 2, when: 1, timestamp: 2 }),
      ),
      'user.status_changed',
    );
    assert.equal(status.payload.abonent_id, 77);
    // The doc's example says `abonent`, its table `abonent_id` (§4.9).
    const end = expectType(
      parseEvent('events/user/session_end', j({ result: 1000, abonent: '78', session: 's', timestamp: 3 })),
      'user.session_end',
    );
    assert.equal(end.payload.abonent_id, 78);
  });

  it('an unknown path yields an unknown event with the raw payload, never a crash', () => {
    const event = expectType(parseEvent('events/md/onAppealClose', j({ x: [1] })), 'unknown');
    assert.deepEqual(event.payload, { x: [1] });
    expectType(parseEvent('result/unheard_of', '"text"'), 'unknown');
  });

  it('malformed JSON throws MangoValidationError', () => {
    assert.throws(() => parseEvent('events/call', '{"entry_id":'), MangoValidationError);
    assert.throws(() => parseEvent('nope', '{'), MangoValidationError);
  });
});
