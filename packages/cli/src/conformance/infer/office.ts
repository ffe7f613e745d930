import { type Json, num, obj, party, type RecordedModel, str } from '../model.js';

/** Prompts that only wait for the integrator or the caller last this long (the office's one audio file). */
export const LONG_SEC = 3600;
/** The office's one audio file, which every prompt of the inferred schemes plays. */
export const PROMPT_AUDIO_ID = 1;

/** An employee the recording names, with what it shows of their phones. */
export interface EmployeeDraft {
  extension: string;
  /** The devices it was rung on or called from. */
  numbers: string[];
  /** How its phone answers rings; `manual` = by the steps. */
  mode: 'manual' | 'busy' | 'dnd' | 'ccdnd';
  /** How long a ring lasts when the recording shows one timing out (1111). */
  ringSec?: number;
  /** The longest the recording shows it ringing before an answer, s. */
  longestAnswerSec: number;
  /** Records calls automatically. */
  record: boolean;
  simultaneous: boolean;
}

/** A group (`acd_group`) the recording names. */
export interface GroupDraft {
  extension: string;
  /** Extensions of the employees rung through it, in order of appearance. */
  operators: string[];
  /** Its operators are rung at once. */
  simultaneous: boolean;
  ringSec?: number;
  /** Calls wait in its queue. */
  queue: boolean;
}

/** A line of the office (or a call-tracking number) the recording names. */
export interface LineDraft {
  number: string;
  sip: boolean;
  /** The scheme's nodes, start first: what the line does with an incoming call. */
  scheme?: Json[];
  /** Call tracking (`dct.type`): 1 or 2. */
  dct?: number;
}

/** The office as the recording shows it, being filled in: employees, groups, lines, customers. */
export class OfficeDraft {
  /** By extension, in order of appearance (their `user_id`s follow it). */
  readonly employees = new Map<string, EmployeeDraft>();
  /** By extension, in order of appearance (their `id`s follow it). */
  readonly groups = new Map<string, GroupDraft>();
  /** By number, in order of appearance (their `line_id`s and `schema_id`s follow it). */
  readonly lines = new Map<string, LineDraft>();
  /** How an outside number answers a ring, by number. */
  readonly customers = new Map<string, Json>();
  /** Events carry `sip_call_id`: the office forwards it (the cabinet switch). */
  forwardSip = false;
  /** The `product_id` of the recording's `events/record/added`. */
  productId: number | undefined;

  /** The employee with this extension, added when new. */
  employee(extension: string): EmployeeDraft {
    let e = this.employees.get(extension);
    if (!e) {
      e = { extension, numbers: [], mode: 'manual', longestAnswerSec: 0, record: false, simultaneous: false };
      this.employees.set(extension, e);
    }
    return e;
  }

  /** Notes an employee's device (the employee is added when new). */
  device(extension: string, number: string | undefined): void {
    const e = this.employee(extension);
    if (number !== undefined && !e.numbers.includes(number)) e.numbers.push(number);
  }

  /** The line with this number, added when new. */
  line(number: string): LineDraft {
    let l = this.lines.get(number);
    if (!l) {
      l = { number, sip: number.startsWith('sip:') };
      this.lines.set(number, l);
    }
    return l;
  }

  /** Notes an operator of a group (the group is added when new). */
  operator(group: string, extension: string): void {
    let g = this.groups.get(group);
    if (!g) {
      g = { extension: group, operators: [], simultaneous: false, queue: false };
      this.groups.set(group, g);
    }
    if (!g.operators.includes(extension)) g.operators.push(extension);
  }

  /** The `id` the office description gives a group. */
  groupId(extension: string): number {
    return [...this.groups.keys()].indexOf(extension) + 1;
  }

  /** Extensions of the employees whose phones the steps drive. */
  manual(): string[] {
    return [...this.employees.values()].filter((e) => e.mode === 'manual').map((e) => e.extension);
  }
}

/**
 * Who the recording names, before any call is read for its moves: every employee with the devices
 * it was rung on or called from, the groups and their operators, the lines and call-tracking
 * numbers, whether `sip_call_id` is forwarded, the product of the recordings.
 */
