/**
 * The gateway's command line, once: every option with its environment fallbacks and its help in
 * English and Russian, and how the values become `GatewayOptions`. `mangokit-gateway` (bin.ts)
 * and `mangokit gateway` (the CLI) both read this table, so they take the same flags and variables.
 * This module imports nothing heavy: the CLI loads it for help and completion without the
 * database drivers.
 */
import type { ConsumerOptions } from './delivery/forwarder.js';
import type { GatewayOptions } from './gateway.js';
import type { LogLevel } from './observability/logger.js';
import type { PostgresTuning } from './store/postgresStore.js';

/** A human text in both languages the tools speak. */
export interface GatewayText {
  en: string;
  ru: string;
}

/** One option of the gateway's command line. */
export interface GatewayCliOption {
  type: 'string' | 'boolean';
  short?: string;
  /** May be given several times. */
  multiple?: boolean;
  /** Placeholder in help (`--port N`). */
  value?: string;
  /** Environment variables read when the flag is absent, first set wins. */
  env?: readonly string[];
  /** The accepted values (shells complete them). */
  values?: readonly string[];
  /** How a shell completes the value (default: nothing to offer). */
  complete?: 'file' | 'dir' | 'none';
  /** The API credentials: the CLI has its own (flags, profiles, .env), so it leaves these out. */
  credential?: boolean;
  text: GatewayText;
}

const LOG_LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error'];

