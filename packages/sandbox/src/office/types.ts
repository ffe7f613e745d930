import type { DctUserInfo, ScheduleItemType } from 'mangokit';

/**
 * The office a sandbox serves: employees, groups, lines, IVR schemes, audio files, lists and
 * the account. A plain, JSON-serialisable object: the `/vpbx/` configuration methods edit it in
 * place and the call engine reads it live, so a change through the API takes effect on the next
 * call. Field names follow the vendor's where the API exposes them (reference §3.5–3.7).
 */

/** How a phone (an employee's device, or a simulated customer) behaves when it rings. */
export interface PhonePolicy {
  /** What the phone does when rung. */
  onRing: 'answer' | 'never' | 'busy' | 'dnd' | 'reject';
  /** Seconds of ringing before answering (for `answer`) or rejecting (for `reject`). */
  answerAfterSec?: number;
  /** Once connected, hang up after this many seconds of talk; absent = the other side ends it. */
  hangupAfterSec?: number;
  /** Digits pressed once an IVR menu or DISA waits for input (customers only). */
  digits?: string;
  /** Customers only: hang up when not connected to anyone after this many seconds. */
  abandonAfterSec?: number;
}

/** One device of an employee (reference §3.5 `telephony.numbers`). */
export interface EmployeeNumber {
  number: string;
  protocol: 'tel' | 'sip' | 'fmc';
  order: number;
  /** Ring time in seconds; 0 = platform default. */
  wait_sec: number;
  status: 'on' | 'off';
  schedule?: Schedule;
}

/** Working schedule, Moscow wall time (reference §3.6.3). */
export interface Schedule {
  from?: string;
  until?: string;
  items: Array<{
    type: ScheduleItemType;
    /** `HH:MM` */
    from: string;
    /** `HH:MM` */
    until: string;
    /** `YYYY-MM-DD`, for `SpecificDate`. */
    specific_date?: string;
  }>;
}

export interface Employee {
  user_id: number;
  name: string;
  email?: string;
  department?: string;
  position?: string;
  mobile?: string;
  login?: string;
  access_role_id: number;
  extension?: string;
  /** Line (caller ID) used for outgoing calls by default. */
  outgoingline?: string;
  line_id?: number;
  trunk_number_id?: number;
  /** 0 all devices at once, 1 in order, 2 main device only. */
  dial_alg: number;
  use_status?: boolean;
  use_cc_numbers?: boolean;
  numbers: EmployeeNumber[];
  sips: Array<{ id: number; login: string; domain: string; password?: string; description?: string }>;
  /** Contact-Center status (1 on line, 2 DND, 3 break, 4 offline, …; reference §4.9). */
  cc_status?: number;
  /** Record this employee's calls automatically: none, all, or one direction. */
  recording?: 'none' | 'all' | 'incoming' | 'outgoing';
  /** How this employee's phone behaves when rung. */
  policy: PhonePolicy;
}

export interface GroupOperator {
  /** Employee `user_id`. */
  id: number;
  priority: number;
  order?: number;
}

export interface Group {
  id: number;
  name: string;
  description?: string;
  /** Group short number. */
  extension?: string;
  /** 0 serial, 1 parallel by priority, 2 all free at once, 3 random, 5 most idle. */
  dial_alg_group: 0 | 1 | 2 | 3 | 5;
  /** 1 all contacts at once, 2 main numbers, 3 SIP only, 4 all contacts in turn, 5 per card. */
  dial_alg_users: number;
  auto_redirect?: number;
  auto_dial?: number;
  line_id?: number;
  use_dynamic_ivr?: number;
  use_dynamic_seq_num?: number;
  melody_id?: number;
  operators: GroupOperator[];
  /** Seconds each operator rings before the next one is tried. */
  ring_sec: number;
  /** Queue when every operator is busy; absent = no queue (ends with 1161). */
  queue?: { max_size: number; max_wait_sec: number };
}

/** A line (number) of the PBX (reference §3.6.2 `incominglines`). */
export interface Line {
  line_id: number;
  number: string;
  name?: string;
  comment?: string;
  /** `sip-uac`, `sip`, `toll-free`, or a region code. */
  region: string;
  /** Scheme that handles incoming calls on this line. */
  schema_id?: number;
}

/** One step of an incoming-call scheme. Targets name another node's `id`. */
export type SchemeNode =
  | {
      id: string;
      type: 'menu';
      /** Audio file played while waiting for a key. */
      audio_id?: number;
      /** Seconds to wait for a key before `timeout`. */
      timeout_sec: number;
      /** Key → node id. */
      items: Record<string, string>;
      timeout?: string;
    }
  | {
      id: string;
      type: 'disa';
      audio_id?: number;
      /** Seconds to wait after the first digit (vendor default 5, reference §4.5). */
      wait_sec: number;
      max_digits: number;
      /** Where the call goes when digits are collected and the integrator does not route it. */
      next?: string;
      timeout_sec: number;
      timeout?: string;
    }
  | { id: string; type: 'play'; audio_id: number; duration_sec: number; next?: string }
  | { id: string; type: 'group'; group_id: number; fallback?: string }
  | { id: string; type: 'employee'; extension: string; fallback?: string }
  | { id: string; type: 'number'; number: string; fallback?: string }
  | { id: string; type: 'hangup' };

