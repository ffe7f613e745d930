import { RESULT } from 'mangokit/protocol';
import { callState, type Json, num, party, type RecordedCall, type RecordedLeg, str } from '../model.js';
import { LONG_SEC, type OfficeDraft, PROMPT_AUDIO_ID } from './office.js';

/** DISA waits this long after the last digit before it sends the packet (vendor default, reference §4.5). */
export const DISA_WAIT_SEC = 5;

/** The node that ends the call. */
function hangUpNode(): Json {
  return { id: 'target', type: 'hangup' };
}

/**
 * What a line does with an incoming call, as the call's first leg shows: straight to an employee,
 * a group or a number; or an IVR — a prompt, a menu, DISA — that hands the call on by itself, ends
 * it, or waits for the integrator's command. `legs` are the call's, by start, its first leg first.
 */
export function incomingScheme(
  call: RecordedCall,
  legs: RecordedLeg[],
  office: OfficeDraft,
  movedLegs: ReadonlySet<string>,
): Json[] {
  const origin = legs[0]!;
  if (str(origin.events[0]?.payload.location) !== 'ivr') return [targetNode(office, origin)];
  const { target, afterMs } = ivrHandOver(origin, legs, office, movedLegs);
  const menuKey = call.dtmf.find((d) => str(d.payload.location) === 'ivr');
  const disa = call.dtmf.find((d) => /^ivr\.\d+$/.test(str(d.payload.location) ?? ''));
  if (menuKey || disa) {
    const key = disa
      ? (str(disa.payload.location) as string).slice(4)
      : (str(menuKey?.payload.dtmf) ?? '1').slice(0, 1);
    return menuScheme(key, disa !== undefined, target);
  }
  // Handed over within its first second: the scheme goes straight to the target.
  if (target && afterMs < 1000) return [target];
  return [
    {
      id: 'wait',
      type: 'play',
      audio_id: PROMPT_AUDIO_ID,
      duration_sec: target ? Math.max(1, Math.round(afterMs / 1000)) : LONG_SEC,
      ...(target ? { next: 'target' } : {}),
    },
    ...(target ? [target] : []),
  ];
}

/**
 * What a line does with a call the recording has only the summary of: a prompt of `waitSec`, then
 * the employee or group with `extension`, or the hang-up when there is none.
 */
export function summaryScheme(office: OfficeDraft, extension: string | undefined, waitSec: number): Json[] {
  const target: Json = extension
    ? { id: 'target', type: office.groups.has(extension) ? 'group' : 'employee', extension }
    : hangUpNode();
  return [
    { id: 'wait', type: 'play', audio_id: PROMPT_AUDIO_ID, duration_sec: waitSec, next: 'target' },
    target,
  ];
}

/** The node that rings whom a leg rings: its group, employee or number; a hang-up when it names none. */
function targetNode(office: OfficeDraft, leg: RecordedLeg | undefined): Json {
  const t = party(leg?.events[0]?.payload.to);
  if (t.acd) return { id: 'target', type: 'group', group_id: office.groupId(t.acd) };
  if (t.extension) return { id: 'target', type: 'employee', extension: t.extension };
  if (t.number) return { id: 'target', type: 'number', number: t.number };
  return hangUpNode();
}

/**
 * What the scheme itself does after the IVR leg `origin`, and how long after the leg starts: hands
 * the call to the next leg's target, or ends it (1170); no target when a command moves the call
 * (the integrator's doing) or the caller leaves.
 */
function ivrHandOver(
  origin: RecordedLeg,
  legs: RecordedLeg[],
  office: OfficeDraft,
  movedLegs: ReadonlySet<string>,
): { target: Json | undefined; afterMs: number } {
  const startMs = origin.events[0]!.ms;
  const ended = origin.events.find((e) => callState(e) === 'Disconnected');
  // Where the call went next: a leg taken from the IVR leg, or (the PBX's own hand-over names no
  // previous leg) the first leg without a command that appears before the IVR leg ends.
  const next =
    legs.find((l) => party(l.events[0]?.payload.from).taken === origin.id) ??
    legs.find(
      (l) =>
        l !== origin &&
        str(l.events[0]?.payload.command_id) === undefined &&
        (ended === undefined || l.events[0]!.ms <= ended.ms),
    );
  const routed =
    movedLegs.has(origin.id) || (next !== undefined && str(next.events[0]?.payload.command_id) !== undefined);
  if (next && !routed) return { target: targetNode(office, next), afterMs: next.events[0]!.ms - startMs };
  return {
    target: num(ended?.payload.disconnect_reason) === RESULT.ENDED_BY_SCHEME ? hangUpNode() : undefined,
    afterMs: ended ? ended.ms - startMs : LONG_SEC * 1000,
  };
}

/**
 * An IVR whose menu the caller pressed `key` in: the key leads to the target (or a prompt that
 * waits for the integrator), or to DISA, whose digits are followed by the target or the prompt
 * (reference §2.7).
 */
function menuScheme(key: string, toDisa: boolean, target: Json | undefined): Json[] {
  const afterId = target ? 'target' : 'wait';
  const nodes: Json[] = [
    { id: 'menu', type: 'menu', timeout_sec: LONG_SEC, items: { [key]: toDisa ? 'disa' : afterId } },
  ];
  if (toDisa) {
    nodes.push({
      id: 'disa',
      type: 'disa',
      wait_sec: DISA_WAIT_SEC,
      max_digits: 99,
      timeout_sec: LONG_SEC,
      next: afterId,
    });
  }
  if (!target) nodes.push({ id: 'wait', type: 'play', audio_id: PROMPT_AUDIO_ID, duration_sec: LONG_SEC });
  if (target) nodes.push(target);
  return nodes;
}