/** Every option of `mangokit-gateway` and `mangokit gateway`, in help order. */
export const GATEWAY_CLI_OPTIONS = {
  port: {
    type: 'string',
    short: 'p',
    value: 'N',
    env: ['PORT'],
    text: {
      en: 'port (default 8080; 0 = any free port); env PORT',
      ru: 'порт (по умолчанию 8080; 0 — любой свободный); переменная PORT',
    },
  },
  host: {
    type: 'string',
    value: 'ADDR',
    env: ['HOST'],
    values: ['127.0.0.1', '0.0.0.0'],
    text: {
      en: 'interface to bind (default 127.0.0.1; any other address needs --admin-token); env HOST',
      ru: 'интерфейс (по умолчанию 127.0.0.1; любой другой адрес — только с --admin-token); переменная HOST',
    },
  },
  'data-dir': {
    type: 'string',
    value: 'DIR',
    env: ['GATEWAY_DATA_DIR'],
    complete: 'dir',
    text: {
      en: 'SQLite data directory (default ./mangokit-gateway-data); env GATEWAY_DATA_DIR',
      ru: 'каталог данных SQLite (по умолчанию ./mangokit-gateway-data); переменная GATEWAY_DATA_DIR',
    },
  },
  'database-url': {
    type: 'string',
    value: 'URL',
    env: ['DATABASE_URL'],
    text: {
      en: 'PostgreSQL URL instead of SQLite (several gateways may share it); env DATABASE_URL',
      ru: 'адрес PostgreSQL вместо SQLite (одну базу могут делить несколько шлюзов); переменная DATABASE_URL',
    },
  },
  'store-timeout-ms': {
    type: 'string',
    value: 'MS',
    env: ['GATEWAY_STORE_TIMEOUT_MS'],
    text: {
      en: 'longest wait for a commit before a notification is answered 503, ms (default 3000); env GATEWAY_STORE_TIMEOUT_MS',
      ru: 'сколько ждать записи в хранилище, прежде чем ответить на уведомление 503, мс (по умолчанию 3000); переменная GATEWAY_STORE_TIMEOUT_MS',
    },
  },
  'pg-connect-timeout-ms': {
    type: 'string',
    value: 'MS',
    env: ['GATEWAY_PG_CONNECT_TIMEOUT_MS'],
    text: {
      en: 'PostgreSQL: longest wait for a connection, ms (default 2000); env GATEWAY_PG_CONNECT_TIMEOUT_MS',
      ru: 'PostgreSQL: сколько ждать соединения, мс (по умолчанию 2000); переменная GATEWAY_PG_CONNECT_TIMEOUT_MS',
    },
  },
  'pg-statement-timeout-ms': {
    type: 'string',
    value: 'MS',
    env: ['GATEWAY_PG_STATEMENT_TIMEOUT_MS'],
    text: {
      en: 'PostgreSQL statement_timeout, ms (default 10000; a silent server is given up on 2 s later); env GATEWAY_PG_STATEMENT_TIMEOUT_MS',
      ru: 'PostgreSQL statement_timeout, мс (по умолчанию 10000; молчащий сервер бросаем через 2 с после него); переменная GATEWAY_PG_STATEMENT_TIMEOUT_MS',
    },
  },
  'pg-idle-timeout-ms': {
    type: 'string',
    value: 'MS',
    env: ['GATEWAY_PG_IDLE_TIMEOUT_MS'],
    text: {
      en: 'PostgreSQL: idle pooled connections are closed after this long, ms (default 10000); env GATEWAY_PG_IDLE_TIMEOUT_MS',
      ru: 'PostgreSQL: через сколько закрывать простаивающие соединения пула, мс (по умолчанию 10000); переменная GATEWAY_PG_IDLE_TIMEOUT_MS',
    },
  },
  'pg-pool-size': {
    type: 'string',
    value: 'N',
    env: ['GATEWAY_PG_POOL_SIZE'],
    text: {
      en: 'PostgreSQL connections per gateway (default 8); env GATEWAY_PG_POOL_SIZE',
      ru: 'соединений с PostgreSQL на один шлюз (по умолчанию 8); переменная GATEWAY_PG_POOL_SIZE',
    },
  },
  'base-path': {
    type: 'string',
    value: 'PATH',
    text: {
      en: 'path prefix the PBX posts under (default /)',
      ru: 'префикс пути, под которым ВАТС присылает уведомления (по умолчанию /)',
    },
  },
  'forward-to': {
    type: 'string',
    multiple: true,
    value: 'URL',
    text: {
      en: 'forward each event to URL (repeatable)',
      ru: 'пересылать каждое событие на URL (можно несколько раз)',
    },
  },
  consumer: {
    type: 'string',
    multiple: true,
    value: 'URL',
    text: { en: 'the same as --forward-to', ru: 'то же, что --forward-to' },
  },
  'max-attempts': {
    type: 'string',
    value: 'N',
    text: {
      en: 'delivery attempts before an event becomes a dead letter (default 10)',
      ru: 'попыток доставки, после которых событие откладывается как недоставленное (по умолчанию 10)',
    },
  },
  'retry-backoff-ms': {
    type: 'string',
    value: 'MS',
    text: {
      en: 'first retry delay of a delivery, ms (default 1000)',
      ru: 'первая пауза перед повтором доставки, мс (по умолчанию 1000)',
    },
  },
  'archive-dir': {
    type: 'string',
    value: 'DIR',
    complete: 'dir',
    text: {
      en: 'archive ready recordings into DIR',
      ru: 'складывать готовые записи разговоров в каталог DIR',
    },
  },
  'archive-allow-host': {
    type: 'string',
    multiple: true,
    value: 'HOST',
    text: {
      en: "a host recording downloads may be redirected to, besides the API's and files.mango-office.ru (repeatable)",
      ru: 'хост, на который может перенаправить скачивание записи, кроме хоста API и files.mango-office.ru (можно несколько раз)',
    },
  },
  'api-base-url': {
    type: 'string',
    value: 'URL',
    env: ['MANGO_BASE_URL'],
    text: {
      en: 'API base URL for recording downloads (default: the real Mango API); env MANGO_BASE_URL',
      ru: 'адрес API для скачивания записей (по умолчанию — настоящий API MANGO OFFICE); переменная MANGO_BASE_URL',
    },
  },
  'admin-token': {
    type: 'string',
    value: 'TOKEN',
    env: ['MANGOKIT_GATEWAY_TOKEN', 'GATEWAY_ADMIN_TOKEN'],
    text: {
      en: 'bearer token for the REST, SSE and metrics endpoints, required off loopback (e.g. openssl rand -hex 24); env MANGOKIT_GATEWAY_TOKEN or GATEWAY_ADMIN_TOKEN',
      ru: 'токен (Bearer) для REST, SSE и метрик, обязателен не на loopback (например, openssl rand -hex 24); переменная MANGOKIT_GATEWAY_TOKEN или GATEWAY_ADMIN_TOKEN',
    },
  },
  'max-streams': {
    type: 'string',
    value: 'N',
    text: {
      en: 'open /stream connections before new ones are answered 503 (default 1000)',
      ru: 'сколько соединений /stream держать, прежде чем отвечать новым 503 (по умолчанию 1000)',
    },
  },
  'sqlite-sync': {
    type: 'string',
    value: 'MODE',
    values: ['FULL', 'NORMAL'],
    text: {
      en: 'SQLite durability: FULL (default, survives power loss) or NORMAL',
      ru: 'надёжность SQLite: FULL (по умолчанию, переживает отключение питания) или NORMAL',
    },
  },
  'instance-id': {
    type: 'string',
    value: 'NAME',
    env: ['GATEWAY_INSTANCE_ID'],
    text: {
      en: 'stable name of this instance in leases and logs; env GATEWAY_INSTANCE_ID',
      ru: 'постоянное имя этого экземпляра в арендах и журналах; переменная GATEWAY_INSTANCE_ID',
    },
  },
  'log-level': {
    type: 'string',
    value: 'LEVEL',
    values: LOG_LEVELS,
    text: {
      en: 'debug, info (default), warn or error',
      ru: 'debug, info (по умолчанию), warn или error',
    },
  },
  'api-key': {
    type: 'string',
    value: 'KEY',
    env: ['MANGO_API_KEY'],
    credential: true,
    text: {
      en: 'API key (vpbx_api_key); env MANGO_API_KEY',
      ru: 'ключ API (vpbx_api_key); переменная MANGO_API_KEY',
    },
  },
  'api-salt': {
    type: 'string',
    value: 'SALT',
    env: ['MANGO_API_SALT'],
    credential: true,
    text: {
      en: 'API salt (signing secret); env MANGO_API_SALT',
      ru: 'ключ для создания подписи (соль); переменная MANGO_API_SALT',
    },
  },
} as const satisfies Record<string, GatewayCliOption>;

