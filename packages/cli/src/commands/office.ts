import type { CommandDetails } from '../core/command.js';
import { createClient } from '../config/client.js';
import { formatFields, formatTable, writeJson } from '../core/output.js';

/** `mangokit users` (config/users/request, reference §3.5). */
export const users: CommandDetails = {
  description: 'The vendor allows one request per 2 s for this method; the client waits its turn.',
  credentials: true,
  options: {
    extension: { type: 'string', value: 'EXT', description: 'only the employee with this extension' },
  },
  examples: [
    'mangokit users',
    'mangokit users --extension 27',
    'mangokit users --json | jq ".users[].general.name"',
  ],
  async run(ctx) {
    const { client, options } = await createClient(ctx);
    const extension = ctx.args.string('extension');
    const res = await client.users.list(
      { ...(extension ? { extension } : {}), ext_fields: ['general.user_id', 'groups'] },
      options,
    );
    if (ctx.json) {
      writeJson(ctx.io.stdout, res);
      return undefined;
    }
    if (res.users.length === 0) {
      ctx.io.stdout.write(extension ? `no employee with extension ${extension}\n` : 'no employees\n');
      return undefined;
    }
    ctx.io.stdout.write(
      formatTable(res.users, [
        { header: 'ext', value: (u) => u.telephony.extension },
        { header: 'name', value: (u) => u.general.name },
        { header: 'user id', value: (u) => u.general.user_id, align: 'right' },
        {
          header: 'position',
          value: (u) => [u.general.department, u.general.position].filter(Boolean).join(' / '),
        },
        {
          header: 'numbers',
          value: (u) =>
            (u.telephony.numbers ?? [])
              .map((n) => `${n.number}${n.status === 'off' ? ' (off)' : ''}`)
              .join(', '),
        },
        { header: 'groups', value: (u) => (u.groups ?? []).join(',') },
      ]),
    );
    return undefined;
  },
};

/** `mangokit groups` (groups, reference §3.6.1). */
export const groups: CommandDetails = {
  credentials: true,
  options: {
    group: { type: 'string', value: 'ID', description: 'only this group id' },
  },
  examples: ['mangokit groups', 'mangokit groups --group 12 --json'],
  async run(ctx) {
    const { client, options } = await createClient(ctx);
    const id = ctx.args.integer('group', 0);
    const res = await client.groups.list(
      { ...(id !== undefined ? { group_id: id } : {}), show_users: 1 },
      options,
    );
    if (ctx.json) {
      writeJson(ctx.io.stdout, res);
      return undefined;
    }
    ctx.io.stdout.write(
      res.groups.length === 0
        ? 'no groups\n'
        : formatTable(res.groups, [
            { header: 'id', value: (g) => g.id, align: 'right' },
            { header: 'ext', value: (g) => g.extension },
            { header: 'name', value: (g) => g.name },
            { header: 'algorithm', value: (g) => g.dial_alg_group },
            {
              header: 'operators',
              value: (g) => (g.operators ?? []).map((o) => o.extension ?? o.id).join(', '),
            },
          ]),
    );
    return undefined;
  },
};

/** `mangokit balance` (account/balance, reference §3.6.2). */
export const balance: CommandDetails = {
  credentials: true,
  examples: ['mangokit balance', 'mangokit balance --json | jq .balance'],
  async run(ctx) {
    const { client, options } = await createClient(ctx);
    const res = await client.account.balance(options);
    if (ctx.json) writeJson(ctx.io.stdout, res);
    else {
      ctx.io.stdout.write(
        formatFields({
          balance: `${Number(res.balance).toFixed(2)} ${res.currency}`,
          ...(res.response_at ? { as_of: res.response_at } : {}),
        }),
      );
    }
    return undefined;
  },
};

/** `mangokit lines` (incominglines, reference §3.6.2). */
export const lines: CommandDetails = {
  credentials: true,
  examples: ['mangokit lines', 'mangokit lines --json'],
  async run(ctx) {
    const { client, options } = await createClient(ctx);
    const res = await client.lines.list(options);
    if (ctx.json) {
      writeJson(ctx.io.stdout, res);
      return undefined;
    }
    ctx.io.stdout.write(
      res.lines.length === 0
        ? 'no lines\n'
        : formatTable(res.lines, [
            { header: 'id', value: (l) => l.line_id, align: 'right' },
            { header: 'number', value: (l) => l.number },
            { header: 'name', value: (l) => l.name },
            { header: 'region', value: (l) => l.region },
            { header: 'scheme', value: (l) => l.schema_name },
          ]),
    );
    return undefined;
  },
};
