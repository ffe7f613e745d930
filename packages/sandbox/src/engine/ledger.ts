import type { Office } from '../office/types.js';
import type { CallRecord, LegRecord } from './contract.js';
import type { Call, Leg } from './model.js';
import type { Billing } from './ports/billing.js';
import type { EngineClock } from './ports/clock.js';

/** {@link Billing}: the account balance, per-minute charges, and the finished calls kept for stats. */
export class Ledger implements Billing {
  private readonly history: CallRecord[] = [];

  constructor(
    private readonly office: () => Office,
    private readonly clock: Pick<EngineClock, 'now' | 'nowMs'>,
    /** Finished calls kept (oldest dropped first). */
    private readonly historyLimit: number,
  ) {}

  balance(): number {
    return this.office().account.balance;
  }

  debit(amount: number): void {
    const account = this.office().account;
    account.balance = Math.round((account.balance - amount) * 100) / 100;
  }

  legEnded(leg: Leg, reason: number): void {
    leg.call.finished.push(this.legRecord(leg, reason));
    this.charge(leg);
  }

  settle(call: Call): CallRecord {
    const end = this.clock.now();
    this.debit(call.cost);
    const to = call.answered ? call.to : (call.firstMissed ?? call.to);
    const record: CallRecord = {
      entry_id: call.entry_id,
      call_direction: call.direction,
      from: call.from,
      to,
      create_time: Math.floor(call.createMs / 1000),
      forward_time: Math.floor((call.direction === 1 ? call.forwardMs : call.createMs) / 1000),
      talk_time: call.answered ? Math.floor(call.talkMs / 1000) : 0,
      end_time: end,
      entry_result: call.answered ? 1 : 0,
      disconnect_reason: call.lastReason,
      cost: Math.round(call.cost * 100) / 100,
      legs: call.finished,
    };
    if (call.line_number !== undefined) record.line_number = call.line_number;
    this.history.push(record);
    if (this.history.length > this.historyLimit)
      this.history.splice(0, this.history.length - this.historyLimit);
    return record;
  }

  calls(): readonly CallRecord[] {
    return this.history;
  }

  clear(): void {
    this.history.length = 0;
  }

  /** Charges talk on a leg with an outside party at the office's tariffs (per started minute). */
  private charge(leg: Leg): void {
    if (leg.answeredMs === 0) return;
    const external = leg.a.kind === 'customer' || leg.b.kind === 'customer';
    if (!external) return;
    const tariffs = this.office().account.tariffs;
    const perMinute = leg.call.direction === 1 ? tariffs.incoming_per_minute : tariffs.outgoing_per_minute;
    const minutes = Math.ceil((this.clock.nowMs() - leg.answeredMs) / 60_000);
    leg.call.cost += minutes * perMinute;
  }

  private legRecord(leg: Leg, reason: number): LegRecord {
    const userIds = [leg.a.employee?.user_id, leg.b.employee?.user_id].filter(
      (x): x is number => x !== undefined,
    );
    const r: LegRecord = {
      entry_id: leg.call.entry_id,
      call_id: leg.call_id,
      records: [...leg.records],
      start: Math.floor(leg.startedMs / 1000),
      finish: this.clock.now(),
      answer: leg.answeredMs > 0 ? Math.floor(leg.answeredMs / 1000) : 0,
      disconnect_reason: reason,
      location: leg.location,
      create: Math.floor(leg.call.createMs / 1000),
      user_ids: [...new Set(userIds)],
    };
    if (leg.from.extension !== undefined) r.from_extension = leg.from.extension;
    if (leg.from.number !== undefined) r.from_number = leg.from.number;
    if (leg.to.extension !== undefined) r.to_extension = leg.to.extension;
    if (leg.to.number !== undefined) r.to_number = leg.to.number;
    const line = leg.to.line_number ?? leg.call.line_number;
    if (line !== undefined) r.line_number = line;
    if (leg.group_id !== undefined) r.group_id = leg.group_id;
    if (leg.intercepted) r.intercepted = true;
    if (leg.transfer !== undefined) r.transfer = leg.transfer;
    return r;
  }
}
