import type { CommandDetails } from '../core/command.js';
import { createClient } from '../config/client.js';
import { saveEmployees } from '../config/cache.js';
import { formatFields, formatTable, writeJson } from '../core/output.js';
import { formatLocal, parseMoscowWallClock, zoneLabel } from '../core/dates.js';
import { t } from '../i18n/index.js';

/** `mangokit users` (config/users/request, reference §3.5). */
export const users: CommandDetails = {
  credentials: true,
  options: {
    extension: { type: 'string', value: 'EXT', complete: 'extension' },
  },
  examples: [
    'mangokit users',
    'mangokit users --extension 27',
    'mangokit users --json | jq ".users[].general.name"',
  ],
  async run(ctx) {
    const { client, options, owner } = await createClient(ctx);
    const extension = ctx.args.string('extension');
    const res = await client.users.list(
      { ...(extension ? { extension } : {}), ext_fields: ['general.user_id', 'groups'] },
      options,
    );
    // The whole list feeds shell completion of extensions (`mangokit completion`).
    if (!extension) {
      await saveEmployees(
        ctx.io.env,
        owner,
        res.users
          .filter((u) => u.telephony.extension)
          .map((u) => ({ extension: String(u.telephony.extension), name: u.general.name })),
      ).catch(() => {});
    }
    const m = t().office;
    if (ctx.json) {
      writeJson(ctx.io.stdout, res);
      return undefined;
    }
    if (res.users.length === 0) {
      ctx.io.stdout.write(`${extension ? m.noEmployee(extension) : m.noEmployees}\n`);
      return undefined;
    }
    ctx.io.stdout.write(
      formatTable(res.users, [
        { header: m.headers.ext, value: (u) => u.telephony.extension },
        { header: m.headers.name, value: (u) => u.general.name },
        { header: m.headers.userId, value: (u) => u.general.user_id, align: 'right' },
        {
          header: m.headers.position,
          value: (u) => [u.general.department, u.general.position].filter(Boolean).join(' / '),
        },
        {
          header: m.headers.numbers,
          value: (u) =>
            (u.telephony.numbers ?? [])
              .map((n) => `${n.number}${n.status === 'off' ? ` (${m.off})` : ''}`)
              .join(', '),
        },
        { header: m.headers.groups, value: (u) => (u.groups ?? []).join(',') },
      ]),
    );
    return undefined;
  },
};

/** `mangokit groups` (groups, reference §3.6.1). */
export const groups: CommandDetails = {
  credentials: true,
  options: {
    group: { type: 'string', value: 'ID', complete: 'none' },
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
    const m = t().office;
    ctx.io.stdout.write(
      res.groups.length === 0
        ? `${m.noGroups}\n`
        : formatTable(res.groups, [
            { header: m.headers.id, value: (g) => g.id, align: 'right' },
            { header: m.headers.ext, value: (g) => g.extension },
            { header: m.headers.name, value: (g) => g.name },
            { header: m.headers.algorithm, value: (g) => g.dial_alg_group },
            {
              header: m.headers.operators,
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
      const m = t().office;
      ctx.io.stdout.write(
        formatFields({
          [m.balance]: `${Number(res.balance).toFixed(2).replace('.', t().units.decimal)} ${res.currency}`,
          ...(res.response_at ? { [m.asOf]: localBalanceTime(res.response_at) } : {}),
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
    const m = t().office;
    ctx.io.stdout.write(
      res.lines.length === 0
        ? `${m.noLines}\n`
        : formatTable(res.lines, [
            { header: m.headers.id, value: (l) => l.line_id, align: 'right' },
            { header: m.headers.number, value: (l) => l.number },
            { header: m.headers.name, value: (l) => l.name },
            { header: m.headers.region, value: (l) => l.region },
            { header: m.headers.scheme, value: (l) => l.schema_name },
          ]),
    );
    return undefined;
  },
};

/** `response_at` (Moscow wall time) in the user's zone, labelled; as written when unreadable. */
function localBalanceTime(responseAt: string): string {
  const at = parseMoscowWallClock(responseAt);
  return at === undefined ? responseAt : `${formatLocal(at)} (${zoneLabel(at)})`;
}
