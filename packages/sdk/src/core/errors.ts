import { describeResultCode } from '../codes/resultCodes.js';

/**
 * The error hierarchy of the toolkit. Everything thrown by the SDK is a `MangoError`.
 * Messages never contain the API salt or a signature.
 */
export class MangoError extends Error {
  override name = 'MangoError';
}

/** Input rejected before anything was sent (bad parameters, bad options). */
export class MangoValidationError extends MangoError {
  override name = 'MangoValidationError';
}

/** The network failed: DNS, refused connection, reset socket, unreadable answer. */
export class MangoConnectionError extends MangoError {
  override name = 'MangoConnectionError';
}

/** The request did not finish within its deadline. */
export class MangoTimeoutError extends MangoError {
  override name = 'MangoTimeoutError';
}

/** A notification failed verification. `reason` tells which check failed. */
export class MangoSignatureError extends MangoError {
  override name = 'MangoSignatureError';
  constructor(
    message: string,
    readonly reason: 'missing_field' | 'wrong_key' | 'bad_signature' | 'parsed_object' | 'malformed',
  ) {
    super(message);
  }
}

/** The caller's AbortSignal fired before the request finished. */
export class MangoAbortError extends MangoError {
  override name = 'MangoAbortError';
}

/** What the API answered, as read by the client; input of `createApiError`. */
export interface MangoApiErrorInit {
  /** HTTP status of the answer. */
  status: number;
  /** Vendor result code (`result`, or `code` in the 2017 format), when the body had one. */
  result?: number | undefined;
  /** Per-parameter result codes (`fields`), when the body had them. */
  fields?: Readonly<Record<string, number>> | undefined;
  /** API path that failed, e.g. `commands/callback`. */
  path: string;
  /** The vendor's `description`/`message`, when given. */
  description?: string | undefined;
  /** Wait the server asked for (Retry-After), in milliseconds. */
  retryAfterMs?: number | undefined;
}

/**
 * The API answered with an error: a non-success result code or an HTTP error status.
 * `message` comes from the result-code table (reference §5), never from secrets.
 */
export class MangoApiError extends MangoError {
  override name = 'MangoApiError';
  /** Vendor result code; `undefined` when the answer carried none (e.g. a bare 401). */
  readonly result: number | undefined;
  /** HTTP status. */
  readonly status: number;
  /** Per-parameter result codes, e.g. `{ member_id: 3300 }`. */
  readonly fields: Readonly<Record<string, number>>;
  /** API path that failed. */
  readonly path: string;
  /** Russian text of the result code. */
  readonly messageRu: string | undefined;
  /** Wait the server asked for (Retry-After), in milliseconds. */
  readonly retryAfterMs: number | undefined;
  /** The vendor's own `description`/`message` text, when the answer had one. */
  readonly description: string | undefined;
  constructor(message: string, init: MangoApiErrorInit, messageRu?: string) {
    super(message);
    this.description = init.description;
    this.result = init.result;
    this.status = init.status;
    this.fields = init.fields ?? {};
    this.path = init.path;
    this.messageRu = messageRu;
    this.retryAfterMs = init.retryAfterMs;
  }
}

/** Bad key or signature (3102, 3105, HTTP 401). Never retried: the vendor locks keys out (§1.3). */
export class MangoAuthError extends MangoApiError {
  override name = 'MangoAuthError';
}

/** The request was rejected as invalid (3xxx other than 33xx and the auth codes). */
export class MangoInvalidRequestError extends MangoApiError {
  override name = 'MangoInvalidRequestError';
}

/** The object does not exist (33xx, 4101, HTTP 404). */
export class MangoNotFoundError extends MangoApiError {
  override name = 'MangoNotFoundError';
}

/** Billing forbids the action (2xxx). */
export class MangoBillingError extends MangoApiError {
  override name = 'MangoBillingError';
}

/** Too many requests (HTTP 429, code 4290). */
export class MangoRateLimitError extends MangoApiError {
  override name = 'MangoRateLimitError';
}

/** The action is impossible now (4xxx), e.g. the call already ended. */
export class MangoActionError extends MangoApiError {
  override name = 'MangoActionError';
}

/** The vendor's side failed (5xxx, HTTP 5xx). */
export class MangoServerError extends MangoApiError {
  override name = 'MangoServerError';
}

type ApiErrorClass = new (message: string, init: MangoApiErrorInit, messageRu?: string) => MangoApiError;

function classFor(status: number, result: number | undefined): ApiErrorClass {
  if (status === 429 || result === 4290) return MangoRateLimitError;
  if (result === 3102 || result === 3105 || status === 401 || status === 403) return MangoAuthError;
  if (result !== undefined && result >= 2000 && result < 7000) {
    if (result < 3000) return MangoBillingError;
    if ((result >= 3300 && result < 3400) || result === 4101) return MangoNotFoundError;
    if (result < 4000) return MangoInvalidRequestError;
    if (result < 5000) return MangoActionError;
    if (result < 6000) return MangoServerError;
    return MangoActionError;
  }
  if (status === 404) return MangoNotFoundError;
  if (status >= 500) return MangoServerError;
  return MangoInvalidRequestError;
}

/** The one factory of API errors: picks the class by result code and HTTP status (reference §1.3, §5). */
export function createApiError(init: MangoApiErrorInit): MangoApiError {
  const Cls = classFor(init.status, init.result);
  let text: string;
  let ru: string | undefined;
  if (init.result !== undefined && init.result !== 0) {
    const d = describeResultCode(init.result);
    text = `${init.result}: ${d.en}`;
    ru = d.ru;
  } else if (init.status === 429) {
    text = 'rate limit exceeded';
  } else if (init.status === 401) {
    text = 'unauthorised: wrong vpbx_api_key or sign, or the key is locked out after invalid requests';
  } else if (init.status === 404) {
    text = 'not found (unknown path, or the stats key expired)';
  } else {
    text = `HTTP ${init.status}`;
  }
  const fieldCodes = init.fields ? Object.entries(init.fields) : [];
  const fieldText = fieldCodes.length
    ? ` [${fieldCodes.map(([k, v]) => `${k}: ${v} ${describeResultCode(v).en}`).join('; ')}]`
    : '';
  return new Cls(`${text}${fieldText} (${init.path}, HTTP ${init.status})`, init, ru);
}
