import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { StatsField } from 'mangokit';
import { DEFAULT_STATS_FIELDS } from 'mangokit/protocol';
import { classify, downloadAll } from '../archive/download.js';
import { readJournal } from '../archive/journal.js';
import { type Manifest, type ManifestEntry, writeManifest } from '../archive/manifest.js';
import { type ArchiveFilters, type ArchiveItem, type Direction, itemsOf } from '../archive/plan.js';
import type { CommandDetails } from '../core/command.js';
import { createClient } from '../config/client.js';
import { formatLocal, formatMoscow, zoneLabel } from '../core/dates.js';
import { UsageError } from '../core/errors.js';
import { ExitCode } from '../core/exitCodes.js';
import { formatBytes, writeJson } from '../core/output.js';
import { ProgressBar } from '../core/progressBar.js';
import { t } from '../i18n/index.js';
import { PERIOD_OPTIONS, readPeriod } from './history.js';

/** The vendor's default columns (reference §3.1) but `location`, unused here, plus `entry_id` to group legs. */
const FIELDS: readonly StatsField[] = [...DEFAULT_STATS_FIELDS.filter((f) => f !== 'location'), 'entry_id'];

const DIRECTIONS: Record<string, Direction> = {
  in: 'incoming',
  incoming: 'incoming',
  out: 'outgoing',
  outgoing: 'outgoing',
  internal: 'internal',
};

