/*
 * Fields that carry telephone numbers or SIP addresses, wherever they occur: request parameters
 * (reference §2, §3), answers (§3.5–§3.7) and notifications (§4). Tools that hide the numbers of a
 * recorded exchange (`mangokit listen --record --mask-numbers`) read this list; employee extensions
 * (`extension`, `acd_group`) are short internal numbers and are not in it.
 */

/** JSON field names whose string (or numeric) values are phone numbers or SIP addresses. */
export const PHONE_NUMBER_FIELDS: ReadonlySet<string> = new Set([
  // events/call, events/summary (from/to objects), dct, stats/request filters, users, lines, trunks
  'number',
  'line_number',
  // events/dtmf (§4.5): who pressed, and the call's context
  'initiator',
  'from_number',
  'to_number',
  // commands (§2): callback_group `from`/`to` are numbers or group short numbers as strings
  'from',
  'to',
  'call_party_number',
  'transfer_initiator_number',
  // config/users/request (§3.5)
  'number_normalized',
  'outgoingline',
  'mobile',
  // stats/calls (§3.2)
  'caller_number',
  'called_number',
  'call_abonent_number',
  // forwarding rules (§3.6.4)
  'client_phone_number',
  'forward_number',
]);

/** Columns of the basic statistics CSV (§3.1) that carry numbers. */
export const PHONE_NUMBER_STATS_FIELDS: ReadonlySet<string> = new Set([
  'from_number',
  'to_number',
  'line_number',
]);
