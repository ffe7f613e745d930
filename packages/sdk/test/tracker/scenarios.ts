// Long on purpose: each scenario is a call from the reference written out as every wire
// notification the PBX posts for it; splitting them would scatter one story over files.
import { type MangoEvent, parseEvent } from 'mangokit';

/**
 * Call scenarios from the reference's behaviour descriptions (§2.1, §2.7, §2.8, §4), written
 * as the wire notifications the PBX would post, parsed by the real parser.
 */

interface LegSpec {
  call_id: string;
  seq: number;
  t: number;
  state: 'Appeared' | 'Connected' | 'OnHold' | 'Disconnected';
  location?: string;
  from?: Record<string, unknown>;
  to?: Record<string, unknown>;
  extra?: Record<string, unknown>;
}

export interface Scenario {
  name: string;
  entry: string;
  events: MangoEvent[];
}

function callEvent(entry: string, leg: LegSpec): MangoEvent {
  return parseEvent(
    'events/call',
    JSON.stringify({
      entry_id: entry,
      call_id: leg.call_id,
      // Half of the numbers as strings, as the vendor's own examples do (§1.2).
      timestamp: leg.seq % 2 ? String(leg.t) : leg.t,
      seq: leg.seq % 2 ? String(leg.seq) : leg.seq,
      call_state: leg.state,
      location: leg.location ?? 'abonent',
      from: leg.from ?? {},
      to: leg.to ?? {},
      dct: { type: 0 },
      ...leg.extra,
    }),
  );
}

function summary(entry: string, fields: Record<string, unknown>): MangoEvent {
  return parseEvent('events/summary', JSON.stringify({ entry_id: entry, ...fields }));
}

const CALLER = { number: '79001234567' };
const LINE = '74951234567';

/** Click-to-call (§2.1): leg 1 rings the employee, leg 2 dials the client. */
export function callbackScenario(): Scenario {
  const e = 'entry-callback';
  const cmd = { command_id: 'cb-1', callback_initiator: 'API' };
  const emp = { extension: '101', number: 'sip:101@acme.mangosip.ru' };
  return {
    name: 'callback',
    entry: e,
    events: [
      callEvent(e, { call_id: 'L1', seq: 1, t: 100, state: 'Appeared', to: emp, extra: cmd }),
      callEvent(e, { call_id: 'L1', seq: 2, t: 103, state: 'Connected', to: emp, extra: cmd }),
      callEvent(e, {
        call_id: 'L2',
        seq: 1,
        t: 104,
        state: 'Appeared',
        location: 'abonent',
        from: { extension: '101', taken_from_call_id: 'L1' },
        to: { number: '79005556677' },
        extra: cmd,
      }),
      callEvent(e, {
        call_id: 'L2',
        seq: 2,
        t: 110,
        state: 'Connected',
        from: { extension: '101', taken_from_call_id: 'L1' },
        to: { number: '79005556677' },
        extra: cmd,
      }),
      callEvent(e, {
        call_id: 'L1',
        seq: 3,
        t: 111,
        state: 'Disconnected',
        to: emp,
        extra: { ...cmd, disconnect_reason: 1000 },
      }),
      callEvent(e, {
        call_id: 'L2',
        seq: 3,
        t: 170,
        state: 'Disconnected',
        from: { extension: '101', taken_from_call_id: 'L1' },
        to: { number: '79005556677' },
        extra: { ...cmd, disconnect_reason: 1110 },
      }),
      summary(e, {
        call_direction: 2,
        from: { extension: '101', number: 'sip:101@acme.mangosip.ru' },
        to: { number: '79005556677' },
        line_number: LINE,
        create_time: 100,
        forward_time: 100,
        talk_time: 110,
        end_time: 170,
        entry_result: 1,
        disconnect_reason: 1110,
      }),
    ],
  };
}

