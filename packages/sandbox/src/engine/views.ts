import type { CallPartyFrom, CallPartyTo, DctInfo } from 'mangokit';
import type { Call, Leg } from './model.js';
import type { Presence } from './ports/presence.js';

/** A live leg as the control API shows it. */
export interface LiveLeg {
  call_id: string;
  entry_id: string;
  state: Leg['state'];
  location: Leg['location'];
  from: CallPartyFrom;
  to: CallPartyTo;
  seq: number;
  started: number;
  answered: number;
  manual: boolean;
  recording_id?: string;
  transfer?: Leg['transfer'];
}

/** A live call as the control API shows it. */
export interface LiveCall {
  entry_id: string;
  direction: 0 | 1 | 2;
  create_time: number;
  from: { extension?: string; number?: string };
  to: { extension?: string; number?: string };
  line_number?: string;
  /** The call-tracking number the call came in on (absent for other calls). */
  dct?: DctInfo;
  ivr_node?: string;
  legs: LiveLeg[];
}

/** A leg as the control API shows it. */
export function liveLegView(leg: Leg, presence: Pick<Presence, 'isManual'>): LiveLeg {
  const v: LiveLeg = {
    call_id: leg.call_id,
    entry_id: leg.call.entry_id,
    state: leg.state,
    location: leg.location,
    from: { ...leg.from },
    to: { ...leg.to },
    seq: leg.seq,
    started: Math.floor(leg.startedMs / 1000),
    answered: leg.answeredMs > 0 ? Math.floor(leg.answeredMs / 1000) : 0,
    manual: leg.manual || (leg.b.employee !== undefined && presence.isManual(leg.b.employee.user_id)),
  };
  if (leg.recording) v.recording_id = leg.recording.recording_id;
  if (leg.transfer) v.transfer = leg.transfer;
  return v;
}

/** A call in progress as the control API shows it. */
export function liveCallView(c: Call, presence: Pick<Presence, 'isManual'>): LiveCall {
  const v: LiveCall = {
    entry_id: c.entry_id,
    direction: c.direction,
    create_time: Math.floor(c.createMs / 1000),
    from: c.from,
    to: c.to,
    legs: [...c.legs.values()].map((l) => liveLegView(l, presence)),
  };
  if (c.line_number !== undefined) v.line_number = c.line_number;
  if (c.dct) v.dct = { ...c.dct };
  if (c.ivr) v.ivr_node = c.ivr.nodeId;
  return v;
}