/** The name of a gateway option. */
export type GatewayOptionName = keyof typeof GATEWAY_CLI_OPTIONS;

/** Human texts of the gateway's command line beyond its options. */
export const GATEWAY_CLI_TEXT = {
  usage: {
    en: 'mangokit-gateway — a durable MANGO OFFICE webhook receiver (the same as `mangokit gateway`)',
    ru: 'mangokit-gateway — надёжный приёмник уведомлений MANGO OFFICE (то же, что `mangokit gateway`)',
  },
  options: { en: 'Options', ru: 'Параметры' },
  listening: { en: 'listening', ru: 'слушает' },
  wholeNumber: { en: 'must be a whole number', ru: 'должен быть целым числом' },
  oneOf: { en: 'must be one of', ru: 'должен быть одним из' },
  notUrl: { en: 'is not a URL', ru: 'не похож на URL' },
} as const satisfies Record<string, GatewayText>;

/** A value on the gateway's command line (or in its environment) that cannot be used. */
export class GatewayCliError extends Error {
  override name = 'GatewayCliError';
  constructor(
    readonly option: string,
    readonly text: GatewayText,
  ) {
    super(text.en);
  }
}

/** Parsed values as `node:util` parseArgs returns them. */
export type GatewayCliValues = Partial<Record<GatewayOptionName, string | boolean | (string | boolean)[]>>;

/** The value of an option: the flag, else the first environment variable set. */
export function optionValue(
  values: GatewayCliValues,
  env: Readonly<Record<string, string | undefined>>,
  name: GatewayOptionName,
): string | undefined {
  const v = values[name];
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return v.length ? String(v[v.length - 1]) : undefined;
  const spec: GatewayCliOption = GATEWAY_CLI_OPTIONS[name];
  for (const variable of spec.env ?? []) {
    const fromEnv = env[variable];
    if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  }
  return undefined;
}

function integer(name: string, text: string | undefined, min: number, max: number): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text.trim()) || Number(text) < min || Number(text) > max) {
    throw new GatewayCliError(name, {
      en: `--${name} ${GATEWAY_CLI_TEXT.wholeNumber.en} ${min}..${max}, got "${text}"`,
      ru: `--${name} ${GATEWAY_CLI_TEXT.wholeNumber.ru} ${min}..${max}, а не «${text}»`,
    });
  }
  return Number(text);
}

function oneOf<T extends string>(
  name: string,
  text: string | undefined,
  allowed: readonly T[],
): T | undefined {
  if (text === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(text)) {
    throw new GatewayCliError(name, {
      en: `--${name} ${GATEWAY_CLI_TEXT.oneOf.en} ${allowed.join(', ')}`,
      ru: `--${name} ${GATEWAY_CLI_TEXT.oneOf.ru}: ${allowed.join(', ')}`,
    });
  }
  return text as T;
}

/**
 * Turns the command line and environment into `GatewayOptions` (all but the credentials, which
 * each program resolves its own way). Throws `GatewayCliError` for a value that cannot be used.
 */