/** Incoming call in IVR, digits collected, then `commands/route` to an employee (§2.7). */
export function routeFromIvrScenario(): Scenario {
  const e = 'entry-route';
  const to102 = { extension: '102', number: 'sip:102@acme.mangosip.ru', line_number: LINE };
  return {
    name: 'route from IVR',
    entry: e,
    events: [
      callEvent(e, {
        call_id: 'I1',
        seq: 1,
        t: 200,
        state: 'Appeared',
        location: 'ivr',
        from: CALLER,
        to: { line_number: LINE },
      }),
      parseEvent(
        'events/dtmf',
        JSON.stringify({
          seq: 1,
          dtmf: '2',
          timestamp: 205,
          call_id: 'I1',
          entry_id: e,
          location: 'ivr',
          initiator: CALLER.number,
        }),
      ),
      callEvent(e, {
        call_id: 'A2',
        seq: 1,
        t: 206,
        state: 'Appeared',
        from: { ...CALLER, taken_from_call_id: 'I1' },
        to: to102,
        extra: { command_id: 'route-1' },
      }),
      callEvent(e, {
        call_id: 'I1',
        seq: 2,
        t: 206,
        state: 'Disconnected',
        location: 'ivr',
        from: CALLER,
        to: { line_number: LINE },
        extra: { disconnect_reason: 1100 },
      }),
      callEvent(e, {
        call_id: 'A2',
        seq: 2,
        t: 210,
        state: 'Connected',
        from: { ...CALLER, taken_from_call_id: 'I1' },
        to: to102,
        extra: { command_id: 'route-1' },
      }),
      callEvent(e, {
        call_id: 'A2',
        seq: 3,
        t: 300,
        state: 'Disconnected',
        from: { ...CALLER, taken_from_call_id: 'I1' },
        to: to102,
        extra: { command_id: 'route-1', disconnect_reason: 1110 },
      }),
      summary(e, {
        call_direction: 1,
        from: CALLER,
        to: { extension: '102', number: 'sip:102@acme.mangosip.ru' },
        line_number: LINE,
        create_time: 200,
        forward_time: 206,
        talk_time: 210,
        end_time: 300,
        entry_result: 1,
        disconnect_reason: 1110,
      }),
    ],
  };
}

/** Blind transfer (§2.8): 101 hands the caller to 103; 101's leg ends with was_transferred. */
export function blindTransferScenario(): Scenario {
  const e = 'entry-blind';
  const to101 = { extension: '101', number: 'sip:101@acme.mangosip.ru', line_number: LINE };
  const to103 = { extension: '103', number: 'sip:103@acme.mangosip.ru', line_number: LINE };
  return {
    name: 'blind transfer',
    entry: e,
    events: [
      callEvent(e, { call_id: 'B1', seq: 1, t: 400, state: 'Appeared', from: CALLER, to: to101 }),
      callEvent(e, { call_id: 'B1', seq: 2, t: 402, state: 'Connected', from: CALLER, to: to101 }),
      callEvent(e, {
        call_id: 'B2',
        seq: 1,
        t: 420,
        state: 'Appeared',
        from: { ...CALLER, taken_from_call_id: 'B1' },
        to: to103,
        extra: { command_id: 'tr-1', transfer: 'blind' },
      }),
      callEvent(e, {
        call_id: 'B1',
        seq: 3,
        t: 420,
        state: 'Disconnected',
        from: CALLER,
        to: { ...to101, was_transferred: true },
        extra: { disconnect_reason: 1120 },
      }),
      callEvent(e, {
        call_id: 'B2',
        seq: 2,
        t: 425,
        state: 'Connected',
        from: { ...CALLER, taken_from_call_id: 'B1' },
        to: to103,
        extra: { command_id: 'tr-1', transfer: 'blind' },
      }),
      callEvent(e, {
        call_id: 'B2',
        seq: 3,
        t: 500,
        state: 'Disconnected',
        from: { ...CALLER, taken_from_call_id: 'B1' },
        to: to103,
        extra: { command_id: 'tr-1', transfer: 'blind', disconnect_reason: 1110 },
      }),
      summary(e, {
        call_direction: 1,
        from: CALLER,
        to: { extension: '103' },
        line_number: LINE,
        create_time: 399,
        forward_time: 400,
        talk_time: 402,
        end_time: 500,
        entry_result: 1,
        disconnect_reason: 1110,
      }),
    ],
  };
}

