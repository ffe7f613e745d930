import type { MangoEvent } from 'mangokit';
import { formatDuration } from '../core/output.js';
import { t } from '../i18n/index.js';

function party(p: { extension?: string; number?: string } | undefined): string {
  if (!p) return '?';
  if (p.extension && p.number) return `${p.extension} (${p.number})`;
  return p.extension ?? p.number ?? '?';
}

const TRACKING = ['', 'dynamic', 'static'] as const;

/** ` tracking=NUMBER/dynamic` for a call that came in on a call-tracking number, else nothing. */
function tracking(dct: { number?: string; type: 0 | 1 | 2 } | undefined): string {
  return dct && dct.type !== 0 ? ` tracking=${dct.number ?? '?'}/${TRACKING[dct.type]}` : '';
}

/** One readable line describing a notification (without the time prefix), in the language in use. */
export function describeEvent(event: MangoEvent): string {
  const m = t().events;
  switch (event.type) {
    case 'call': {
      const p = event.payload;
      const reason = p.disconnect_reason !== undefined ? ` reason=${p.disconnect_reason}` : '';
      const transfer = p.transfer ? ` transfer=${p.transfer}` : '';
      const line = p.to.line_number ? ` line=${p.to.line_number}` : '';
      return `${event.name.padEnd(19)} ${party(p.from)} → ${party(p.to)} [${p.location}] entry=${p.entry_id} call=${p.call_id} seq=${p.seq}${line}${tracking(p.dct)}${transfer}${reason}`;
    }
    case 'summary': {
      const p = event.payload;
      const talk = p.talk_time > 0 ? formatDuration(p.end_time - p.talk_time) : '0:00';
      const outcome = p.entry_result === 1 ? `${m.answered} talk=${talk}` : m.missed;
      return `${'summary'.padEnd(19)} ${m.directions[p.call_direction] ?? p.call_direction} ${party(p.from)} → ${party(p.to)} ${outcome} reason=${p.disconnect_reason} entry=${p.entry_id}${tracking(p.dct)}`;
    }
    case 'recording': {
      const p = event.payload;
      const code = p.completion_code !== undefined ? ` code=${p.completion_code}` : '';
      return `${event.name.padEnd(19)} recording=${p.recording_id} ext=${p.extension ?? '-'} entry=${p.entry_id} call=${p.call_id}${code}`;
    }
    case 'record.added':
    case 'record.tagged':
      return `${event.name.padEnd(19)} recording=${event.payload.recording_id} entry=${event.payload.entry_id} user=${event.payload.user_id}`;
    case 'dtmf':
      return `${'dtmf'.padEnd(19)} digits=${event.payload.dtmf} ${m.by} ${event.payload.initiator} ${m.at} ${event.payload.location} entry=${event.payload.entry_id}`;
    case 'sms':
      return `${'sms'.padEnd(19)} command=${event.payload.command_id} reason=${event.payload.reason}${event.payload.reason === 1000 ? ` ${m.delivered}` : ''}`;
    case 'result':
      return `${event.name.padEnd(19)} command=${event.payload.command_id} result=${event.payload.result}${event.payload.result === 1000 ? ` ${m.ok}` : ''}`;
    case 'stats.ready':
      return `${'stats.ready'.padEnd(19)} key=${event.payload.key}${event.payload.request_id ? ` request=${event.payload.request_id}` : ''}`;
    case 'ping':
      return `${'ping'.padEnd(19)} (${m.ping})`;
    default:
      return `${event.name.padEnd(19)} ${event.path} ${JSON.stringify(event.payload)}`;
  }
}
