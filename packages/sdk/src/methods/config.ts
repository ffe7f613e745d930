/*
 * DATA FILE — the rows of `METHOD_SPECS` for the configuration and account methods of reference
 * §3.5–§3.6: employees, groups, SIP accounts, the telephony inventory, auto-secretary rules and
 * forwarding rules by caller number. One row per method path, read by the SDK's types and
 * pre-send checks and by the sandbox's validation; what needs the office (does this role, line
 * or employee exist, is this extension free) is the sandbox's.
 */
import type { MethodSpec } from './spec.js';
import { SCHEDULE_ITEM_TYPES } from './values.js';

/** Numbers the reference bounds like other short strings (§3.6.3, §3.6.4). */
const MAX_NUMBER_BYTES = 128;
/** Names, comments, logins and other text fields of the cabinet. */
const MAX_TEXT_BYTES = 255;
/** Longest ring time of a number or a forwarding target, seconds. */
const MAX_WAIT_SEC = 300;

/** Extra fields of `config/users/request` (reference §3.5). */
export const USER_EXT_FIELDS = [
  'general.user_id',
  'general.sips',
  'groups',
  'general.access_role_id',
  'telephony.dial_alg',
  'telephony.numbers.schedule',
  'telephony.line_id',
  'telephony.trunk_number_id',
  'general.mobile',
  'general.login',
  'general.use_status',
  'general.use_cc_numbers',
] as const;

/** The writable fields of a group (reference §3.6.1); `group/update` takes any of them. */
const groupFields = {
  name: { type: 'string', maxBytes: MAX_TEXT_BYTES },
  description: { type: 'string', maxBytes: 1024 },
  /** The group's short number. */
  extension: { type: 'string', format: 'extension' },
  /** 0 serial, 1 parallel by priority, 2 all free at once, 3 random, 5 most idle. */
  dial_alg_group: { type: 'integer', oneOf: [0, 1, 2, 3, 5] },
  /** 1 all contacts at once, 2 main numbers, 3 SIP only, 4 all contacts in turn, 5 as in the employee card. */
  dial_alg_users: { type: 'integer', oneOf: [1, 2, 3, 4, 5] },
  auto_redirect: { type: 'integer', min: 0 },
  /** Id of the auto-redial campaign. */
  auto_dial: { type: 'integer', min: 0 },
  line_id: { type: 'integer' },
  use_dynamic_ivr: { type: 'integer', min: 0 },
  use_dynamic_seq_num: { type: 'integer', min: 0 },
  /** An audio file id (`audiofiles`). */
  melody_id: { type: 'integer', min: 0 },
  /** The operators; on update the list replaces the membership. */
  operators: {
    type: 'array',
    items: {
      type: 'object',
      fields: {
        /** An employee's `user_id`. */
        id: { type: 'integer', required: true },
        priority: { type: 'integer', min: 0 },
      },
    },
    encoded: true,
  },
} as const;

/** A schedule of a number (reference §3.6.3): Moscow `HH:MM` times. */
const schedule = {
  type: 'object',
  fields: {
    from: { type: 'string' },
    until: { type: 'string' },
    items: {
      type: 'array',
      items: {
        type: 'object',
        fields: {
          type: { type: 'string', required: true, oneOf: SCHEDULE_ITEM_TYPES },
          from: { type: 'string', required: true, format: 'time' },
          until: { type: 'string', required: true, format: 'time' },
          /** `YYYY-MM-DD`, for `SpecificDate` (`date` in the member/update text). */
          specific_date: { type: 'string', aliases: ['date'] },
        },
      },
      encoded: true,
    },
  },
} as const;

