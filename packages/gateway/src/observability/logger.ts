/** Severity of a log line. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** A structured logger: one JSON object per line. */
export interface GatewayLogger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };
const SECRET_KEYS = /^(sign|apisalt|api_salt|salt|vpbx_api_salt|password|authorization|admintoken|secret)$/i;

/** Query parameters whose values are secrets (tokens, keys, signatures, passwords). */
const SECRET_PARAM =
  /^(token|access_token|refresh_token|id_token|auth|authorization|key|api_key|apikey|secret|client_secret|password|pass|passwd|pwd|sign|signature|sig|salt|credentials?|session|sessionid|code)$/i;

/**
 * A URL fit to show (metrics labels, APIs, headers, logs): its user info becomes `***`, the
 * values of secret-looking query parameters (`token`, `key`, `sig`, `password`…) become `***`,
 * and any fragment is dropped. A URL with none of these is returned unchanged, byte for byte.
 */
export function redactUrl(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return redactText(url);
  }
  let changed = false;
  if (u.username || u.password) {
    u.username = '***';
    u.password = '';
    changed = true;
  }
  for (const k of [...new Set(u.searchParams.keys())]) {
    if (SECRET_PARAM.test(k)) {
      u.searchParams.set(k, '***');
      changed = true;
    }
  }
  if (u.hash) {
    u.hash = '';
    changed = true;
  }
  return changed ? u.href : url;
}

/** Redacts URL credentials and secret query parameters wherever they appear in a text. */
function redactText(s: string): string {
  return s
    .replace(/(\/\/)[^/@\s?#]+@/g, '$1***@')
    .replace(/([?&;]([\w.-]+)=)([^&#\s"']+)/g, (all, pre: string, key: string) =>
      SECRET_PARAM.test(key) ? `${pre}***` : all,
    );
}

/** Replaces secret values (salt, sign, passwords, tokens, URL credentials) before they are written. */
export function redact(value: unknown, depth = 0): unknown {
  if (depth > 6) return '[depth]';
  if (typeof value === 'string') return redactText(value);
  if (value instanceof Error) return { name: value.name, message: redact(value.message, depth + 1) };
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value))
      out[k] = SECRET_KEYS.test(k) ? '[redacted]' : redact(v, depth + 1);
    return out;
  }
  return value;
}

/** A JSON-lines logger writing to `write` (stderr by default), dropping lines below `level`. */
export function createJsonLogger(
  level: LogLevel = 'info',
  write: (line: string) => void = (line) => process.stderr.write(line),
  base: Record<string, unknown> = {},
): GatewayLogger {
  const min = ORDER[level];
  const log = (lvl: LogLevel, msg: string, fields?: Record<string, unknown>) => {
    if (ORDER[lvl] < min) return;
    const entry = {
      time: new Date().toISOString(),
      level: lvl,
      msg,
      ...base,
      ...(fields ? (redact(fields) as object) : {}),
    };
    write(`${JSON.stringify(entry)}\n`);
  };
  return {
    debug: (m, f) => log('debug', m, f),
    info: (m, f) => log('info', m, f),
    warn: (m, f) => log('warn', m, f),
    error: (m, f) => log('error', m, f),
  };
}

/** A logger that writes nothing. */
export const silentLogger: GatewayLogger = { debug() {}, info() {}, warn() {}, error() {} };
