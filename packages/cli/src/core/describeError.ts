import {
  MangoAbortError,
  MangoConnectionError,
  MangoError,
  MangoTimeoutError,
  MangoValidationError,
} from 'mangokit';
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
 * Maps anything a command threw to an exit code, a one-line message and what to do next.
 * API errors are recognised by name so a second copy of the SDK still maps correctly.
 */
export function describeError(err: unknown): ErrorReport {
  if (err instanceof CliError) {
    return {
      exitCode: err.exitCode,
      kind: err.name,
      message: err.message,
      ...(err.hint ? { hint: err.hint } : {}),
    };
  }
  if (err instanceof MangoAbortError || (err instanceof Error && err.name === 'AbortError')) {
    return { exitCode: ExitCode.Interrupted, kind: 'Interrupted', message: 'interrupted' };
  }
  if (err instanceof MangoTimeoutError) {
    return {
      exitCode: ExitCode.Connection,
      kind: err.name,
      message: err.message,
      hint: 'The server did not answer in time. Check the base URL and your network, then retry.',
    };
  }
  if (err instanceof MangoConnectionError) {
    return {
      exitCode: ExitCode.Connection,
      kind: err.name,
      message: err.message,
      hint: 'Check the base URL (--base-url / MANGO_BASE_URL) and that the server is running.',
    };
  }
  if (err instanceof MangoValidationError) {
    return { exitCode: ExitCode.Usage, kind: err.name, message: err.message };
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
      message: err.message,
      ...(result !== undefined ? { result } : {}),
      ...(status !== undefined ? { status } : {}),
    };
    if (auth) {
      report.hint =
        'The API rejected the credentials. Check the key and salt (ЛК → Интеграции → API коннектор). ' +
        'Note: repeated invalid requests lock the key out for 2 minutes (reference §1.3).';
    } else if (status === 429 || result === 4290 || result === 5008) {
      report.hint = 'Rate limit reached: wait a few seconds and retry.';
    } else if (result !== undefined && result >= 3100 && result < 3200) {
      report.hint = 'The PBX rejected a parameter; check the values against `--help`.';
    } else if (result !== undefined && result >= 3300 && result < 3400) {
      report.hint =
        'Something named in the request does not exist: check extensions with `mangokit users`, ' +
        'lines with `mangokit lines`, call ids with `mangokit listen`.';
    } else if (result === 4101) {
      report.hint = 'The call has already ended (or the call_id is unknown).';
    } else if (result !== undefined && result >= 2000 && result < 3000) {
      report.hint =
        'Your tariff or balance does not allow this; check `mangokit balance` and the account services.';
    } else if (result !== undefined && result >= 5000 && result < 6000) {
      report.hint = 'The PBX failed on its side; retry in a little while.';
    }
    return report;
  }
  const message = err instanceof Error ? err.message : String(err);
  return {
    exitCode: ExitCode.ApiError,
    kind: err instanceof Error ? err.name : 'Error',
    message,
    hint: 'This looks like a bug in mangokit; rerun with MANGOKIT_DEBUG=1 for a stack trace and report it.',
  };
}
