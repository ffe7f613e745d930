import type { StatsField } from 'mangokit';
import type { CallRecord, LegRecord } from '../../engine/contract.js';
import { digits } from '../lookup.js';

/** A party filter: `{extension, number}`, both optional. */
export interface PartyFilter {
  extension?: string;
  number?: string;
}

/** What to export. */
export interface StatsQuery {
  dateFrom: number;
  dateTo: number;
  fields: readonly StatsField[];
  from?: PartyFilter;
  to?: PartyFilter;
  callParty?: PartyFilter;
}

function matches(filter: PartyFilter, extension: string | undefined, number: string | undefined): boolean {
  if (filter.extension !== undefined && filter.extension !== extension) return false;
  if (filter.number !== undefined && (number === undefined || digits(filter.number) !== digits(number)))
    return false;
  return true;
}

function cell(leg: LegRecord, field: StatsField): string {
  switch (field) {
    // Recording ids as `[rec1,rec2]` (reference §3.1).
    case 'records':
      return `[${leg.records.join(',')}]`;
    case 'start':
    case 'finish':
    case 'answer':
    case 'create':
    case 'disconnect_reason':
      return String(Math.floor(leg[field]));
    default:
      return leg[field] ?? '';
  }
}

/**
 * Row end of `stats/result`. The 2017 text says `\n`, but production clients split on `\r\n` only
 * (mango-vpbx, Fastleo/MangoOfficeApi) or strip a trailing control character (3dcafe's C#
 * client): production ends rows with CRLF (reference §3.1, §9 items 4 and 16).
 */
export const STATS_ROW_END = '\r\n';

/** The CSV of reference §3.1: a row per leg, `;`-separated, columns in `fields` order, CRLF after every row. */
export function buildStatsCsv(
  calls: readonly CallRecord[],
  query: StatsQuery,
): { csv: string; rows: number } {
  let out = '';
  let rows = 0;
  for (const call of calls) {
    for (const leg of call.legs) {
      if (leg.start < query.dateFrom || leg.start > query.dateTo) continue;
      if (query.from && !matches(query.from, leg.from_extension, leg.from_number)) continue;
      if (query.to && !matches(query.to, leg.to_extension, leg.to_number)) continue;
      if (
        query.callParty &&
        !matches(query.callParty, leg.from_extension, leg.from_number) &&
        !matches(query.callParty, leg.to_extension, leg.to_number)
      ) {
        continue;
      }
      out += `${query.fields.map((f) => cell(leg, f)).join(';')}${STATS_ROW_END}`;
      rows++;
    }
  }
  return { csv: out, rows };
}
