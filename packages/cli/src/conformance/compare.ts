import type { CallMapping } from './mapping.js';
import { canonicalPath, type Json, type Note, num, type RecordedModel, str } from './model.js';
import type { Emitted } from './play.js';

/** The kinds of difference, worst first. `type` (a number sent as a string) is informative unless asked. */
export const DIFFERENCE_KINDS = [
  'missing-event',
  'extra-event',
  'order',
  'code',
  'value',
  'missing-field',
  'extra-field',
  'time',
  'type',
] as const;

/** One kind of difference. */
export type DifferenceKind = (typeof DIFFERENCE_KINDS)[number];

/** One place where the sandbox's notifications differ from the recording. */
export interface Difference {
  kind: DifferenceKind;
  path: string;
  /** Which notification: `call 1, leg 2 (1234 → 5555), Disconnected`. */
  where: string;
  field?: string;
  recorded?: unknown;
  sandbox?: unknown;
}

/** How the comparison reads values. */
export interface CompareOptions {
  /** Leaf field names or dotted paths left out (`dct`, `to.line_number`). */
  ignore: ReadonlySet<string>;
  /** Times further apart than this are a difference, ms. */
  toleranceMs: number;
}

/** Fields that hold result or disconnect codes (a difference there is a `code`). */
const CODE_FIELDS = new Set(['disconnect_reason', 'completion_code', 'reason', 'result']);
/** Fields that hold Unix times (compared with the tolerance). */
const TIME_FIELDS = new Set(['timestamp', 'create_time', 'forward_time', 'talk_time', 'end_time']);
/** Ids the sandbox makes its own: compared through the mapping, or not at all. */
const ID_FIELDS = new Set(['entry_id', 'call_id', 'taken_from_call_id', 'recording_id', 'seq']);

type Flat = Map<string, unknown>;

function flatten(value: Json, prefix = '', out: Flat = new Map()): Flat {
  for (const [k, v] of Object.entries(value)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v !== null && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length > 0)
      flatten(v as Json, key, out);
    else out.set(key, v);
  }
  return out;
}

function leafOf(key: string): string {
  return key.slice(key.lastIndexOf('.') + 1);
}

/** `a → b` of a leg or call for the report. */
function parties(payload: Json | undefined): string {
  const f = (payload?.from ?? {}) as Json;
  const t = (payload?.to ?? {}) as Json;
  const side = (p: Json) => str(p.extension) ?? str(p.number) ?? '?';
  return `${side(f)} → ${side(t)}`;
}

/** Longest common subsequence of two lists of labels: the pairs of indexes aligned. */
function align(a: readonly string[], b: readonly string[]): Array<[number, number]> {
  const dp = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--)
    for (let j = b.length - 1; j >= 0; j--)
      dp[i]![j] = a[i] === b[j] ? dp[i + 1]![j + 1]! + 1 : Math.max(dp[i + 1]![j]!, dp[i]![j + 1]!);
  const pairs: Array<[number, number]> = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      pairs.push([i, j]);
      i++;
      j++;
    } else if (dp[i + 1]![j]! >= dp[i]![j + 1]!) i++;
    else j++;
  }
  return pairs;
}

/**
 * Compares what the sandbox sent while playing a recording with the recording: per call and leg
 * (`events/call`, aligned by state, `seq` compared), the summary, DTMF packets, recording events
 * and `record/added` per call, `result/*` and `events/sms` by `command_id`, `ping`. Only the
 * notification paths the recording holds are compared. Ids are compared through the mapping;
 * times with the tolerance; codes, values and the presence of every field as they are.
 */