/** The fields of an employee (reference §3.6.3); `member/update` takes any of them. */
const memberFields = {
  name: { type: 'string', maxBytes: MAX_TEXT_BYTES },
  email: { type: 'string', maxBytes: MAX_TEXT_BYTES, format: 'email' },
  mobile: { type: 'string', maxBytes: MAX_TEXT_BYTES },
  department: { type: 'string', maxBytes: MAX_TEXT_BYTES },
  position: { type: 'string', maxBytes: MAX_TEXT_BYTES },
  /** With `password`, or neither. */
  login: { type: 'string', maxBytes: MAX_TEXT_BYTES },
  /** ≥ 8 characters with lower and upper Latin letters and digits; with `login`. */
  password: { type: 'string', maxBytes: MAX_TEXT_BYTES, format: 'password' },
  use_status: { type: 'boolean', wire: 'bit' },
  use_cc_numbers: { type: 'boolean', wire: 'bit' },
  access_role_id: { type: 'integer' },
  extension: { type: 'string', format: 'extension' },
  /** An outgoing line (not a passive SIP line). */
  line_id: { type: 'integer' },
  /** A trunk number with options 4 or 6. */
  trunk_number_id: { type: 'integer' },
  dial_alg: { type: 'integer', oneOf: [0, 1, 2] },
  /** The employee's devices; on update the list replaces them all (and may affect SIP accounts). */
  numbers: {
    type: 'array',
    items: {
      type: 'object',
      fields: {
        number: { type: 'string', required: true, maxBytes: MAX_NUMBER_BYTES },
        /** `tel` (the default), `sip` or `fmc`. */
        protocol: { type: 'string', oneOf: ['tel', 'sip', 'fmc'] },
        /** Ring time; 0 = the carrier's default. */
        wait_sec: { type: 'integer', min: 0, max: MAX_WAIT_SEC },
        status: { type: 'string', oneOf: ['on', 'off'] },
        schedule,
      },
    },
    encoded: true,
  },
} as const;

const loginWithPassword = { kind: 'together', fields: ['login', 'password'] } as const;

/** The fields of a SIP account (reference §3.6.3). */
const sipFields = {
  login: { type: 'string', maxBytes: 64, format: 'sipLogin' },
  /** One of the PBX's `domains`. */
  domain: { type: 'string' },
  password: { type: 'string', maxBytes: MAX_TEXT_BYTES, format: 'password' },
  description: { type: 'string', maxBytes: MAX_TEXT_BYTES },
} as const;

/** The fields of a forwarding rule by caller number (reference §3.6.4). */
const forwardingFields = {
  client_phone_number: { type: 'string', maxBytes: MAX_NUMBER_BYTES },
  /** 0 tel, 1 SIP. */
  client_phone_type: { type: 'integer', oneOf: [0, 1] },
  /** 0 off, 1 on. */
  status: { type: 'integer', oneOf: [0, 1] },
  comment: { type: 'string', maxBytes: MAX_TEXT_BYTES },
  /** Which `forward_to_*` object holds the target. */
  forward_type: { type: 'string', oneOf: ['group', 'user', 'ext_forward'] },
  forward_to_group: {
    type: 'object',
    when: { field: 'forward_type', is: 'group' },
    fields: { forward_group_id: { type: 'integer', required: true } },
  },
  forward_to_user: {
    type: 'object',
    when: { field: 'forward_type', is: 'user' },
    fields: {
      forward_user_id: { type: 'integer', required: true },
      forward_contact_id: { type: 'integer' },
      is_default_contact_id: { type: 'boolean' },
    },
  },
  forward_to_ext: {
    type: 'object',
    when: { field: 'forward_type', is: 'ext_forward' },
    fields: {
      forward_number_type: { type: 'string', required: true },
      forward_number: { type: 'string', required: true, maxBytes: MAX_NUMBER_BYTES },
      forward_wait_sec: { type: 'integer', min: 0, max: MAX_WAIT_SEC },
    },
  },
} as const;