export function gatewayOptionsFrom(
  values: GatewayCliValues,
  env: Readonly<Record<string, string | undefined>>,
): Omit<GatewayOptions, 'apiKey' | 'apiSalt'> {
  const get = (name: GatewayOptionName) => optionValue(values, env, name);
  const list = (name: GatewayOptionName) => {
    const v = values[name];
    return (Array.isArray(v) ? v : typeof v === 'string' ? [v] : []).map(String);
  };
  const port = integer('port', get('port'), 0, 65535) ?? 8080;
  const maxAttempts = integer('max-attempts', get('max-attempts'), 1, 1_000_000);
  const maxStreams = integer('max-streams', get('max-streams'), 1, 1_000_000);
  const backoffMs = integer('retry-backoff-ms', get('retry-backoff-ms'), 0, 86_400_000);
  const storeTimeoutMs = integer('store-timeout-ms', get('store-timeout-ms'), 1, 3_600_000);
  const postgres: PostgresTuning = {};
  const connectTimeoutMs = integer('pg-connect-timeout-ms', get('pg-connect-timeout-ms'), 1, 3_600_000);
  if (connectTimeoutMs !== undefined) postgres.connectTimeoutMs = connectTimeoutMs;
  const statementTimeoutMs = integer(
    'pg-statement-timeout-ms',
    get('pg-statement-timeout-ms'),
    1,
    86_400_000,
  );
  if (statementTimeoutMs !== undefined) postgres.statementTimeoutMs = statementTimeoutMs;
  const idleTimeoutMs = integer('pg-idle-timeout-ms', get('pg-idle-timeout-ms'), 1, 86_400_000);
  if (idleTimeoutMs !== undefined) postgres.idleTimeoutMs = idleTimeoutMs;
  const poolSize = integer('pg-pool-size', get('pg-pool-size'), 1, 1_000);
  if (poolSize !== undefined) postgres.poolSize = poolSize;
  const urls = [...list('forward-to'), ...list('consumer')];
  for (const url of urls) {
    try {
      new URL(url);
    } catch {
      throw new GatewayCliError('forward-to', {
        en: `--forward-to "${url}" ${GATEWAY_CLI_TEXT.notUrl.en}`,
        ru: `--forward-to «${url}» ${GATEWAY_CLI_TEXT.notUrl.ru}`,
      });
    }
  }
  const consumers: ConsumerOptions[] = urls.map((url) => ({
    url,
    ...(maxAttempts !== undefined ? { maxAttempts } : {}),
    ...(backoffMs !== undefined ? { backoffMs } : {}),
  }));
  const sync = oneOf('sqlite-sync', get('sqlite-sync')?.toUpperCase(), ['FULL', 'NORMAL'] as const);
  const logger = oneOf('log-level', get('log-level'), LOG_LEVELS) ?? 'info';
  const archiveDir = get('archive-dir');
  const allowHosts = list('archive-allow-host');
  const apiBaseUrl = get('api-base-url');
  const host = get('host');
  const dataDir = get('data-dir');
  const databaseUrl = get('database-url');
  const basePath = get('base-path');
  const adminToken = get('admin-token');
  const instanceId = get('instance-id');
  return {
    port,
    ...(host ? { host } : {}),
    ...(databaseUrl ? { databaseUrl } : { dataDir: dataDir ?? './mangokit-gateway-data' }),
    ...(databaseUrl && Object.keys(postgres).length > 0 ? { postgres } : {}),
    ...(storeTimeoutMs !== undefined ? { storeTimeoutMs } : {}),
    ...(basePath ? { basePath } : {}),
    ...(consumers.length ? { consumers } : {}),
    ...(archiveDir
      ? {
          archive: {
            dir: archiveDir,
            ...(apiBaseUrl ? { baseUrl: apiBaseUrl } : {}),
            ...(allowHosts.length ? { allowHosts } : {}),
          },
        }
      : {}),
    ...(adminToken ? { adminToken } : {}),
    ...(maxStreams !== undefined ? { maxStreams } : {}),
    ...(sync ? { sqliteSynchronous: sync } : {}),
    ...(instanceId ? { instanceId } : {}),
    logger,
  };
}

/** The options block of `--help` in one language: `  -p, --port N  port (default 8080; …)`. */
export function gatewayOptionsHelp(
  lang: 'en' | 'ru',
  include: (spec: GatewayCliOption) => boolean = () => true,
): string {
  const entries = Object.entries(GATEWAY_CLI_OPTIONS as Record<string, GatewayCliOption>).filter(([, spec]) =>
    include(spec),
  );
  const labels = entries.map(
    ([name, spec]) =>
      `${spec.short ? `-${spec.short}, ` : '    '}--${name}${spec.type === 'string' ? ` ${spec.value ?? 'VALUE'}` : ''}${spec.multiple ? ' …' : ''}`,
  );
  const width = Math.max(...labels.map((l) => l.length));
  return entries.map(([, spec], i) => `  ${(labels[i] ?? '').padEnd(width)}  ${spec.text[lang]}`).join('\n');
}
