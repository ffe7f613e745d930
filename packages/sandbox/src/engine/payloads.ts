import type { CallEventPayload, DctInfo, SummaryEventPayload } from 'mangokit';
import type { CallRecord } from './contract.js';
import type { Call, Leg } from './model.js';

/** The `dct` block of a call's notifications: its tracking number, or `{type: 0}` (reference §4.1). */
export function dctOf(call: Call): DctInfo {
  return call.dct ? { ...call.dct } : { type: 0 };
}

/** The `events/call` of a leg in its current state (reference §4.1). */
export function callEventOf(leg: Leg, timestamp: number, reason?: number): CallEventPayload {
  const payload: CallEventPayload = {
    entry_id: leg.call.entry_id,
    call_id: leg.call_id,
    timestamp,
    seq: leg.seq,
    call_state: leg.state,
    location: leg.location,
    from: { ...leg.from },
    to: { ...leg.to },
    dct: dctOf(leg.call),
  };
  if (reason !== undefined) payload.disconnect_reason = reason;
  if (leg.transfer !== undefined) payload.transfer = leg.transfer;
  if (leg.command_id !== undefined) payload.command_id = leg.command_id;
  if (leg.callback_initiator !== undefined) payload.callback_initiator = leg.callback_initiator;
  if (leg.call.sip_call_id !== undefined) payload.sip_call_id = leg.call.sip_call_id;
  return payload;
}

/** The `events/summary` of a finished call (reference §4.2). */
export function summaryOf(record: CallRecord, call: Call): SummaryEventPayload {
  const summary: SummaryEventPayload = {
    entry_id: record.entry_id,
    call_direction: record.call_direction,
    from: record.from,
    to: record.to,
    dct: dctOf(call),
    create_time: record.create_time,
    forward_time: record.forward_time,
    talk_time: record.talk_time,
    end_time: record.end_time,
    entry_result: record.entry_result,
    disconnect_reason: record.disconnect_reason,
  };
  if (record.line_number !== undefined) summary.line_number = record.line_number;
  if (call.sip_call_id !== undefined) summary.sip_call_id = call.sip_call_id;
  return summary;
}
