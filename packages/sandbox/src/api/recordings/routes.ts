import type { RecordingRecord } from '../../engine/contract.js';
import { CODE, Check } from '../check.js';
import { fail, ok, redirect } from '../http/answer.js';
import { employeeByExtension, employeeById } from '../lookup.js';
import type { RouteInput, RouteTable } from '../route.js';
import { formatMoscowDateTime, parseIsoDate } from '../time.js';
import { oneTimeUrl, storedRecording } from './download.js';
import { callHistory } from '../history.js';

/** Most ids one transcript request may name (reference §3.3.4). */
const MAX_IDS = 500;

function operatorName(input: RouteInput, rec: RecordingRecord): string {
  const office = input.ctx.office();
  const employee =
    (rec.user_id !== undefined ? employeeById(office, rec.user_id) : undefined) ??
    (rec.extension !== undefined ? employeeByExtension(office, rec.extension) : undefined);
  return employee?.name ?? 'Оператор';
}

/** Ids given as an array, a JSON-array string (the doc's example) or a single id (reference §3.3.4). */
function ids(check: Check, name: string): string[] | undefined {
  const value = check.params[name];
  if (typeof value === 'string' && !value.trimStart().startsWith('[')) return value ? [value] : undefined;
  const list = check.list(name, { required: true, max: MAX_IDS });
  if (!list) return undefined;
  if (!list.every((v) => typeof v === 'string' || typeof v === 'number')) {
    check.fail(name, CODE.FORMAT);
    return undefined;
  }
  return list.map(String);
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
  const check = new Check(params);
  const id = check.str('recording_id', { required: true });
  const action = check.str('action', { oneOf: ['download', 'play'] }) ?? 'download';
  if (!check.ok || id === undefined) return check.answer();
  if (!storedRecording(ctx, id)) return fail(CODE.RECORDING_NOT_FOUND);
  return redirect(oneTimeUrl(ctx, state, id, action as 'download' | 'play'));
}

function transcripts(input: RouteInput) {
  const check = new Check(input.params);
  const list = ids(check, 'recording_id');
  if (!check.ok || !list) return check.answer();
  const data = list.flatMap((id) => {
    const rec = storedRecording(input.ctx, id);
    if (!rec) return [];
    const operator = operatorName(input, rec);
    return [{ recording_id: id, names: { client: 'Клиент', operator }, phrases: phrases(operator) }];
  });
  return ok({ data });
}

function categories(input: RouteInput) {
  const check = new Check(input.params);
  const list = ids(check, 'recording_id');
  const withTerms = check.bool('with_terms') ?? false;
  const withNames = check.bool('with_names') ?? false;
  if (!check.ok || !list) return check.answer();
  const data = list.flatMap((id) => {
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
  const check = new Check(input.params);
  const list = ids(check, 'communication_id');
  if (!check.ok || !list) return check.answer();
  const data = list.flatMap((id) => {
    const rec = storedRecording(input.ctx, id);
    if (!rec) return [];
    const summary = `${operatorName(input, rec)} ответил(а) на вопрос клиента о статусе заказа: заказ передан в доставку.`;
    return [{ communication_id: id, summary }];
  });
  return ok({ data });
}

function records(input: RouteInput) {
  const check = new Check(input.params);
  const fromText = check.str('date_from', { required: true });
  const toText = check.str('date_to', { required: true });
  const offset = check.int('offset', { min: 0 }) ?? 0;
  const limit = check.int('limit', { min: 1, max: 1000 }) ?? 100;
  const from = fromText === undefined ? undefined : parseIsoDate(fromText);
  const to = toText === undefined ? undefined : parseIsoDate(toText);
  if (fromText !== undefined && from === undefined) check.fail('date_from', CODE.FORMAT);
  if (toText !== undefined && to === undefined) check.fail('date_to', CODE.FORMAT);
  if (!check.ok || from === undefined || to === undefined) return check.answer();
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
