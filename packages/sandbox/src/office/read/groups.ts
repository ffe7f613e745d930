import type { Group } from '../types.js';
import { join, membersOf, type Reader } from './reader.js';

const DIAL_ALG_GROUP = membersOf<Group['dial_alg_group']>()([0, 1, 2, 3, 5]);

/** One group: operators with priorities, dial algorithms, ring time, optional queue (reference §3.6.1). */
export function readGroup(r: Reader, v: unknown, path: string): Group | undefined {
  const o = r.obj(v, path);
  if (!o) return undefined;
  const id = r.num(o, 'id', path, true, 1);
  const name = r.str(o, 'name', path, true);
  const dial = r.oneOf(o, 'dial_alg_group', path, DIAL_ALG_GROUP, 0);
  const operators: Group['operators'] = [];
  r.arr(o, 'operators', path).forEach((ov, i) => {
    const p = join(join(path, 'operators'), i);
    const oo = r.obj(ov, p);
    if (!oo) return;
    const opId = r.num(oo, 'id', p, true);
    if (opId === undefined) return;
    const op: Group['operators'][number] = { id: opId, priority: r.num(oo, 'priority', p, false, 0) ?? 1 };
    const order = r.num(oo, 'order', p, false, 0);
    if (order !== undefined) op.order = order;
    operators.push(op);
  });
  const extension = r.str(o, 'extension', path, false);
  if (id === undefined || name === undefined || dial === undefined) return undefined;
  const g: Group = {
    ...(o as unknown as Group),
    id,
    name,
    dial_alg_group: dial,
    dial_alg_users: r.num(o, 'dial_alg_users', path, false, 1) ?? 1,
    operators,
    ring_sec: r.num(o, 'ring_sec', path, false, 1) ?? 20,
  };
  if (extension !== undefined) g.extension = extension;
  if (o.queue !== undefined && o.queue !== null) {
    const qo = r.obj(o.queue, join(path, 'queue'));
    if (qo) {
      g.queue = {
        max_size: r.num(qo, 'max_size', join(path, 'queue'), true, 0) ?? 0,
        max_wait_sec: r.num(qo, 'max_wait_sec', join(path, 'queue'), true, 1) ?? 60,
      };
    }
  } else {
    delete g.queue;
  }
  return g;
}