/** `mangokit archive`: download every matching recording with a manifest; resumable. */
export const archive: CommandDetails = {
  credentials: true,
  options: {
    ...PERIOD_OPTIONS,
    out: { type: 'string', short: 'o', value: 'DIR', complete: 'dir' },
    employee: { type: 'string', value: 'EXT', complete: 'extension' },
    group: { type: 'string', value: 'GROUP', complete: 'none' },
    direction: { type: 'string', value: 'DIR', values: ['incoming', 'outgoing', 'internal', 'in', 'out'] },
    'min-talk': { type: 'string', value: 'SEC', complete: 'none' },
    answered: { type: 'boolean' },
    concurrency: { type: 'string', value: 'N', complete: 'none' },
    'dry-run': { type: 'boolean' },
    'allow-host': { type: 'string', multiple: true, value: 'HOST', complete: 'none' },
  },
  examples: [
    'mangokit archive --from 2026-11-01 --to 2026-11-27 --out ./recordings',
    'mangokit archive --from 2026-11-01 --to 2026-11-27 --employee 101 --answered --min-talk 60 --out ./training',
    'mangokit archive --from 2026-11-01 --group 222 --direction in --out ./support --concurrency 8',
  ],
  async run(ctx) {
    const { args, io } = ctx;
    const period = readPeriod(args);
    const out = resolve(
      io.cwd,
      args.requireString('out', (m) => m.archive.outExample),
    );
    const concurrency = args.integer('concurrency', 1, 16) ?? 4;
    const minTalk = args.integer('min-talk', 0);
    const directionText = args.string('direction');
    const direction = directionText === undefined ? undefined : DIRECTIONS[directionText];
    if (directionText !== undefined && !direction) {
      throw new UsageError((m) => m.archive.badDirection(directionText));
    }
    const employee = args.string('employee');
    const filters: ArchiveFilters = {
      ...(direction ? { direction } : {}),
      ...(minTalk !== undefined ? { minTalk } : {}),
      ...(args.flag('answered') ? { answered: true } : {}),
    };
    const { client, options } = await createClient(ctx);
    const group = args.string('group');
    if (group) {
      // Basic statistics cannot filter by group: keep calls where one of its operators is a party.
      const res = await client.groups.list({ show_users: 1 }, options);
      const found = res.groups.find((g) => String(g.id) === group || g.extension === group);
      if (!found) {
        const list = res.groups.map((g) => `${g.id} (${g.extension ?? '-'} ${g.name})`).join(', ');
        throw new UsageError(
          (m) => m.archive.noGroup(group),
          (m) => m.archive.groupsAre(list),
        );
      }
      filters.extensions = new Set((found.operators ?? []).map((o) => o.extension ?? '').filter(Boolean));
    }

    const status = (text: string) => {
      if (!ctx.json) io.stderr.write(`${text}\n`);
    };
    const m = t();
    status(m.archive.reading(formatLocal(period.from), formatLocal(period.to), zoneLabel(period.from)));
    const items = new Map<string, ArchiveItem>();
    const rows = client.stats.history(
      {
        date_from: period.from,
        date_to: period.to,
        fields: FIELDS,
        ...(employee ? { call_party: { extension: employee } } : {}),
      },
      options,
    );
    for await (const row of rows) {
      for (const item of itemsOf(row, filters))
        if (!items.has(item.recording_id)) items.set(item.recording_id, item);
    }

    if (args.flag('dry-run')) {
      const list = [...items.values()];
      if (ctx.json) writeJson(io.stdout, { recordings: list });
      else
        io.stdout.write(
          list.map((i) => `${i.recording_id}  ${i.file}\n`).join('') +
            `${m.archive.matchCount(list.length)}\n`,
        );
      return undefined;
    }

    await mkdir(out, { recursive: true });
    const journal = await readJournal(out);
    const done: ManifestEntry[] = [];
    const todo: ArchiveItem[] = [];
    const partials = new Set<string>();
    for (const item of items.values()) {
      const state = await classify(out, item, journal);
      if (state === 'done') done.push({ ...item, bytes: journal.get(item.recording_id)?.bytes ?? 0 });
      else {
        if (state === 'partial') partials.add(item.recording_id);
        todo.push(item);
      }
    }
    const skipped = done.length;
    const partial = partials.size;
    let partialDone = 0;
    status(m.archive.plan(items.size, skipped, partial, todo.length, out));
    const bar =
      ctx.json || todo.length === 0
        ? undefined
        : new ProgressBar({
            sink: io.stderr,
            total: todo.length,
            label: m.archive.label,
            rateUnit: m.units.recordingsPerSecond,
          });
    let bytes = 0;
    const failed = await downloadAll(todo, {
      client,
      requestOptions: options,
      allowHosts: args.list('allow-host'),
      dir: out,
      concurrency,
      signal: io.signal,
      ...(bar ? { bar } : {}),
      onDone: (item, size) => {
        bytes += size;
        if (partials.has(item.recording_id)) partialDone++;
        done.push({ ...item, bytes: size });
      },
    });
    bar?.finish();
    const interrupted = io.signal.aborted;
    const manifest: Manifest = {
      generated_at: new Date().toISOString(),
      period: {
        from: period.from,
        to: period.to,
        from_msk: formatMoscow(period.from),
        to_msk: formatMoscow(period.to),
      },
      filters: {
        ...(employee ? { employee } : {}),
        ...(group ? { group } : {}),
        ...(direction ? { direction } : {}),
        ...(minTalk !== undefined ? { min_talk: minTalk } : {}),
        ...(filters.answered ? { answered: true } : {}),
      },
      complete: !interrupted && failed.length === 0 && done.length === items.size,
      recordings: done,
      failed,
    };
    await writeManifest(out, manifest);
    const summary = {
      dir: out,
      matched: items.size,
      archived: done.length,
      downloaded: done.length - skipped,
      skipped,
      partial_completed: partialDone,
      failed: failed.length,
      bytes,
      complete: manifest.complete,
      interrupted,
    };
    if (ctx.json) writeJson(io.stdout, summary);
    else {
      io.stdout.write(
        `${m.archive.summary(done.length, items.size, summary.downloaded, formatBytes(bytes), skipped, partial, partialDone, failed.length)}\n` +
          `${m.archive.manifest(resolve(out, 'manifest.csv'))}\n`,
      );
      for (const f of failed.slice(0, 10)) io.stderr.write(`${m.archive.failed(f.recording_id, f.error)}\n`);
      if (failed.length || interrupted) io.stderr.write(`${m.archive.resume}\n`);
    }
    if (interrupted) return ExitCode.Interrupted;
    return failed.length ? ExitCode.Partial : undefined;
  },
};