export function compareNotifications(
  model: RecordedModel,
  emitted: readonly Emitted[],
  mapping: CallMapping,
  options: CompareOptions,
): Difference[] {
  const out: Difference[] = [];
  const inScope = (path: string) => model.paths.has(canonicalPath(path));
  const sandbox = emitted.filter((e) => inScope(e.path)).map((e) => ({ ...e, path: canonicalPath(e.path) }));
  const mappedLeg = (recorded: string | undefined) =>
    recorded === undefined ? undefined : mapping.legsBack.get(recorded);
  const callName = new Map(model.calls.map((c) => [c.entry, `call ${c.order + 1}`]));
  const legName = new Map(
    model.calls.flatMap((c) =>
      c.legs.map(
        (l, i) => [l.id, `call ${c.order + 1} leg ${i + 1} (${parties(l.events[0]?.payload)})`] as const,
      ),
    ),
  );

  /** Field-by-field comparison of one recorded and one sandbox notification. */
  const fields = (path: string, where: string, recorded: Json, got: Json) => {
    const a = flatten(recorded);
    const b = flatten(got);
    for (const key of new Set([...a.keys(), ...b.keys()])) {
      const leaf = leafOf(key);
      if (
        options.ignore.has(key) ||
        options.ignore.has(leaf) ||
        options.ignore.has(key.split('.')[0] as string)
      )
        continue;
      if (leaf === 'seq') continue;
      const ra = a.get(key);
      const sb = b.get(key);
      if (!a.has(key)) {
        out.push({ kind: 'extra-field', path, where, field: key, sandbox: sb });
        continue;
      }
      if (!b.has(key)) {
        out.push({ kind: 'missing-field', path, where, field: key, recorded: ra });
        continue;
      }
      if (leaf === 'taken_from_call_id' || leaf === 'call_id') {
        if (mappedLeg(str(ra)) !== str(sb))
          out.push({
            kind: 'value',
            path,
            where,
            field: key,
            recorded: legName.get(str(ra) ?? '') ?? ra,
            sandbox: sb,
          });
        continue;
      }
      if (leaf === 'recording_id') {
        if (mapping.recordingsBack.get(str(ra) ?? '') !== str(sb))
          out.push({ kind: 'value', path, where, field: key, recorded: ra, sandbox: sb });
        continue;
      }
      if (ID_FIELDS.has(leaf)) continue;
      if (TIME_FIELDS.has(leaf)) {
        const ta = num(ra);
        const tb = num(sb);
        if (ta === 0 || tb === 0 || ta === undefined || tb === undefined) {
          if (ta !== tb) out.push({ kind: 'value', path, where, field: key, recorded: ra, sandbox: sb });
        } else if (Math.abs(ta - tb) * 1000 > options.toleranceMs) {
          out.push({ kind: 'time', path, where, field: key, recorded: ra, sandbox: sb });
        }
        continue;
      }
      if (String(ra) === String(sb)) {
        if (typeof ra !== typeof sb)
          out.push({ kind: 'type', path, where, field: key, recorded: ra, sandbox: sb });
        continue;
      }
      out.push({
        kind: CODE_FIELDS.has(leaf) ? 'code' : 'value',
        path,
        where,
        field: key,
        recorded: ra,
        sandbox: sb,
      });
    }
  };

  /** Notifications of one kind, aligned by a label (state) in order; missing, extra, then fields. */
  const sequence = (
    path: string,
    whereOf: (label: string) => string,
    recorded: readonly Note[],
    got: readonly Emitted[],
    label: (p: Json) => string,
    checkOrder: boolean,
  ) => {
    const ra = recorded.map((n) => label(n.payload));
    const sb = got.map((e) => label(e.payload));
    const pairs = align(ra, sb);
    const pairedA = new Set(pairs.map(([i]) => i));
    const pairedB = new Set(pairs.map(([, j]) => j));
    recorded.forEach((n, i) => {
      if (!pairedA.has(i))
        out.push({ kind: 'missing-event', path, where: whereOf(ra[i] as string), recorded: n.payload });
    });
    got.forEach((e, j) => {
      if (!pairedB.has(j))
        out.push({ kind: 'extra-event', path, where: whereOf(sb[j] as string), sandbox: e.payload });
    });
    for (const [i, j] of pairs) {
      const r = recorded[i] as Note;
      const e = got[j] as Emitted;
      const where = whereOf(ra[i] as string);
      if (checkOrder && num(r.payload.seq) !== undefined && num(r.payload.seq) !== num(e.payload.seq)) {
        out.push({
          kind: 'order',
          path,
          where,
          field: 'seq',
          recorded: r.payload.seq,
          sandbox: e.payload.seq,
        });
      }
      fields(path, where, r.payload, e.payload);
    }
  };

  // Calls: legs and their events/call, then the per-call notifications.
  const sandboxByEntry = (path: string, entry: string | undefined) =>
    sandbox.filter((e) => e.path === path && entry !== undefined && str(e.payload.entry_id) === entry);
  for (const call of model.calls) {
    const name = callName.get(call.entry) as string;
    const entry = mapping.entriesBack.get(call.entry);
    if (inScope('events/call')) {
      const got = sandboxByEntry('events/call', entry);
      for (const leg of call.legs) {
        const id = mapping.legsBack.get(leg.id);
        const mine = got
          .filter((e) => id !== undefined && str(e.payload.call_id) === id)
          .sort((a, b) => (num(a.payload.seq) ?? 0) - (num(b.payload.seq) ?? 0));
        sequence(
          'events/call',
          (s) => `${legName.get(leg.id)} ${s}`,
          leg.events,
          mine,
          (p) => str(p.call_state) ?? '',
          true,
        );
      }
      const unmatched = got.filter((e) => !mapping.legs.has(str(e.payload.call_id) ?? ''));
      for (const e of unmatched) {
        out.push({
          kind: 'extra-event',
          path: 'events/call',
          where: `${name}, a leg the recording does not have (${parties(e.payload)}) ${str(e.payload.call_state)}`,
          sandbox: e.payload,
        });
      }
    }
    if (inScope('events/summary')) {
      const got = sandboxByEntry('events/summary', entry);
      sequence(
        'events/summary',
        () => `${name} summary`,
        call.summary ? [call.summary] : [],
        got,
        () => 'summary',
        false,
      );
    }
    if (inScope('events/dtmf')) {
      sequence(
        'events/dtmf',
        (d) => `${name} DTMF ${d}`,
        call.dtmf,
        sandboxByEntry('events/dtmf', entry),
        (p) => `${str(p.location)} ${str(p.dtmf)}`,
        true,
      );
    }
    if (inScope('events/recording')) {
      sequence(
        'events/recording',
        (s) => `${name} recording ${s}`,
        call.recordings,
        sandboxByEntry('events/recording', entry),
        (p) => str(p.recording_state) ?? '',
        true,
      );
    }
    for (const path of ['events/record/added', 'events/record/tagged']) {
      if (!inScope(path)) continue;
      const recorded = call.recordAdded.filter((n) => n.path === path);
      sequence(
        path,
        () => `${name} ${path}`,
        recorded,
        sandboxByEntry(path, entry),
        () => 'stored',
        false,
      );
    }
  }
  // Sandbox calls no recorded call stands for.
  if (inScope('events/call')) {
    const known = new Set(mapping.entries.keys());
    for (const e of sandbox) {
      if (e.path === 'events/call' && !known.has(str(e.payload.entry_id) ?? '')) {
        out.push({
          kind: 'extra-event',
          path: e.path,
          where: `a call the recording does not have (${parties(e.payload)}) ${str(e.payload.call_state)}`,
          sandbox: e.payload,
        });
      }
    }
  }
  // Notifications about commands, by command_id; ping and the rest by path, in order.
  const byPath = new Map<string, Note[]>();
  for (const n of model.others) byPath.set(n.path, [...(byPath.get(n.path) ?? []), n]);
  for (const [path, recorded] of byPath) {
    const got = sandbox.filter((e) => e.path === path);
    if (recorded.some((n) => str(n.payload.command_id) !== undefined)) {
      const ids = new Set([...recorded, ...got].map((n) => str(n.payload.command_id) ?? ''));
      for (const id of ids) {
        sequence(
          path,
          () => `${path} of command ${id}`,
          recorded.filter((n) => (str(n.payload.command_id) ?? '') === id),
          got.filter((e) => (str(e.payload.command_id) ?? '') === id),
          () => path,
          false,
        );
      }
    } else
      sequence(
        path,
        () => path,
        recorded,
        got,
        () => path,
        false,
      );
  }
  return out.filter((d) => !(d.field !== undefined && options.ignore.has(d.field)));
}