export function gatherParties(model: RecordedModel, office: OfficeDraft): void {
  for (const leg of model.calls.flatMap((c) => c.legs)) {
    for (const ev of leg.events) {
      const from = party(ev.payload.from);
      const to = party(ev.payload.to);
      if (from.extension) office.device(from.extension, from.number);
      if (to.extension) office.device(to.extension, to.number);
      if (to.line) office.line(to.line);
      if (str(ev.payload.sip_call_id)) office.forwardSip = true;
      const dct = obj(ev.payload.dct);
      const dctNumber = str(dct.number);
      const dctType = num(dct.type);
      if (dctNumber && (dctType === 1 || dctType === 2)) office.line(dctNumber).dct = dctType;
      if (to.acd && to.extension) office.operator(to.acd, to.extension);
    }
  }
  for (const call of model.calls) {
    const s = call.summary?.payload;
    if (s) {
      const ln = str(s.line_number) ?? str(obj(s.to).line_number);
      if (ln) office.line(ln);
      const f = party(s.from);
      const t = party(s.to);
      if (f.extension) office.device(f.extension, f.number);
      if (t.extension && !office.groups.has(t.extension)) office.device(t.extension, t.number);
      if (str(s.sip_call_id)) office.forwardSip = true;
    }
    for (const r of call.recordings) {
      const ext = str(r.payload.extension);
      if (ext) office.employee(ext);
    }
    for (const r of call.recordAdded) office.productId ??= num(r.payload.product_id);
  }
  // Lines added later (by the calls' moves) keep what their number says.
  for (const l of office.lines.values()) if (office.forwardSip) l.sip = true;
}

/** The office description for the sandbox's `validateOffice`. */
export function describeOffice(office: OfficeDraft): Json {
  const lines = [...office.lines.values()];
  return {
    name: 'conformance',
    api_key: 'conformance',
    api_salt: 'conformance',
    ...(office.productId !== undefined ? { product_id: office.productId } : {}),
    employees: [...office.employees.values()].map(describeEmployee),
    groups: [...office.groups.values()].map((g, i) => ({
      id: i + 1,
      name: `Group ${g.extension}`,
      extension: g.extension,
      dial_alg_group: g.simultaneous ? 2 : 0,
      dial_alg_users: 2,
      operators: g.operators.map((ext, order) => ({
        id: [...office.employees.keys()].indexOf(ext) + 1,
        priority: 1,
        order,
      })),
      ring_sec: g.ringSec ?? 30,
      ...(g.queue ? { queue: { max_size: 50, max_wait_sec: LONG_SEC } } : {}),
    })),
    lines: lines.map((l, i) => ({
      line_id: i + 1,
      number: l.number,
      region: l.sip ? 'sip' : '495',
      ...(l.scheme ? { schema_id: i + 1 } : {}),
    })),
    schemes: lines.flatMap((l, i) =>
      l.scheme
        ? [{ schema_id: i + 1, name: `Line ${l.number}`, start: (l.scheme[0] as Json).id, nodes: l.scheme }]
        : [],
    ),
    audiofiles: [{ id: PROMPT_AUDIO_ID, name: 'prompt', duration_sec: LONG_SEC }],
    ...(office.forwardSip ? { forward_sip_call_id: true } : {}),
    call_tracking: lines.flatMap((l) => (l.dct ? [{ number: l.number, type: l.dct }] : [])),
    customers: Object.fromEntries(office.customers),
    default_customer_policy: { onRing: 'never' },
  };
}

/** An employee of the office description; its `user_id` is its place in the office, from 1. */
function describeEmployee(e: EmployeeDraft, index: number): Json {
  // A ring the recording timed out (1111) lasts as recorded; otherwise long enough for every
  // answer the recording shows, with room for the sandbox ringing earlier than recorded.
  const ring = e.ringSec ?? Math.max(60, Math.ceil(e.longestAnswerSec) + 30);
  const numbers = e.numbers.length > 0 ? e.numbers : [`sip:${e.extension}@conformance.mangosip.invalid`];
  return {
    user_id: index + 1,
    name: `Employee ${e.extension}`,
    extension: e.extension,
    // Every device rings at once only when the recording shows it; otherwise the main one.
    dial_alg: e.simultaneous ? 0 : 2,
    numbers: numbers.map((n, order) => ({
      number: n,
      protocol: n.startsWith('sip:') ? 'sip' : 'tel',
      order,
      wait_sec: ring,
      status: 'on',
    })),
    policy:
      e.mode === 'busy' ? { onRing: 'busy' } : e.mode === 'dnd' ? { onRing: 'dnd' } : { onRing: 'never' },
    ...(e.mode === 'ccdnd' ? { cc_status: 2, use_status: true } : { cc_status: 1, use_status: true }),
    recording: e.record ? 'all' : 'none',
  };
}
