import type { BwLists, ForwardingRule, ListedNumber, Office, OutboundBan } from '../types.js';
import { membersOf, type Obj, type Reader } from './reader.js';

const NUMBER_TYPES = membersOf<ListedNumber['number_type']>()(['tel', 'sip']);
const ACTIVE_LIST = membersOf<BwLists['active']>()(['black', 'white']);
const BAN_MODES = membersOf<OutboundBan['mode']>()([1, 2, 3]);
const FORWARD_TYPES = membersOf<ForwardingRule['forward_type']>()(['group', 'user', 'ext_forward']);
const RULE_STATUS = membersOf<ForwardingRule['status']>()([0, 1]);
const PHONE_TYPES = membersOf<ForwardingRule['client_phone_type']>()([0, 1]);

function readListed(r: Reader, v: unknown, path: string): ListedNumber | undefined {
  const o = r.obj(v, path);
  if (!o) return undefined;
  const number = r.str(o, 'number', path, true);
  const type = r.oneOf(o, 'number_type', path, NUMBER_TYPES, 'tel');
  if (number === undefined || type === undefined) return undefined;
  const n: ListedNumber = { number_id: r.num(o, 'number_id', path, false) ?? 0, number, number_type: type };
  if (typeof o.comment === 'string') n.comment = o.comment;
  return n;
}

/** The black and white lists of incoming callers (reference §3.7); undefined when absent. */
export function readBwLists(r: Reader, v: unknown): BwLists | undefined {
  if (v === undefined) return undefined;
  const o = r.obj(v, 'bwlists');
  if (!o) return undefined;
  const active = r.oneOf(o, 'active', 'bwlists', ACTIVE_LIST, 'black') ?? 'black';
  const list = (key: 'black' | 'white') => {
    const path = `bwlists.${key}`;
    const lo = o[key] === undefined ? {} : r.obj(o[key], path);
    const numbers = lo
      ? r.arr(lo, 'numbers', path).flatMap((nv, i) => readListed(r, nv, `${path}.numbers[${i}]`) ?? [])
      : [];
    return { allow_unknown_number: lo ? r.bool(lo, 'allow_unknown_number', path, true) : true, numbers };
  };
  return { active, black: list('black'), white: list('white') };
}

/** Numbers employees may not call (reference §3.7); undefined when absent. */
export function readOutbound(r: Reader, v: unknown): Office['outbound_blacklist'] | undefined {
  if (v === undefined) return undefined;
  const o = r.obj(v, 'outbound_blacklist');
  if (!o) return undefined;
  const numbers = r.arr(o, 'numbers', 'outbound_blacklist').flatMap((nv, i) => {
    const p = `outbound_blacklist.numbers[${i}]`;
    const no = r.obj(nv, p);
    if (!no) return [];
    const number = r.str(no, 'number', p, true);
    const mode = r.oneOf(no, 'mode', p, BAN_MODES, 3);
    if (number === undefined || mode === undefined) return [];
    const ban: OutboundBan = { number, mode, enabled: r.bool(no, 'enabled', p, true) };
    if (typeof no.description === 'string') ban.description = no.description;
    const userId = r.num(no, 'user_id', p, false);
    if (userId !== undefined) ban.user_id = userId;
    return [ban];
  });
  return { enabled: r.bool(o, 'enabled', 'outbound_blacklist', true), numbers };
}

/** One forwarding rule by caller number (reference §3.6.4). */
export function readForwarding(r: Reader, v: unknown, path: string): ForwardingRule | undefined {
  const o = r.obj(v, path);
  if (!o) return undefined;
  const number = r.str(o, 'client_phone_number', path, true);
  const type = r.oneOf(o, 'forward_type', path, FORWARD_TYPES);
  const status = r.oneOf(o, 'status', path, RULE_STATUS, 1);
  const phoneType = r.oneOf(o, 'client_phone_type', path, PHONE_TYPES, 0);
  if (type === 'group' && r.obj(o.forward_to_group, `${path}.forward_to_group`)) {
    r.num(o.forward_to_group as Obj, 'forward_group_id', `${path}.forward_to_group`, true);
  }
  if (type === 'user' && r.obj(o.forward_to_user, `${path}.forward_to_user`)) {
    r.num(o.forward_to_user as Obj, 'forward_user_id', `${path}.forward_to_user`, true);
  }
  if (type === 'ext_forward' && r.obj(o.forward_to_ext, `${path}.forward_to_ext`)) {
    r.str(o.forward_to_ext as Obj, 'forward_number', `${path}.forward_to_ext`, true);
  }
  if (number === undefined || type === undefined || status === undefined || phoneType === undefined)
    return undefined;
  return {
    ...(o as unknown as ForwardingRule),
    forward_id: r.num(o, 'forward_id', path, false) ?? 0,
    client_phone_number: number,
    client_phone_type: phoneType,
    status,
    forward_type: type,
  };
}
