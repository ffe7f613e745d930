/** Log levels, most verbose first. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'off';

/** Structured fields of a log line. */
export type LogFields = Record<string, string | number | boolean | undefined>;

/** An injectable logger (console fits). Receives redacted data only. */
export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

const ORDER: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3, off: 4 };
const SIGNATURE = /\b[0-9a-f]{64}\b/gi;

/** Replaces the salt and anything shaped like a signature (64 hex digits) with `[redacted]`. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text.replace(SIGNATURE, '[redacted]');
  for (const s of secrets) if (s) out = out.split(s).join('[redacted]');
  return out;
}

/**
 * Wraps a logger: drops lines below `level` and redacts every string field
 * (reference: secrets never reach logs).
 */
export function createRedactingLogger(
  target: Partial<Logger> | undefined,
  level: LogLevel,
  secrets: readonly string[],
): Logger {
  const min = ORDER[level];
  const emit = (lvl: Exclude<LogLevel, 'off'>) => (message: string, fields?: LogFields) => {
    if (!target || ORDER[lvl] < min) return;
    const fn = target[lvl];
    if (!fn) return;
    let clean: LogFields | undefined;
    if (fields) {
      clean = {};
      for (const [k, v] of Object.entries(fields)) clean[k] = typeof v === 'string' ? redact(v, secrets) : v;
    }
    fn.call(target, redact(message, secrets), clean);
  };
  return { debug: emit('debug'), info: emit('info'), warn: emit('warn'), error: emit('error') };
}

/** Whether a level would be logged (lets the pipeline skip building debug fields). */
export function levelEnabled(configured: LogLevel, level: Exclude<LogLevel, 'off'>): boolean {
  return ORDER[level] >= ORDER[configured];
}
