import type { CommandDetails } from '../core/command.js';
import { CliError, UsageError } from '../core/errors.js';
import { ExitCode } from '../core/exitCodes.js';
import { formatFields, writeJson } from '../core/output.js';
import { buildBody, SCENARIOS } from '../sandbox/scenarios.js';

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
    throw new UsageError(`sandbox URL "${raw}" is not a URL`, 'Example: --sandbox http://127.0.0.1:5080');
  }
}

const width = Math.max(...Object.keys(SCENARIOS).map((k) => k.length));

/** `mangokit trigger`: drive a running sandbox through its control API. */
export const trigger: CommandDetails = {
  description:
    'Sends one action to the control API of a running `mangokit sandbox` and prints its answer.\n' +
    'Fields are set with --set field=value (nested: policy.onRing=answer; raw JSON: field:=[1,2]).\n\n' +
    'Scenarios:\n' +
    Object.entries(SCENARIOS)
      .map(
        ([name, s]) =>
          `  ${name.padEnd(width)}  ${s.summary}${s.example ? `\n  ${''.padEnd(width)}    ${s.example}` : ''}`,
      )
      .join('\n'),
  positionals: [{ name: 'SCENARIO', description: 'one of the scenarios listed above' }],
  options: {
    set: {
      type: 'string',
      multiple: true,
      value: 'FIELD=VALUE',
      description: 'a field of the request (repeatable)',
    },
    sandbox: {
      type: 'string',
      value: 'URL',
      description: 'sandbox address (default MANGO_SANDBOX_URL or http://127.0.0.1:5080)',
    },
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
      throw new UsageError(`unknown scenario "${name}"`, `Scenarios: ${Object.keys(SCENARIOS).join(', ')}.`);
    }
    const body = buildBody(args.list('set'), scenario.defaults);
    if (typeof body === 'string')
      throw new UsageError(body, `Example: mangokit trigger ${name} ${scenario.example}`);
    let path = scenario.path;
    if (path.includes(':id')) {
      const id = body.id;
      if (id === undefined)
        throw new UsageError(
          `${name} needs --set id=…`,
          `Example: mangokit trigger ${name} ${scenario.example}`,
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
      throw new CliError(
        `cannot reach the sandbox at ${base}: ${(err as Error & { cause?: { code?: string } }).cause?.code ?? (err as Error).message}`,
        ExitCode.Connection,
        'Start it with `mangokit sandbox` (or pass --sandbox URL / set MANGO_SANDBOX_URL).',
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
      const message = (answer as { error?: string })?.error ?? text;
      throw new CliError(
        `sandbox refused ${name} (HTTP ${res.status}): ${message}`,
        res.status === 404 && !(answer as { error?: string })?.error ? ExitCode.Usage : ExitCode.ApiError,
        res.status === 409
          ? 'The call is not in a state that allows this; see `mangokit trigger calls`.'
          : undefined,
      );
    }
    if (json || typeof answer !== 'object' || answer === null) writeJson(io.stdout, answer);
    else io.stdout.write(formatFields(answer as Record<string, unknown>));
    return undefined;
  },
};
