import type { SmsEventPayload } from 'mangokit';
import { RESULT } from 'mangokit/protocol';
import type { Handler } from './kit.js';

/** An SMS report follows `result/sms` after this long (reference §4.4). */
const SMS_REPORT_MS = 3000;
/** Segment sizes: 153 Latin / 67 Cyrillic characters, at most 4 segments (reference §2.4). */
const LATIN_SEGMENT = 153;
const CYRILLIC_SEGMENT = 67;

/** `commands/sms` (reference §2.4): charged per segment, a delivery report follows. */
export const sms: Handler = (k, p, check, commandId) => {
  const ext = check.str(p, 'from_extension');
  const to = check.str(p, 'to_number');
  const sender = typeof p.sms_sender === 'string' ? p.sms_sender : undefined;
  const text = typeof p.text === 'string' ? p.text : '';
  // ≤612 Latin or ≤268 Cyrillic characters: 4 segments (reference §2.4).
  const cyrillic = /[\u0400-\u04FF]/.test(text);
  if (p.text === undefined || p.text === null || p.text === '') check.fields.text = RESULT.REQUIRED;
  else if (typeof p.text !== 'string') check.fields.text = RESULT.WRONG_FORMAT;
  else if (text.length > (cyrillic ? 268 : 612)) check.fields.text = RESULT.ABOVE_MAXIMUM;
  return () => {
    const emp = k.directory.employeeByExtension(ext!);
    if (!emp) return RESULT.NUMBER_NOT_FOUND;
    if (k.directory.employeeByExtension(to!)) return RESULT.INVALID_PARAMETERS;
    void sender; // an unknown sender falls back to the office default (reference §2.4)
    const segments = Math.max(1, Math.ceil(text.length / (cyrillic ? CYRILLIC_SEGMENT : LATIN_SEGMENT)));
    const cost = segments * k.directory.office().account.tariffs.sms;
    if (k.billing.balance() < cost) return RESULT.INSUFFICIENT_FUNDS;
    k.billing.debit(cost);
    const reason = k.smsReasons.shift() ?? RESULT.SUCCESS;
    k.clock.later(SMS_REPORT_MS, () => {
      const payload: SmsEventPayload = { command_id: commandId, timestamp: k.clock.now(), reason };
      k.notifier.notify('events/sms', payload);
    });
    return RESULT.SUCCESS;
  };
};

/** `commands/recording/start` (reference §2.5). */
export const recordingStart: Handler = (k, p, check, commandId) => {
  const callId = check.str(p, 'call_id');
  const party = check.str(p, 'call_party_number');
  return () => {
    const leg = k.legs.leg(callId!);
    if (!leg) return RESULT.CALL_ENDED_OR_UNKNOWN;
    const who = [leg.a, leg.b].find(
      (x) =>
        x.employee &&
        (x.extension === party || x.number === party || x.employee.numbers.some((n) => n.number === party)),
    );
    // Only PBX employees can be recorded (reference §2.5).
    if (!who) return RESULT.NUMBER_NOT_FOUND;
    if (leg.recording) return RESULT.ALREADY_RECORDING;
    k.recorder.start(leg, who, commandId);
    return RESULT.SUCCESS;
  };
};

/** `commands/play/start` (reference §2.6): a prompt in an IVR or queue window. */
export const playStart: Handler = (k, p, check) => {
  const callId = check.str(p, 'call_id');
  const internalId = p.internal_id;
  if (internalId === undefined || internalId === null || internalId === '')
    check.fields.internal_id = RESULT.REQUIRED;
  else if (!Number.isFinite(Number(internalId))) check.fields.internal_id = RESULT.WRONG_FORMAT;
  const after = p.after_play_time === undefined ? 0 : Number(p.after_play_time);
  if (!Number.isFinite(after) || after < 0) check.fields.after_play_time = RESULT.WRONG_FORMAT;
  return () => {
    const leg = k.legs.leg(callId!);
    if (!leg) return RESULT.CALL_ENDED_OR_UNKNOWN;
    const call = leg.call;
    // Only in a working window of an IVR or a queue (reference §2.6).
    const inWindow =
      call.waiting === leg &&
      ((leg.location === 'ivr' && call.ivr?.window === true) ||
        (leg.location === 'queue' && call.hunt !== undefined));
    if (!inWindow) return RESULT.FORBIDDEN_BY_PBX_LOGIC;
    const audio = k.directory.audio(Number(internalId));
    if (!audio) return RESULT.FILE_NOT_FOUND;
    if (leg.location === 'ivr') k.ivr.play(call, audio.duration_sec, after);
    return RESULT.SUCCESS;
  };
};