export interface Scheme {
  schema_id: number;
  name: string;
  description?: string;
  /** Node id the call enters. */
  start: string;
  nodes: SchemeNode[];
}

export interface AudioFile {
  id: number;
  name: string;
  duration_sec: number;
}

export interface ListedNumber {
  number_id: number;
  number: string;
  comment?: string;
  number_type: 'tel' | 'sip';
}

export interface BwLists {
  active: 'black' | 'white';
  black: { allow_unknown_number: boolean; numbers: ListedNumber[] };
  white: { allow_unknown_number: boolean; numbers: ListedNumber[] };
}

export interface OutboundBan {
  number: string;
  /** 1 direct calls, 2 campaign calls, 3 both. */
  mode: 1 | 2 | 3;
  description?: string;
  user_id?: number;
  enabled: boolean;
}

export interface ForwardingRule {
  forward_id: number;
  client_phone_number: string;
  /** 0 tel, 1 SIP. */
  client_phone_type: 0 | 1;
  status: 0 | 1;
  comment?: string;
  forward_type: 'group' | 'user' | 'ext_forward';
  forward_to_group?: { forward_group_id: number };
  forward_to_user?: { forward_user_id: number; forward_contact_id?: number; is_default_contact_id?: boolean };
  forward_to_ext?: { forward_number_type: string; forward_number: string; forward_wait_sec: number };
}

/**
 * The site visitor a dynamic call-tracking number is bound to: the object
 * `queries/user_info_by_dct_number` answers (reference §3.4), with its fields at the top level
 * (the 2017 `data` nesting is not produced). Fields beyond the SDK's list pass through as given.
 */
export type DctVisitor = Omit<DctUserInfo, 'data' | 'uid'> & {
  /** The visitor's id; the one field a bound visitor always has. */
  uid: string;
};

/** A page of the visitor's history (`queries/user_history_by_dct_number`, reference §3.4). */
export interface DctPage {
  url: string;
  /** ISO 8601 date-time with a zone (the vendor sends UTC). */
  date: string;
  title: string;
}

/**
 * A call-tracking number (reference §3.4, §4.1 `dct`): one of the office's lines. Calls coming in
 * on it carry `dct: {number, type}` in `events/call` and `events/summary`.
 */
export interface CallTrackingNumber {
  /** Equals a `lines[].number` of the office. */
  number: string;
  /** 1 dynamic (bound to a site visitor), 2 static (bound to an ad channel). */
  type: 1 | 2;
  /** Dynamic numbers only: the visitor the number is currently shown to. */
  visitor?: DctVisitor;
  /** Dynamic numbers only: pages the visitor saw. */
  history?: DctPage[];
}

export interface Office {
  /** Shown as `product_id` in `events/record/*`. */
  product_id: number;
  name: string;
  /** The API credentials this office accepts. */
  api_key: string;
  api_salt: string;
  account: {
    balance: number;
    currency: string;
    /** Charged per started minute of talk on outgoing calls, and per SMS segment. */
    tariffs: { outgoing_per_minute: number; incoming_per_minute: number; sms: number };
  };
  employees: Employee[];
  groups: Group[];
  lines: Line[];
  schemes: Scheme[];
  audiofiles: AudioFile[];
  sms_senders: string[];
  roles: Array<{ role_id: number; name: string; permissions: Array<{ code: string; param?: string }> }>;
  domains: string[];
  trunk_numbers: Array<{
    trunk_number_id: number;
    trunk_id: number;
    number: string;
    options: 2 | 4 | 6;
    desc?: string;
  }>;
  bwlists: BwLists;
  outbound_blacklist: { enabled: boolean; numbers: OutboundBan[] };
  forwarding_rules: ForwardingRule[];
  autosecretary_rules: Array<{ user_id: number; rule_id: number; name: string; active: boolean }>;
  /** Call-tracking numbers (lines); absent or empty = no call tracking. */
  call_tracking?: CallTrackingNumber[];
  /**
   * The cabinet switch «Разрешаю пробрасывать идентификатор входящего звонка» (reference §4.1):
   * calls coming in on a SIP line carry the caller's SIP Call-ID as `sip_call_id` in
   * `events/call` and `events/summary`. Off by default, as in the cabinet.
   */
  forward_sip_call_id?: boolean;
  /** Simulated customers by number; unknown callers use `default_customer_policy`. */
  customers?: Record<string, PhonePolicy>;
  default_customer_policy: PhonePolicy;
}
