import type { CommandDetails } from '../core/command.js';
import { formatLocal, zoneLabel } from '../core/dates.js';
import { CliError, UsageError } from '../core/errors.js';
import { ExitCode } from '../core/exitCodes.js';
import { formatFields, writeJson } from '../core/output.js';
import { closest } from '../core/suggest.js';
import { type Catalogue, t } from '../i18n/index.js';
import { buildBody, SCENARIOS, SetError } from '../sandbox/scenarios.js';

/** Default address of `mangokit sandbox`. */
export const DEFAULT_SANDBOX_URL = 'http://127.0.0.1:5080/';

/** The sandbox to drive: --sandbox, MANGO_SANDBOX_URL, the origin of MANGO_BASE_URL, or the default. */
export function sandboxUrl(flag: string | undefined, env: Record<string, string | undefined>): string {
  const raw =
    flag ??
    env.MANGO_SANDBOX_URL ??
    (env.MANGO_BASE_URL ? new URL('/', env.MANGO_BASE_URL).href : DEFAULT_SANDBOX_URL);
  try {
    return new URL('/', raw).href;
  } catch {
    throw new UsageError(
      (m) => m.trigger.badUrl(raw),
      (m) => m.trigger.urlExample,
    );
  }
}

const SCENARIO_NAMES = Object.keys(SCENARIOS);

/** The invalid-request lock-out as `GET /_sandbox/state` reports it. */
interface LockoutState {
  enabled?: boolean;
  locked?: boolean;
  until?: number | null;
  window_until?: number | null;
  now?: number;
}

/** The lock-out in words: locked until when, one invalid request away, clear, or switched off. */
function lockoutText(lockout: LockoutState, now: number, m: Catalogue['trigger']): string {
  if (lockout.enabled === false) return m.lockoutOff;
  if (lockout.locked && lockout.until) {
    return m.lockedUntil(formatLocal(lockout.until), Math.max(0, Math.ceil(lockout.until - now)));
  }
  if (lockout.window_until) return m.lockoutArmed(formatLocal(lockout.window_until));
  return m.lockoutClear;
}

/** `trigger state` for a person: the state's fields, the lock-out spelled out first. */
function describeState(answer: Record<string, unknown>, m: Catalogue): string {
  const lockout = answer.lockout as LockoutState | undefined;
  if (!lockout || typeof lockout !== 'object') return formatFields(answer);
  const { lockout: _, ...rest } = answer;
  const { now: _now, ...others } = rest;
  const now = typeof answer.now === 'number' ? answer.now : Date.now() / 1000;
  return formatFields({
    [m.trigger.lockout]: lockoutText(lockout, now, m.trigger),
    // The sandbox's clock (a manual one stands still) in the user's time zone.
    [m.trigger.clockNow]: `${formatLocal(now)} (${zoneLabel(now)})`,
    ...others,
  });
}

/** `mangokit trigger`: drive a running sandbox through its control API. */
export const trigger: CommandDetails = {
  moreHelp() {
    const m = t().scenarios;
    const width = Math.max(...SCENARIO_NAMES.map((k) => k.length));
    return (
      `${m.heading}:\n` +
      Object.entries(SCENARIOS)
        .map(
          ([name, s]) =>
            `  ${name.padEnd(width)}  ${(m as Record<string, string>)[name] ?? ''}${s.example ? `\n  ${''.padEnd(width)}    ${s.example}` : ''}`,
        )
        .join('\n')
    );
  },
  positionals: [{ name: 'SCENARIO', values: SCENARIO_NAMES }],
  options: {
    set: { type: 'string', multiple: true, value: 'FIELD=VALUE', complete: 'none' },
    sandbox: { type: 'string', value: 'URL', complete: 'none' },
  },
  examples: [
    'mangokit trigger incoming --set from=79261234567',
    'mangokit trigger answer --set extension=101',
    'mangokit trigger dtmf --set entry_id=ENTRY --set digits=1',
    'mangokit trigger incoming --set policy.onRing=answer --set policy.hangupAfterSec:=30',
    'mangokit trigger fault --set path=commands/callback --set status=503',
    'mangokit trigger state --json',
  ],
  async run({ io, args, json }) {
    const name = args.requirePositional(0, 'SCENARIO');
    const scenario = SCENARIOS[name];
    if (!scenario) {
      const all = SCENARIO_NAMES.join(', ');
      const near = closest(name, SCENARIO_NAMES);
      throw new UsageError(
        (m) => m.trigger.unknownScenario(name),
        (m) => (near ? m.trigger.didYouMean(near, all) : m.trigger.scenarios(all)),
      );
    }
    const body = buildBody(args.list('set'), scenario.defaults);
    if (body instanceof SetError)
      throw new UsageError(body.text, (m) => m.trigger.example(name, scenario.example));
    let path = scenario.path;
    if (path.includes(':id')) {
      const id = body.id;
      if (id === undefined)
        throw new UsageError(
          (m) => m.trigger.needsId(name),
          (m) => m.trigger.example(name, scenario.example),
        );
      path = path.replace(':id', encodeURIComponent(String(id)));
      delete body.id;
    }
    const base = sandboxUrl(args.string('sandbox'), io.env);
    const url = new URL(`_sandbox/${path}`, base);
    let res: Response;
    try {
      res = await fetch(url, {
        method: scenario.method,
        ...(scenario.method === 'GET' || scenario.method === 'DELETE'
          ? {}
          : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
        signal: AbortSignal.any([io.signal, AbortSignal.timeout(15_000)]),
      });
    } catch (err) {
      const detail = (err as Error & { cause?: { code?: string } }).cause?.code ?? (err as Error).message;
      throw new CliError(
        (m) => m.trigger.unreachable(base, detail),
        ExitCode.Connection,
        (m) => m.trigger.startIt,
      );
    }
    const text = await res.text();
    let answer: unknown = text;
    try {
      answer = JSON.parse(text);
    } catch {
      /* not JSON: shown as text */
    }
    if (!res.ok) {
      // The sandbox words a refusal in both languages: `error`, and `error_ru` beside it.
      const refusal = (answer ?? {}) as { error?: string; error_ru?: string };
      const message = refusal.error ?? text;
      const messageRu = refusal.error_ru ?? message;
      const status = res.status;
      throw new CliError(
        (m) => m.trigger.refused(name, status, m.lang === 'ru' ? messageRu : message),
        status === 404 && !(answer as { error?: string })?.error ? ExitCode.Usage : ExitCode.ApiError,
        // A call in the wrong state; the clock's refusals say what to do themselves.
        status === 409 && !scenario.path.startsWith('clock/') ? (m) => m.trigger.notNow : undefined,
      );
    }
    if (json || typeof answer !== 'object' || answer === null) writeJson(io.stdout, answer);
    else if (name === 'state') io.stdout.write(describeState(answer as Record<string, unknown>, t()));
    else io.stdout.write(formatFields(answer as Record<string, unknown>));
    return undefined;
  },
};