export const CONFIG_SPECS = {
  /** Employees: all, or one by extension; no `result` in the answer (reference §3.5). */
  'config/users/request': {
    params: {
      extension: { type: 'string' },
      ext_fields: { type: 'array', items: { type: 'string', oneOf: USER_EXT_FIELDS }, encoded: true },
    },
  },

  /** Groups, optionally with their operators (reference §3.6.1). */
  groups: {
    params: {
      group_id: { type: 'integer' },
      /** An employee's `user_id`. */
      operator_id: { type: 'integer' },
      operator_extension: { type: 'string' },
      /** 1 (the default) to include operators. */
      show_users: { type: 'boolean', wire: 'bit' },
    },
  },
  /** Creates a group → `{result, group_id}` (reference §3.6.1). */
  'group/create': {
    params: { ...groupFields, name: { ...groupFields.name, required: true } },
  },
  /** Changes a group: only the fields given (reference §3.6.1). */
  'group/update': {
    params: {
      group_id: { type: 'integer', required: true },
      group: { type: 'object', required: true, fields: groupFields },
    },
  },
  /** Deletes a group; 5202–5204 while it is used elsewhere (reference §3.6.1). */
  'group/delete': {
    params: { group_id: { type: 'integer', required: true } },
  },

  /** Creates an employee → `{result, user_id}` (reference §3.6.3). */
  'member/create': {
    params: {
      ...memberFields,
      name: { ...memberFields.name, required: true },
      access_role_id: { ...memberFields.access_role_id, required: true },
      extension: { ...memberFields.extension, required: true },
    },
    rules: [loginWithPassword],
  },
  /** Changes an employee: any create field, and the outgoing line (reference §3.6.3). */
  'member/update': {
    params: {
      user_id: { type: 'integer', required: true },
      ...memberFields,
      /** A line number or name of the PBX. */
      outgoingline: { type: 'string' },
    },
    rules: [loginWithPassword],
  },
  /** Deletes an employee (5302 for robot employees, reference §3.6.3). */
  'member/delete': {
    params: { user_id: { type: 'integer', required: true } },
  },

  /** SIP accounts per employee (reference §3.6.2). */
  sips: { params: {} },
  /** Creates a SIP account → `{result, sip_id}`; every field required since 05.02.2026 (reference §3.6.3). */
  'sip/create': {
    params: {
      user_id: { type: 'integer', required: true },
      login: { ...sipFields.login, required: true },
      domain: { ...sipFields.domain, required: true },
      password: { ...sipFields.password, required: true },
      description: sipFields.description,
    },
  },
  /** Changes a SIP account (reference §3.6.3). */
  'sip/update': {
    params: { sip_id: { type: 'integer', required: true }, ...sipFields },
  },
  /** Deletes a SIP account (reference §3.6.3). */
  'sip/delete': {
    params: { sip_id: { type: 'integer', required: true } },
  },

  /** `{result, balance, currency, response_at}` (reference §3.6.2). */
  'account/balance': { params: {} },
  /** The PBX's lines (reference §3.6.2). */
  incominglines: { params: {} },
  /** Common and product audio files (reference §3.6.2). */
  audiofiles: { params: {} },
  /** Forwarding schemes; `ext_fields: ["trunks_numbers"]` adds trunk numbers (reference §3.6.2). */
  schemas: {
    params: {
      ext_fields: { type: 'array', items: { type: 'string', oneOf: ['trunks_numbers'] }, encoded: true },
    },
  },
  /** Switches the scheme of a line or of a trunk number with options 2 or 6 (reference §3.6.2). */
  'schema/set': {
    params: {
      schema_id: { type: 'integer', required: true },
      line_id: { type: 'integer' },
      trunk_number_id: { type: 'integer' },
    },
    rules: [{ kind: 'either', fields: ['line_id', 'trunk_number_id'] }],
  },
  /** Access roles (reference §3.6.2). */
  roles: { params: {} },
  /** SIP domains (reference §3.6.2). */
  domains: { params: {} },
  /** SIP-trunk numbers (reference §3.6.2). */
  'trunks/numbers': { params: {} },

  /** An employee's auto-secretary rules, all or some (reference §3.6.3). */
  'autosecretary/rules': {
    params: {
      user_id: { type: 'integer', required: true },
      rules: { type: 'array', items: { type: 'integer' }, encoded: true },
    },
  },
  /** Turns an auto-secretary rule on (1) or off (0) (reference §3.6.3). */
  'autosecretary/status/change': {
    params: {
      user_id: { type: 'integer', required: true },
      rule_id: { type: 'integer', required: true },
      active: { type: 'boolean', required: true, wire: 'bit' },
    },
  },

  /** Forwarding rules by caller number, paged (reference §3.6.4). */
  'forwarding/numbers': {
    params: {
      /** At most 1000 (the default). */
      limit: { type: 'integer', min: 1, max: 1000 },
      offset: { type: 'integer', min: 0 },
    },
  },
  /** Adds a rule; one per caller number (reference §3.6.4). */
  'forwarding/number/add': {
    params: {
      ...forwardingFields,
      client_phone_number: { ...forwardingFields.client_phone_number, required: true },
      client_phone_type: { ...forwardingFields.client_phone_type, required: 'documented' },
      status: { ...forwardingFields.status, required: 'documented' },
      forward_type: { ...forwardingFields.forward_type, required: true },
    },
  },
  /** Changes a rule: the fields given (reference §3.6.4). */
  'forwarding/number/change': {
    params: { forward_id: { type: 'integer', required: true }, ...forwardingFields },
  },
  /** Removes a rule (reference §3.6.4). */
  'forwarding/number/remove': {
    params: { forward_id: { type: 'integer', required: true } },
  },
} as const satisfies Record<string, MethodSpec>;
