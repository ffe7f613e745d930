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
  credentials: true,
  positionals: [{ name: 'METHOD', optional: true, complete: 'none' }],
  options: {
    data: { type: 'string', short: 'd', value: 'JSON', complete: 'file' },
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
    if (dedicated)
      throw new UsageError(
        (m) => m.sdk.returnsStream(name),
        (m) => m.sdk.use(dedicated),
      );
    if (!methods.includes(name)) {
      const [resource] = name.split('.');
      const near = methods.filter((m) => m.startsWith(`${resource}.`));
      throw new UsageError(
        (m) => m.sdk.noMethod(name),
        (m) => (near.length ? m.sdk.resourceHas(resource ?? '', near.join(', ')) : m.sdk.listAll),
      );
    }
    let raw = ctx.args.string('data');
    if (raw?.startsWith('@')) {
      const file = resolve(ctx.io.cwd, raw.slice(1));
      raw = await readFile(file, 'utf8').catch((err: Error) => {
        throw new UsageError((m) => m.api.cannotRead(file, err.message));
      });
    }
    let data: unknown;
    try {
      data = raw === undefined ? undefined : JSON.parse(raw);
    } catch (err) {
      const detail = (err as Error).message;
      throw new UsageError((m) => m.api.notJson(detail));
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
