/**
 * mangokit/protocol — the vendor's wire facts for tools (the sandbox, the gateway, the CLI,
 * replay and test tooling): signing, envelope and form parsing, event names and path helpers,
 * the result-code table and its named constants, the rate table, stats CSV parsing, and the
 * language rule the tools share.
 * Each fact lives here once; everything else imports it. An integration needs `mangokit`.
 *
 * This list is the public surface: `test/package/surface.test.ts` pins it.
 */

// Signing (reference §1.2, §3.3.2): credentials first in every helper.
export {
  type ApiCredentials,
  createEnvelope,
  encodeEnvelope,
  REDACTED_SIGN_PREFIX,
  redactSign,
  type SignedEnvelope,
  signaturesEqual,
  signJson,
  signRecordingLink,
} from './core/signing.js';
export { signNotification } from './events/verify.js';

// Envelope and form parsing (reference §1.2: urlencoded and multipart).
export { MalformedFormError, MultipartError } from './form/errors.js';
export { type FormKind, formKind, parseEnvelopeForm, type ReceivedForm } from './form/envelope.js';
export {
  type MultipartPart,
  multipartBoundary,
  parseMultipart,
  parseMultipartParts,
} from './form/multipart.js';
export type { EnvelopeFields, FormParseOptions } from './form/options.js';
export { parseUrlencoded } from './form/urlencoded.js';

// Notifications: names, paths, and parsing from an already-read JSON value.
export { EVENT_NAMES } from './events/names.js';
export {
  canonicalNotificationPath,
  eventFromJson,
  isNotificationPath,
  normalisePath,
} from './events/parse.js';
export { notificationIdentity } from './webhooks/identity.js';

// Request bodies read up to a limit, stopping at once past it (servers answering 413).
export { readRequestBody } from './webhooks/body.js';

// Methods: one parameter table with a row per vendor method (reference §2, §3), checked as the PBX
// checks it; the vendor's rate table (reference §1.3); value formats and lists of parameters.
export { checkCommand, checkMethod, checkParams, type Loose, type ParamCheck } from './methods/check.js';
export {
  COMMAND_NAMES,
  COMMAND_SPECS,
  type CommandInput,
  type CommandName,
  type CommandParams,
  type CommandPath,
} from './methods/commands.js';
export { SMS_MAX_SEGMENTS, SMS_SEGMENT_SIZE, type SmsTextSize, smsTextSize } from './methods/sms.js';
export { FORMATS, type FormatName, type ValueFormat } from './methods/formats.js';
export type {
  ItemSpec,
  MethodSpec,
  ParamRule,
  ParamSpec,
  ParamsOf,
  ParamTable,
  Requiredness,
} from './methods/spec.js';
export {
  METHOD_PATHS,
  METHOD_SPECS,
  type MethodInput,
  type MethodParams,
  type MethodPath,
  methodPathOf,
  requestPathOf,
} from './methods/table.js';
export {
  DEFAULT_RATE,
  METHOD_RATES,
  type Rate,
  type RateTable,
  SHARED_RATE_BUCKETS,
  vendorRateFor,
} from './methods/rates.js';
export { SCHEDULE_ITEM_TYPES, type ScheduleItemType } from './methods/values.js';
export { PHONE_NUMBER_FIELDS, PHONE_NUMBER_STATS_FIELDS } from './methods/numbers.js';

// Codes (reference §5, §6): the tables and the named constants.
export { DISCONNECT_REASONS, describeDisconnectReason } from './codes/disconnectReasons.js';
export {
  describeResultCode,
  isSuccessCode,
  RESULT,
  RESULT_CODES,
  type ResultCodeConstants,
  type ResultCodeName,
  resultCodeClass,
} from './codes/resultCodes.js';
export type { ResultCodeRow } from './codes/resultCodeTable.js';

// The language a tool speaks to people, from `--lang` / `MANGOKIT_LANG` / the locale.
export { LANGUAGES, type Language, languageFromEnv, parseLang } from './core/language.js';

// Basic statistics CSV (reference §3.1).
export { parseStatsCsv, parseStatsStream, StatsCsvParser } from './stats/csvParser.js';
export { DEFAULT_STATS_FIELDS, STATS_FIELDS } from './stats/fields.js';
