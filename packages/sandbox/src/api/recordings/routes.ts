import type { RecordingRecord } from '../../engine/contract.js';
import { RESULT } from 'mangokit/protocol';
import { readParams } from '../check.js';
import { fail, ok, redirect } from '../http/answer.js';
import { employeeByExtension, employeeById } from '../lookup.js';
import type { RouteInput, RouteTable } from '../route.js';
import { formatMoscowDateTime, parseIsoDate } from '../time.js';
import { oneTimeUrl, storedRecording } from './download.js';
import { callHistory } from '../history.js';

function operatorName(input: RouteInput, rec: RecordingRecord): string {
  const office = input.ctx.office();
  const employee =
    (rec.user_id !== undefined ? employeeById(office, rec.user_id) : undefined) ??
    (rec.extension !== undefined ? employeeByExtension(office, rec.extension) : undefined);
  return employee?.name ?? 'Оператор';
}

/** A short, deterministic conversation for a recording: enough for an integration to render. */
function phrases(operator: string): Array<['operator' | 'client', string]> {
  return [
    ['operator', `Здравствуйте, меня зовут ${operator}. Чем могу помочь?`],
    ['client', 'Добрый день. Хочу уточнить статус заказа.'],
    ['operator', 'Минутку, проверяю. Заказ передан в доставку.'],
    ['client', 'Спасибо, до свидания.'],
  ];
}

function recordingPost({ ctx, state, params }: RouteInput) {
  const check = readParams('queries/recording/post', params);
  const p = check.valid();
  if (!p) return check.answer();
  if (!storedRecording(ctx, p.recording_id)) return fail(RESULT.RECORDING_NOT_FOUND);
  return redirect(oneTimeUrl(ctx, state, p.recording_id, p.action ?? 'download'));
}

/** Ids come as a list, a JSON-array string (the doc's example) or one id: the row reads them all (reference §3.3.4). */
function transcripts(input: RouteInput) {
  const check = readParams('queries/recording_transcripts', input.params);
  const p = check.valid();
  if (!p) return check.answer();
  const data = p.recording_id.flatMap((id) => {
    const rec = storedRecording(input.ctx, id);
    if (!rec) return [];
    const operator = operatorName(input, rec);
    return [{ recording_id: id, names: { client: 'Клиент', operator }, phrases: phrases(operator) }];
  });
  return ok({ data });
}

function categories(input: RouteInput) {
  const check = readParams('queries/recording_categories', input.params);
  const p = check.valid();
  if (!p) return check.answer();
  const withTerms = p.with_terms ?? false;
  const withNames = p.with_names ?? false;
  const data = p.recording_id.flatMap((id) => {
    const rec = storedRecording(input.ctx, id);
    if (!rec) return [];
    const category: Record<string, unknown> = {
      id: 1,
      assign_time: formatMoscowDateTime(rec.completed_at ?? rec.started_at),
      version: 1,
    };
    // Channel 1 is the right (operator) channel, -1 the left (reference §3.3.4).
    if (withTerms) category.terms = [{ channels: [1], count: 1, value: 'здравствуйте' }];
    if (withNames) category.name = 'Приветствие';
    return [{ recording_id: id, categories: [category] }];
  });
  return ok({ data });
}

function summaries(input: RouteInput) {
  const check = readParams('../s2t/queries/recording_summary', input.params);
  const p = check.valid();
  if (!p) return check.answer();
  const data = p.communication_id.flatMap((id) => {
    const rec = storedRecording(input.ctx, id);
    if (!rec) return [];
    const summary = `${operatorName(input, rec)} ответил(а) на вопрос клиента о статусе заказа: заказ передан в доставку.`;
    return [{ communication_id: id, summary }];
  });
  return ok({ data });
}

function records(input: RouteInput) {
  const check = readParams('../s2t/queries/records', input.params);
  const { date_from: fromText, date_to: toText } = check.p;
  // The row checks the format; the calendar checks the day (2026-02-31 is refused too).
  const from = fromText === undefined ? undefined : parseIsoDate(fromText);
  const to = toText === undefined ? undefined : parseIsoDate(toText);
  if (fromText !== undefined && from === undefined) check.fail('date_from', RESULT.WRONG_FORMAT);
  if (toText !== undefined && to === undefined) check.fail('date_to', RESULT.WRONG_FORMAT);
  const p = check.valid();
  if (!p || from === undefined || to === undefined) return check.answer();
  const offset = p.offset ?? 0;
  const limit = p.limit ?? 100;
  const items: unknown[] = [];
  for (const call of callHistory(input.ctx)) {
    // date_to names a whole day.
    if (call.create_time < from || call.create_time >= to + 86400) continue;
    for (const leg of call.legs) {
      for (const id of leg.records) {
        const rec = storedRecording(input.ctx, id);
        if (!rec) continue;
        items.push({
          communication_id: id,
          communication_type: 'call',
          info: {
            direction: call.call_direction === 1 ? 'in' : call.call_direction === 2 ? 'out' : 'internal',
            duration: rec.duration_sec,
            time_created: formatMoscowDateTime(rec.started_at),
            from_number: leg.from_number ?? leg.from_extension ?? '',
            to_number: leg.to_number ?? leg.to_extension ?? '',
          },
          sentiments: { client: 'neutral', operator: 'positive' },
          has_s2t: true,
          has_transcript: true,
          has_summary: true,
        });
      }
    }
  }
  return ok({ data: items.slice(offset, offset + limit) });
}

/** Recording downloads and speech analytics (reference §3.3). */
export const recordingRoutes: RouteTable = {
  'vpbx/queries/recording/post': recordingPost,
  'vpbx/queries/recording_transcripts': transcripts,
  'vpbx/queries/recording_categories': categories,
  's2t/queries/recording_summary': summaries,
  's2t/queries/records': records,
};
