import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { CommandDetails } from '../core/command.js';
import { createClient } from '../config/client.js';
import { UsageError } from '../core/errors.js';
import { writeJson } from '../core/output.js';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** `mangokit api`: a signed POST to any API path (the escape hatch for methods without a command). */
export const api: CommandDetails = {
  credentials: true,
  positionals: [{ name: 'PATH' }],
  options: {
    data: { type: 'string', short: 'd', value: 'JSON', complete: 'file' },
  },
  examples: [
    'mangokit api audiofiles',
    'mangokit api config/users/request --data \'{"extension":"101"}\'',
    'mangokit api bwlists/number/add/ --data \'{"list_type":"black","number":"79001234567","number_type":"tel"}\'',
    'mangokit api schemas --data @schemas.json',
  ],
  async run(ctx) {
    const path = ctx.args.requirePositional(0, 'PATH');
    const raw = ctx.args.string('data');
    let text = '{}';
    if (raw === '-') text = await readStdin();
    else if (raw?.startsWith('@')) {
      const file = resolve(ctx.io.cwd, raw.slice(1));
      text = await readFile(file, 'utf8').catch((err: Error) => {
        throw new UsageError((m) => m.api.cannotRead(file, err.message));
      });
    } else if (raw !== undefined) text = raw;
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch (err) {
      const detail = (err as Error).message;
      throw new UsageError(
        (m) => m.api.notJson(detail),
        (m) => m.usage.example(`--data '{"extension":"101"}'`),
      );
    }
    if (body === null || typeof body !== 'object' || Array.isArray(body)) {
      throw new UsageError(
        (m) => m.api.notObject,
        (m) => m.usage.example(`--data '{"extension":"101"}'`),
      );
    }
    const { client, options } = await createClient(ctx);
    const res = await client.request(path.replace(/^\/+/, ''), body, options);
    writeJson(ctx.io.stdout, res);
    return undefined;
  },
};
