import {
  MangoAbortError,
  MangoConnectionError,
  MangoError,
  MangoTimeoutError,
  MangoValidationError,
} from 'mangokit';
import { describeResultCode } from 'mangokit/protocol';
import { type Catalogue, render } from '../i18n/index.js';
import { formatLocal, zoneLabel } from './dates.js';
import { CliError } from './errors.js';
import { ExitCode, type ExitCodeValue } from './exitCodes.js';

/** What the CLI prints for a failure, and the exit code. */
export interface ErrorReport {
  exitCode: ExitCodeValue;
  kind: string;
  message: string;
  hint?: string;
  /** Vendor result code (API errors). */
  result?: number;
  /** HTTP status (API errors). */
  status?: number;
}

/** Result codes of rejected credentials (reference §5, 3102 bad sign, 3105 bad key). */
const AUTH_RESULTS = new Set([3102, 3105]);

function numberField(err: object, name: string): number | undefined {
  const v = (err as Record<string, unknown>)[name];
  return typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : undefined;
}

/**
 * An API error's message in the language of `m`: the code with the vendor's text for it
 * (`messageRu` in Russian), the per-field codes, the path and HTTP status.
 */
function apiMessage(
  err: Error,
  m: Catalogue,
  result: number | undefined,
  status: number | undefined,
): string {
  if (m.lang === 'en') return err.message;
  const e = err as Error & { messageRu?: unknown; fields?: unknown; path?: unknown };
  const path = typeof e.path === 'string' ? e.path : undefined;
  const where = path !== undefined && status !== undefined ? ` (${path}, HTTP ${status})` : '';
  const fields =
    e.fields && typeof e.fields === 'object' ? Object.entries(e.fields as Record<string, unknown>) : [];
  const fieldText = fields.length
    ? ` [${fields.map(([k, v]) => `${k}: ${String(v)} ${describeResultCode(Number(v)).ru}`).join('; ')}]`
    : '';
  if (result !== undefined && result !== 0) {
    const text = typeof e.messageRu === 'string' ? e.messageRu : describeResultCode(result).ru;
    return `${result}: ${text}${fieldText}${where}`;
  }
  const byStatus =
    status === 401
      ? m.errors.status401
      : status === 404
        ? m.errors.status404
        : status === 429
          ? m.errors.status429
          : undefined;
  return byStatus ? `${byStatus}${fieldText}${where}` : err.message;
}

/** What is known about a failure beyond the error itself. */
export interface ErrorContext {
  /** The sandbox behind the base URL has locked the key out until then (Unix seconds). */
  lockedUntil?: number;
}

/**
 * Maps anything a command threw to an exit code, a one-line message and what to do next, in the
 * language of `m`. API errors are recognised by name so a second copy of the SDK still maps correctly.
 */
export function describeError(err: unknown, m: Catalogue, context: ErrorContext = {}): ErrorReport {
  if (err instanceof CliError) {
    return {
      exitCode: err.exitCode,
      kind: err.name,
      message: render(err.text, m),
      ...(err.hint ? { hint: render(err.hint, m) } : {}),
    };
  }
  if (err instanceof MangoAbortError || (err instanceof Error && err.name === 'AbortError')) {
    return { exitCode: ExitCode.Interrupted, kind: 'Interrupted', message: m.usage.interrupted };
  }
  if (err instanceof MangoTimeoutError) {
    return {
      exitCode: ExitCode.Connection,
      kind: err.name,
      message: m.errors.sdkMessage(err.message),
      hint: m.errors.timeout,
    };
  }
  if (err instanceof MangoConnectionError) {
    return {
      exitCode: ExitCode.Connection,
      kind: err.name,
      message: m.errors.sdkMessage(err.message),
      hint: m.errors.connection,
    };
  }
  if (err instanceof MangoValidationError) {
    return { exitCode: ExitCode.Usage, kind: err.name, message: m.errors.sdkMessage(err.message) };
  }
  if (
    err instanceof Error &&
    (err.name === 'MangoApiError' || err.name.endsWith('ApiError') || err instanceof MangoError)
  ) {
    const result = numberField(err, 'result');
    const status = numberField(err, 'status');
    const auth = status === 401 || (result !== undefined && AUTH_RESULTS.has(result));
    const report: ErrorReport = {
      exitCode: auth ? ExitCode.Config : ExitCode.ApiError,
      kind: err.name,
      message: apiMessage(err, m, result, status),
      ...(result !== undefined ? { result } : {}),
      ...(status !== undefined ? { status } : {}),
    };
    if (auth && context.lockedUntil !== undefined)
      report.hint = m.errors.sandboxLocked(formatLocal(context.lockedUntil), zoneLabel(context.lockedUntil));
    else if (auth) report.hint = m.errors.auth;
    else if (status === 429 || result === 4290 || result === 5008) report.hint = m.errors.rateLimit;
    else if (result !== undefined && result >= 3100 && result < 3200) report.hint = m.errors.badParameter;
    else if (result !== undefined && result >= 3300 && result < 3400) report.hint = m.errors.notFound;
    else if (result === 4101) report.hint = m.errors.callEnded;
    else if (result !== undefined && result >= 2000 && result < 3000) report.hint = m.errors.billing;
    else if (result !== undefined && result >= 5000 && result < 6000) report.hint = m.errors.server;
    return report;
  }
  const message = err instanceof Error ? err.message : String(err);
  return {
    exitCode: ExitCode.ApiError,
    kind: err instanceof Error ? err.name : 'Error',
    message,
    hint: m.errors.bug,
  };
}
