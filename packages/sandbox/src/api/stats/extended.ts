import type { CallRecord, LegRecord } from '../../engine/contract.js';
import type { Office } from '../../office/types.js';
import { employeeByExtension, employeeById } from '../lookup.js';
import { formatMoscowDate } from '../time.js';

/** Filters of `stats/calls/request` (reference §3.2). */
export interface CallsQuery {
  start: number;
  end: number;
  limit: number;
  offset: number;
  userIds?: number[];
  groupIds?: number[];
  contextTypes?: number[];
  contextStatus?: number;
  recallStatus?: number;
  searchString?: string;
  extFields: string[];
}

/** One day's chunk of the answer. */
export interface CallsChunk {
  period: string;
  list: Record<string, unknown>[];
  total_talks_duration: number;
  total_calls_duration: number;
  total_calls_count: number;
}

/** `context_type`: 1 incoming, 2 outgoing, 3 internal (the engine says 0 for internal). */
function contextType(call: CallRecord): number {
  return call.call_direction === 0 ? 3 : call.call_direction;
}

/** `recall_status` only means something for missed incoming calls; nobody calls back here (2). */
function recallStatus(call: CallRecord): number | null {
  return call.call_direction === 1 && call.entry_result === 0 ? 2 : null;
}

function talkDuration(call: CallRecord): number {
  return call.talk_time > 0 ? Math.max(0, call.end_time - call.talk_time) : 0;
}

function legView(office: Office, call: CallRecord, leg: LegRecord): Record<string, unknown> {
  const userId = leg.user_ids[0];
  const employee =
    (userId !== undefined ? employeeById(office, userId) : undefined) ??
    (leg.to_extension !== undefined ? employeeByExtension(office, leg.to_extension) : undefined);
  const group = leg.group_id !== undefined ? office.groups.find((g) => g.id === leg.group_id) : undefined;
  const answered = leg.answer > 0;
  return {
    call_type: group ? 'group' : employee ? 'user' : 'number',
    call_abonent_id: group?.id ?? employee?.user_id ?? null,
    call_abonent_info: group?.name ?? employee?.name ?? leg.to_number ?? '',
    call_abonent_number: leg.to_number ?? leg.to_extension ?? '',
    call_start_time: leg.start,
    call_answer_time: answered ? leg.answer : null,
    call_end_time: leg.finish,
    call_duration: leg.finish - leg.start,
    talk_duration: answered ? leg.finish - leg.answer : 0,
    dial_duration: (answered ? leg.answer : leg.finish) - leg.start,
    operator_call_duration: 0,
    hold_duration: 0,
    call_end_reason: leg.disconnect_reason,
    recording_id: leg.records,
    // The realtime call_id (added 18.08.2025, reference §3.2).
    external_call_id: leg.call_id,
    DirectionInbound: call.call_direction === 1,
    DirectionOutbound: call.call_direction === 2,
    ModeConversation: answered,
    ModeListen: false,
    ModePrompt: leg.location === 'ivr',
    ModeConference: false,
    ModeGroup: group !== undefined,
    RecordInbound: leg.records.length > 0,
    RecordOutbound: leg.records.length > 0,
    BlindTransfer: leg.transfer === 'blind' || leg.transfer === 'return_blind',
    ConsultTransfer: leg.transfer === 'consultative',
    OutboundDialing: false,
    Intercepted: leg.intercepted === true,
    IvrNotUsed: !call.legs.some((l) => l.location === 'ivr'),
    members: [],
  };
}

function callView(office: Office, call: CallRecord, extFields: string[]): Record<string, unknown> {
  const caller =
    call.from.extension !== undefined ? employeeByExtension(office, call.from.extension) : undefined;
  const item: Record<string, unknown> = {
    entry_id: call.entry_id,
    context_type: contextType(call),
    context_status: call.entry_result,
    caller_id: caller?.user_id ?? null,
    caller_name: caller?.name ?? '',
    caller_number: call.from.number ?? call.from.extension ?? '',
    called_number: call.to.number ?? call.to.extension ?? call.line_number ?? '',
    context_start_time: call.create_time,
    duration: call.end_time - call.create_time,
    talk_duration: talkDuration(call),
    operator_call_duration: 0,
    cost: call.cost,
    context_init_type: 0,
    recall_status: recallStatus(call),
    context_calls: call.legs.map((leg) => legView(office, call, leg)),
  };
  if (extFields.includes('context_cost_full')) item.context_cost_full = call.cost;
  if (extFields.includes('context_cost_tariff')) item.context_cost_tariff = call.cost;
  return item;
}

function searchable(call: CallRecord): string[] {
  const values = [call.from.extension, call.from.number, call.to.extension, call.to.number, call.line_number];
  for (const leg of call.legs)
    values.push(leg.from_extension, leg.from_number, leg.to_extension, leg.to_number);
  return values.filter((v): v is string => v !== undefined);
}

function selected(call: CallRecord, q: CallsQuery): boolean {
  if (call.create_time < q.start || call.create_time > q.end) return false;
  if (q.contextTypes && !q.contextTypes.includes(contextType(call))) return false;
  if (q.contextStatus !== undefined && call.entry_result !== q.contextStatus) return false;
  if (q.recallStatus !== undefined && recallStatus(call) !== q.recallStatus) return false;
  if (q.userIds && !call.legs.some((l) => l.user_ids.some((id) => q.userIds!.includes(id)))) return false;
  if (q.groupIds && !call.legs.some((l) => l.group_id !== undefined && q.groupIds!.includes(l.group_id)))
    return false;
  if (q.searchString !== undefined && !searchable(call).some((v) => v.includes(q.searchString!)))
    return false;
  return true;
}

/** The `data[]` of `stats/calls/result` (reference §3.2): the requested page, grouped by Moscow day. */
export function buildCallsData(office: Office, calls: readonly CallRecord[], q: CallsQuery): CallsChunk[] {
  const matching = calls.filter((c) => selected(c, q)).sort((a, b) => a.create_time - b.create_time);
  const dayTotals = new Map<string, { talks: number; calls: number; count: number }>();
  for (const call of matching) {
    const day = formatMoscowDate(call.create_time);
    const t = dayTotals.get(day) ?? { talks: 0, calls: 0, count: 0 };
    t.talks += talkDuration(call);
    t.calls += call.end_time - call.create_time;
    t.count++;
    dayTotals.set(day, t);
  }
  const chunks = new Map<string, CallsChunk>();
  for (const call of matching.slice(q.offset, q.offset + q.limit)) {
    const day = formatMoscowDate(call.create_time);
    let chunk = chunks.get(day);
    if (!chunk) {
      const t = dayTotals.get(day)!;
      chunk = {
        period: day,
        list: [],
        total_talks_duration: t.talks,
        total_calls_duration: t.calls,
        total_calls_count: t.count,
      };
      chunks.set(day, chunk);
    }
    chunk.list.push(callView(office, call, q.extFields));
  }
  return [...chunks.values()];
}