/** Consultative transfer (§2.8, §4.1): hold, consult leg, then the consult leg turns blind. */
export function consultativeTransferScenario(): Scenario {
  const e = 'entry-consult';
  const to101 = { extension: '101', number: 'sip:101@acme.mangosip.ru', line_number: LINE };
  const to104 = { extension: '104', number: 'sip:104@acme.mangosip.ru' };
  return {
    name: 'consultative transfer',
    entry: e,
    events: [
      callEvent(e, { call_id: 'C1', seq: 1, t: 600, state: 'Appeared', from: CALLER, to: to101 }),
      callEvent(e, { call_id: 'C1', seq: 2, t: 601, state: 'Connected', from: CALLER, to: to101 }),
      callEvent(e, {
        call_id: 'C1',
        seq: 3,
        t: 630,
        state: 'OnHold',
        from: CALLER,
        to: { ...to101, hold_initiator: true },
      }),
      callEvent(e, {
        call_id: 'C2',
        seq: 1,
        t: 631,
        state: 'Appeared',
        from: { extension: '101', number: 'sip:101@acme.mangosip.ru' },
        to: to104,
        extra: { command_id: 'tr-2', transfer: 'consultative' },
      }),
      callEvent(e, {
        call_id: 'C2',
        seq: 2,
        t: 635,
        state: 'Connected',
        from: { extension: '101', number: 'sip:101@acme.mangosip.ru' },
        to: to104,
        extra: { command_id: 'tr-2', transfer: 'consultative' },
      }),
      // 101 hangs up: the caller is joined to 104 on the same leg, now `blind` (§4.1).
      callEvent(e, {
        call_id: 'C2',
        seq: 3,
        t: 660,
        state: 'Connected',
        from: CALLER,
        to: to104,
        extra: { command_id: 'tr-2', transfer: 'blind' },
      }),
      callEvent(e, {
        call_id: 'C1',
        seq: 4,
        t: 660,
        state: 'Disconnected',
        from: CALLER,
        to: { ...to101, was_transfered: true },
        extra: { disconnect_reason: 1120 },
      }),
      callEvent(e, {
        call_id: 'C2',
        seq: 4,
        t: 720,
        state: 'Disconnected',
        from: CALLER,
        to: to104,
        extra: { command_id: 'tr-2', transfer: 'blind', disconnect_reason: 1110 },
      }),
      summary(e, {
        call_direction: 1,
        from: CALLER,
        to: { extension: '104' },
        line_number: LINE,
        create_time: 600,
        forward_time: 600,
        talk_time: 601,
        end_time: 720,
        entry_result: 1,
        disconnect_reason: 1110,
      }),
    ],
  };
}

/** Group call (§4.1 `acd_group`): both operators ring, the second answers. */
export function groupAnsweredBySecondScenario(): Scenario {
  const e = 'entry-group';
  const g = (ext: string) => ({
    extension: ext,
    number: `sip:${ext}@acme.mangosip.ru`,
    line_number: LINE,
    acd_group: '300',
  });
  return {
    name: 'group call answered by the second operator',
    entry: e,
    events: [
      callEvent(e, {
        call_id: 'Q0',
        seq: 1,
        t: 800,
        state: 'Appeared',
        location: 'queue',
        from: CALLER,
        to: { line_number: LINE, acd_group: '300' },
      }),
      callEvent(e, { call_id: 'G1', seq: 1, t: 801, state: 'Appeared', from: CALLER, to: g('201') }),
      callEvent(e, { call_id: 'G2', seq: 1, t: 801, state: 'Appeared', from: CALLER, to: g('202') }),
      callEvent(e, { call_id: 'G2', seq: 2, t: 806, state: 'Connected', from: CALLER, to: g('202') }),
      callEvent(e, {
        call_id: 'G1',
        seq: 2,
        t: 806,
        state: 'Disconnected',
        from: CALLER,
        to: g('201'),
        extra: { disconnect_reason: 1183 },
      }),
      callEvent(e, {
        call_id: 'Q0',
        seq: 2,
        t: 806,
        state: 'Disconnected',
        location: 'queue',
        from: CALLER,
        to: { line_number: LINE, acd_group: '300' },
        extra: { disconnect_reason: 1100 },
      }),
      callEvent(e, {
        call_id: 'G2',
        seq: 3,
        t: 900,
        state: 'Disconnected',
        from: CALLER,
        to: g('202'),
        extra: { disconnect_reason: 1120 },
      }),
      summary(e, {
        call_direction: 1,
        from: CALLER,
        to: { extension: '202', number: 'sip:202@acme.mangosip.ru' },
        line_number: LINE,
        create_time: 798,
        forward_time: 800,
        talk_time: 806,
        end_time: 900,
        entry_result: 1,
        disconnect_reason: 1120,
      }),
    ],
  };
}

