/*
 * DATA FILE — the rows of `METHOD_SPECS` for the black/white lists and the outbound ban list of
 * reference §3.7. One row per method path (the vendor writes the `bwlists/` paths with a trailing
 * slash; the table's keys have none), read by the SDK's types and pre-send checks and by the
 * sandbox's validation.
 */
import type { MethodSpec } from './spec.js';

/** Numbers, comments: the bounds of reference §3.7. */
const MAX_NUMBER_BYTES = 128;
const MAX_COMMENT_BYTES = 255;
/** Most numbers one outbound-ban request may carry. */
const MAX_BANNED_PER_REQUEST = 1000;

/** 1 direct calls, 2 outbound-campaign calls, 3 both. */
const mode = { type: 'integer', oneOf: [1, 2, 3] } as const;

/**
 * The `numbers` of the outbound-ban methods: objects `{number, …}`, or bare numbers standing for
 * `{number}` (what the SDK sends to the methods that only name numbers).
 */
function banned<F extends Record<string, unknown>>(fields: F) {
  return {
    type: 'array',
    required: true,
    items: {
      type: 'object',
      shorthand: 'number',
      fields: { number: { type: 'string', required: true, maxBytes: MAX_NUMBER_BYTES }, ...fields },
    },
    maxItems: MAX_BANNED_PER_REQUEST,
    encoded: true,
  } as const;
}

export const LIST_SPECS = {
  /** Which incoming list is active (reference §3.7). */
  'bwlists/state': { params: {} },
  /** Both incoming lists with their numbers (reference §3.7). */
  'bwlists/numbers': { params: {} },
  /** Adds a number or mask to a list; 20 000 numbers at most (5222, reference §3.7). */
  'bwlists/number/add': {
    params: {
      list_type: { type: 'string', required: true, oneOf: ['black', 'white'] },
      /** A number, or a mask: `*` any sequence, `#` one character, ranges with `-`. */
      number: { type: 'string', required: true, maxBytes: MAX_NUMBER_BYTES },
      /** `tel` (read as the default when absent) or `sip`. */
      number_type: { type: 'string', required: 'documented', oneOf: ['tel', 'sip'] },
      comment: { type: 'string', maxBytes: MAX_COMMENT_BYTES },
    },
  },
  /** Deletes a number from a list (reference §3.7). */
  'bwlists/number/delete': {
    params: { number_id: { type: 'integer', required: true } },
  },

  /** Reads outbound bans, all or some, paged (reference §3.7). */
  'outbound_blacklist/get': {
    params: {
      numbers: { type: 'array', items: { type: 'string' }, encoded: true },
      /** From 1 (the default). */
      cursor: { type: 'integer', min: 1 },
      /** 100 by default. */
      limit: { type: 'integer', min: 1, max: 1000 },
    },
  },
  /** Bans numbers → `{result, existed_numbers}` (reference §3.7). */
  'outbound_blacklist/add': {
    params: {
      numbers: banned({
        number: { type: 'string', required: true, maxBytes: MAX_NUMBER_BYTES, format: 'phoneMask' },
        mode,
        description: { type: 'string', maxBytes: MAX_COMMENT_BYTES },
        /** The employee who banned it. */
        user_id: { type: 'integer' },
      } as const),
    },
  },
  /** Changes the descriptions of bans (reference §3.7). */
  'outbound_blacklist/update_description': {
    params: { numbers: banned({ description: { type: 'string', maxBytes: MAX_COMMENT_BYTES } } as const) },
  },
  /** Enables a ban mode of numbers: the request's `mode`, or each number's own (reference §3.7). */
  'outbound_blacklist/enable_mode': {
    params: { numbers: banned({ mode } as const), mode },
  },
  /** Disables the ban of numbers (reference §3.7). */
  'outbound_blacklist/disable_mode': {
    params: { numbers: banned({} as const), mode },
  },
  /** Deletes bans (reference §3.7). */
  'outbound_blacklist/delete': {
    params: { numbers: banned({} as const) },
  },
  /** Bans all outgoing calls (reference §3.7). */
  'outbound_blacklist/enable': { params: {} },
  /** Lifts the ban on all outgoing calls (reference §3.7). */
  'outbound_blacklist/disable': { params: {} },
} as const satisfies Record<string, MethodSpec>;
