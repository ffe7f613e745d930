import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { MangoClient } from 'mangokit';
import type { CommandDetails } from '../core/command.js';
import { createClient } from '../config/client.js';
import { UsageError } from '../core/errors.js';
import { writeJson, writeJsonLine } from '../core/output.js';

/** SDK methods whose only argument is the request options. */
const OPTIONS_ONLY = new Set([
  'account.balance',
  'lines.list',
  'audio.list',
  'roles.list',
  'domains.list',
  'trunks.numbers',
  'lists.state',
  'lists.numbers',
  'sips.list',
  'cc.tags',
  'cc.getStatuses',
]);

/** Methods better served by a dedicated command (they return a stream, not data). */
const DEDICATED: Readonly<Record<string, string>> = {
  'recordings.download': 'mangokit recording download ID [-o FILE]',
};

type Method = (...args: unknown[]) => unknown;

/** Every `resource.method` of a client, found on the resource prototypes (so the list never drifts). */
export function sdkMethods(client: MangoClient): string[] {
  const out: string[] = [];
  for (const [name, value] of Object.entries(client)) {
    if (name === 'pipeline' || value === null || typeof value !== 'object') continue;
    const proto = Object.getPrototypeOf(value) as object;
    if (proto === Object.prototype) continue;
    for (const m of Object.getOwnPropertyNames(proto)) {
      if (m !== 'constructor' && typeof (proto as Record<string, unknown>)[m] === 'function')
        out.push(`${name}.${m}`);
    }
  }
  return out.sort();
}

function isAsyncIterable(v: unknown): v is AsyncIterable<unknown> {
  return v !== null && typeof v === 'object' && Symbol.asyncIterator in v;
}

/** `mangokit sdk`: calls any SDK method by name with JSON arguments. */
export const sdk: CommandDetails = {
  description:
    'Every method of the mangokit SDK client, with its validation, rate limiting, retries and\n' +
    'polling: `mangokit sdk` alone lists them. --data is the parameters object (or a JSON array of\n' +
    'positional arguments, e.g. \'["<recording id>"]\'); @FILE reads a file. Results print as JSON;\n' +
    'streamed results (stats.history, stats.calls) print one JSON object per line.',
  credentials: true,
  positionals: [
    { name: 'METHOD', description: 'resource.method, e.g. members.create or stats.calls', optional: true },
  ],
  options: {
    data: {
      type: 'string',
      short: 'd',
      value: 'JSON',
      description: "parameters: '{…}', '[…]' (positional) or @file.json",
    },
  },
  examples: [
    'mangokit sdk',
    'mangokit sdk audio.list',
    'mangokit sdk members.create --data \'{"name":"Olga","extension":"150","access_role_id":1}\'',
    'mangokit sdk stats.calls --data \'{"start_date":1793480400,"end_date":1794085199,"context_type":1}\'',
    'mangokit sdk recordings.transcripts --data \'[["MToxMDA2NzI6MTA0OjEwMjM6MA=="]]\'',
  ],
  async run(ctx) {
    const { client, options } = await createClient(ctx);
    const name = ctx.args.positional(0);
    const methods = sdkMethods(client);
    if (!name) {
      if (ctx.json) writeJson(ctx.io.stdout, { methods });
      else ctx.io.stdout.write(`${methods.join('\n')}\n`);
      return undefined;
    }
    const dedicated = DEDICATED[name];
    if (dedicated) throw new UsageError(`${name} returns a stream`, `Use \`${dedicated}\`.`);
    if (!methods.includes(name)) {
      const [resource] = name.split('.');
      const near = methods.filter((m) => m.startsWith(`${resource}.`));
      throw new UsageError(
        `no SDK method "${name}"`,
        near.length ? `${resource} has: ${near.join(', ')}.` : 'Run `mangokit sdk` to list every method.',
      );
    }
    let raw = ctx.args.string('data');
    if (raw?.startsWith('@')) {
      const file = resolve(ctx.io.cwd, raw.slice(1));
      raw = await readFile(file, 'utf8').catch((err: Error) => {
        throw new UsageError(`cannot read ${file}: ${err.message}`);
      });
    }
    let data: unknown;
    try {
      data = raw === undefined ? undefined : JSON.parse(raw);
    } catch (err) {
      throw new UsageError(`--data is not valid JSON: ${(err as Error).message}`);
    }
    const [resource, method] = name.split('.') as [string, string];
    const target = (client as unknown as Record<string, Record<string, Method>>)[resource] as Record<
      string,
      Method
    >;
    const fn = (target[method] as Method).bind(target);
    const args = OPTIONS_ONLY.has(name)
      ? [options]
      : Array.isArray(data)
        ? [...data, options]
        : data === undefined
          ? [{}, options]
          : [data, options];
    const result = await fn(...args);
    if (isAsyncIterable(result)) {
      for await (const item of result) writeJsonLine(ctx.io.stdout, item);
    } else if (typeof result === 'string') ctx.io.stdout.write(`${result}\n`);
    else writeJson(ctx.io.stdout, result ?? null);
    return undefined;
  },
};
