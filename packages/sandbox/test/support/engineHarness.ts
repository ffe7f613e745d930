import type { CallEventPayload } from 'mangokit';
import { VirtualClock } from '../../src/engine/clock.js';
import { CallEngine } from '../../src/engine/engine.js';
import { createDemoOffice } from '../../src/office/demo.js';
import type { Office } from '../../src/office/types.js';

/** A notification the engine emitted, in emission order. */
export interface Emitted {
  path: string;
  data: Record<string, unknown>;
}

/** An engine on a manual clock over an office, capturing every notification synchronously. */
export interface Harness {
  engine: CallEngine;
  clock: VirtualClock;
  office: Office;
  out: Emitted[];
  /** `events/call` payloads, optionally for one leg. */
  calls(callId?: string): CallEventPayload[];
  /** Compact `state@location[:reason]` trail per leg, in leg creation order. */
  trail(): string[];
  /** Moves the clock by seconds. */
  sec(n: number): void;
  /** Waits for `result/*` notifications (sent after the acknowledgement). */
  results(): Promise<Record<string, number>>;
  close(): void;
}

/** Monday 2026-11-23 10:00 Moscow time: inside every demo working schedule. */
export const MONDAY_10_MSK = Date.UTC(2026, 10, 23, 7, 0, 0);

/** Builds a harness; `tweak` edits the demo office first. */
export function harness(tweak?: (o: Office) => void, office: Office = createDemoOffice()): Harness {
  tweak?.(office);
  const clock = new VirtualClock({ mode: 'manual', startMs: MONDAY_10_MSK });
  const out: Emitted[] = [];
  const engine = new CallEngine({
    clock,
    office: () => office,
    sink: (path, data) => out.push({ path, data: data as Record<string, unknown> }),
  });
  const h: Harness = {
    engine,
    clock,
    office,
    out,
    calls(callId) {
      return out
        .filter((e) => e.path === 'events/call')
        .map((e) => e.data as unknown as CallEventPayload)
        .filter((c) => callId === undefined || c.call_id === callId);
    },
    trail() {
      const order: string[] = [];
      const byLeg = new Map<string, string[]>();
      for (const c of h.calls()) {
        if (!byLeg.has(c.call_id)) {
          byLeg.set(c.call_id, []);
          order.push(c.call_id);
        }
        const who = c.to.extension ?? c.to.number ?? '';
        byLeg
          .get(c.call_id)!
          .push(
            `${c.call_state}@${c.location}${c.disconnect_reason ? `:${c.disconnect_reason}` : ''}${who ? `>${who}` : ''}`,
          );
      }
      return order.map((id) => byLeg.get(id)!.join(' '));
    },
    sec(n) {
      clock.advance(n * 1000);
    },
    async results() {
      await new Promise((r) => setImmediate(r));
      const map: Record<string, number> = {};
      for (const e of out) {
        if (e.path.startsWith('result/')) map[String(e.data.command_id)] = Number(e.data.result);
      }
      return map;
    },
    close() {
      engine.hangupAll();
      clock.close();
    },
  };
  return h;
}
