import type { SmsEventPayload } from 'mangokit';
import { RESULT, smsTextSize } from 'mangokit/protocol';
import type { Handler } from './kit.js';

/** An SMS report follows `result/sms` after this long (reference §4.4). */
const SMS_REPORT_MS = 3000;

/** `commands/sms` (reference §2.4): charged per segment, a delivery report follows. */
export const sms: Handler<'sms'> = (k, p) => {
  const { command_id: commandId, from_extension: ext, to_number: to, text } = p;
  const emp = k.directory.employeeByExtension(ext);
  if (!emp) return RESULT.NUMBER_NOT_FOUND;
  if (k.directory.employeeByExtension(to)) return RESULT.INVALID_PARAMETERS;
  // An unknown sms_sender falls back to the office default (reference §2.4); it is not checked.
  const { segments } = smsTextSize(text);
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

/** `commands/recording/start` (reference §2.5). */
export const recordingStart: Handler<'recording/start'> = (k, p) => {
  const { command_id: commandId, call_id: callId, call_party_number: party } = p;
  const leg = k.legs.leg(callId);
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

/** `commands/play/start` (reference §2.6): a prompt in an IVR or queue window. */
export const playStart: Handler<'play/start'> = (k, p) => {
  const { call_id: callId, internal_id: internalId, after_play_time: after = 0 } = p;
  const leg = k.legs.leg(callId);
  if (!leg) return RESULT.CALL_ENDED_OR_UNKNOWN;
  const call = leg.call;
  // Only in a working window of an IVR or a queue (reference §2.6).
  const inWindow =
    call.waiting === leg &&
    ((leg.location === 'ivr' && call.ivr?.window === true) ||
      (leg.location === 'queue' && call.hunt !== undefined));
  if (!inWindow) return RESULT.FORBIDDEN_BY_PBX_LOGIC;
  // An empty internal_id only waits after_play_time (reference §2.6).
  if (internalId === undefined) {
    if (leg.location === 'ivr') k.ivr.play(call, 0, after);
    return RESULT.SUCCESS;
  }
  const audio = k.directory.audio(internalId);
  if (!audio) return RESULT.FILE_NOT_FOUND;
  if (leg.location === 'ivr') k.ivr.play(call, audio.duration_sec, after);
  return RESULT.SUCCESS;
};