/** Missed call: 101 rings out, nobody answers (`entry_result` 0, §4.2). */
export function missedScenario(): Scenario {
  const e = 'entry-missed';
  const to101 = { extension: '101', number: 'sip:101@acme.mangosip.ru', line_number: LINE };
  return {
    name: 'missed call',
    entry: e,
    events: [
      callEvent(e, { call_id: 'M1', seq: 1, t: 1000, state: 'Appeared', from: CALLER, to: to101 }),
      callEvent(e, {
        call_id: 'M1',
        seq: 2,
        t: 1030,
        state: 'Disconnected',
        from: CALLER,
        to: to101,
        extra: { disconnect_reason: 1111 },
      }),
      summary(e, {
        call_direction: 1,
        from: CALLER,
        to: { extension: '101', number: 'sip:101@acme.mangosip.ru' },
        line_number: LINE,
        create_time: 995,
        forward_time: 1000,
        talk_time: 0,
        end_time: 1030,
        entry_result: 0,
        disconnect_reason: 1111,
      }),
    ],
  };
}

/** Interception (§2.7): 101 is ringing; `commands/route` takes the call to 105, who answers. */
export function interceptionScenario(): Scenario {
  const e = 'entry-intercept';
  const to101 = { extension: '101', number: 'sip:101@acme.mangosip.ru', line_number: LINE };
  const to105 = { extension: '105', number: 'sip:105@acme.mangosip.ru', line_number: LINE };
  return {
    name: 'interception',
    entry: e,
    events: [
      callEvent(e, { call_id: 'X1', seq: 1, t: 1100, state: 'Appeared', from: CALLER, to: to101 }),
      callEvent(e, {
        call_id: 'X2',
        seq: 1,
        t: 1104,
        state: 'Appeared',
        from: { ...CALLER, taken_from_call_id: 'X1' },
        to: to105,
        extra: { command_id: 'int-1' },
      }),
      callEvent(e, {
        call_id: 'X1',
        seq: 2,
        t: 1104,
        state: 'Disconnected',
        from: CALLER,
        to: to101,
        extra: { disconnect_reason: 1182 },
      }),
      callEvent(e, {
        call_id: 'X2',
        seq: 2,
        t: 1105,
        state: 'Connected',
        from: { ...CALLER, taken_from_call_id: 'X1' },
        to: to105,
        extra: { command_id: 'int-1' },
      }),
      callEvent(e, {
        call_id: 'X2',
        seq: 3,
        t: 1200,
        state: 'Disconnected',
        from: { ...CALLER, taken_from_call_id: 'X1' },
        to: to105,
        extra: { command_id: 'int-1', disconnect_reason: 1120 },
      }),
      parseEvent(
        'events/recording',
        JSON.stringify({
          recording_id: 'REC1',
          recording_state: 'Started',
          seq: 1,
          entry_id: e,
          call_id: 'X2',
          extension: '105',
          timestamp: 1105,
        }),
      ),
      parseEvent(
        'events/recording',
        JSON.stringify({
          recording_id: 'REC1',
          recording_state: 'Completed',
          seq: 2,
          entry_id: e,
          call_id: 'X2',
          extension: '105',
          timestamp: 1200,
          completion_code: 1000,
          recipient: 'Cloud',
        }),
      ),
      parseEvent(
        'events/record/added',
        JSON.stringify({ entry_id: e, product_id: 1, user_id: 5, timestamp: 1230, recording_id: 'REC1' }),
      ),
      summary(e, {
        call_direction: 1,
        from: CALLER,
        to: { extension: '105', number: 'sip:105@acme.mangosip.ru' },
        line_number: LINE,
        create_time: 1100,
        forward_time: 1100,
        talk_time: 1105,
        end_time: 1200,
        entry_result: 1,
        disconnect_reason: 1120,
      }),
    ],
  };
}

/** Every scenario. */
export const SCENARIOS: (() => Scenario)[] = [
  callbackScenario,
  routeFromIvrScenario,
  blindTransferScenario,
  consultativeTransferScenario,
  groupAnsweredBySecondScenario,
  missedScenario,
  interceptionScenario,
];
