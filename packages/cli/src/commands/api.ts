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
  description:
    'PATH is relative to the API base (/vpbx/): e.g. audiofiles, schemas, bwlists/numbers/,\n' +
    'member/create, or ../cc/get_statuses for the Contact-Center API. The answer is printed as JSON.\n' +
    '--data takes JSON inline, @FILE to read a file, or - to read stdin.',
  credentials: true,
  positionals: [{ name: 'PATH', description: 'method path, e.g. audiofiles or commands/callback' }],
  options: {
    data: {
      type: 'string',
      short: 'd',
      value: 'JSON',
      description: "request body: '{…}', @file.json or - for stdin (default {})",
    },
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
        throw new UsageError(`cannot read ${file}: ${err.message}`);
      });
    } else if (raw !== undefined) text = raw;
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch (err) {
      throw new UsageError(
        `--data is not valid JSON: ${(err as Error).message}`,
        `Example: --data '{"extension":"101"}'`,
      );
    }
    if (body === null || typeof body !== 'object' || Array.isArray(body)) {
      throw new UsageError('--data must be a JSON object', `Example: --data '{"extension":"101"}'`);
    }
    const { client, options } = await createClient(ctx);
    const res = await client.request(path.replace(/^\/+/, ''), body, options);
    writeJson(ctx.io.stdout, res);
    return undefined;
  },
};
