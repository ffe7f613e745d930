import { OFFICE_ISSUES } from '../../i18n/messages.js';
import type { Scheme, SchemeNode } from '../types.js';
import { join, membersOf, type Reader } from './reader.js';

const NODE_TYPES = membersOf<SchemeNode['type']>()([
  'menu',
  'disa',
  'play',
  'group',
  'employee',
  'number',
  'hangup',
]);

/** One step of an incoming-call scheme, by its `type`. */
function readNode(r: Reader, v: unknown, path: string): SchemeNode | undefined {
  const o = r.obj(v, path);
  if (!o) return undefined;
  const id = r.str(o, 'id', path, true);
  const type = r.oneOf(o, 'type', path, NODE_TYPES);
  if (id === undefined || type === undefined) return undefined;
  const opt = (k: string) => r.str(o, k, path, false);
  switch (type) {
    case 'menu': {
      const items: Record<string, string> = {};
      const io = o.items === undefined ? {} : r.obj(o.items, join(path, 'items'));
      for (const [k, t] of Object.entries(io ?? {})) {
        if (!/^[0-9*#]$/.test(k)) r.fail(join(join(path, 'items'), k), OFFICE_ISSUES.menuKey);
        if (typeof t !== 'string') r.fail(join(join(path, 'items'), k), OFFICE_ISSUES.menuTarget);
        else items[k] = t;
      }
      const n: SchemeNode = { id, type, timeout_sec: r.num(o, 'timeout_sec', path, false, 1) ?? 10, items };
      const audio = r.num(o, 'audio_id', path, false);
      if (audio !== undefined) n.audio_id = audio;
      const t = opt('timeout');
      if (t) n.timeout = t;
      return n;
    }
    case 'disa': {
      const n: SchemeNode = {
        id,
        type,
        wait_sec: r.num(o, 'wait_sec', path, false, 1) ?? 5,
        max_digits: r.num(o, 'max_digits', path, false, 1) ?? 99,
        timeout_sec: r.num(o, 'timeout_sec', path, false, 1) ?? 15,
      };
      const audio = r.num(o, 'audio_id', path, false);
      if (audio !== undefined) n.audio_id = audio;
      const next = opt('next');
      if (next) n.next = next;
      const t = opt('timeout');
      if (t) n.timeout = t;
      return n;
    }
    case 'play': {
      const n: SchemeNode = {
        id,
        type,
        audio_id: r.num(o, 'audio_id', path, true) ?? 0,
        duration_sec: r.num(o, 'duration_sec', path, false, 0) ?? 0,
      };
      const next = opt('next');
      if (next) n.next = next;
      return n;
    }
    case 'group': {
      const n: SchemeNode = { id, type, group_id: r.num(o, 'group_id', path, true) ?? 0 };
      const f = opt('fallback');
      if (f) n.fallback = f;
      return n;
    }
    case 'employee': {
      const n: SchemeNode = { id, type, extension: r.str(o, 'extension', path, true) ?? '' };
      const f = opt('fallback');
      if (f) n.fallback = f;
      return n;
    }
    case 'number': {
      const n: SchemeNode = { id, type, number: r.str(o, 'number', path, true) ?? '' };
      const f = opt('fallback');
      if (f) n.fallback = f;
      return n;
    }
    case 'hangup':
      return { id, type };
  }
}

/** One incoming-call scheme: its nodes and the node a call enters. */
export function readScheme(r: Reader, v: unknown, path: string): Scheme | undefined {
  const o = r.obj(v, path);
  if (!o) return undefined;
  const schema_id = r.num(o, 'schema_id', path, true, 1);
  const name = r.str(o, 'name', path, false) ?? `Scheme ${String(schema_id)}`;
  const start = r.str(o, 'start', path, true);
  const nodes: SchemeNode[] = [];
  r.arr(o, 'nodes', path, true).forEach((nv, i) => {
    const n = readNode(r, nv, join(join(path, 'nodes'), i));
    if (n) nodes.push(n);
  });
  if (schema_id === undefined || start === undefined) return undefined;
  const s: Scheme = { schema_id, name, start, nodes };
  if (typeof o.description === 'string') s.description = o.description;
  return s;
}
