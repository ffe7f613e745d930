import { RESULT } from 'mangokit/protocol';
import { readParams } from '../check.js';
import { ok } from '../http/answer.js';
import type { RouteInput } from '../route.js';
import { formatMoscowDateTime } from '../time.js';

/** `account/balance` (reference §3.6.2): `response_at` is Moscow wall time. */
export function accountBalance({ ctx }: RouteInput) {
  const { account } = ctx.office();
  return ok({
    balance: Math.round(account.balance * 100) / 100,
    currency: account.currency,
    response_at: formatMoscowDateTime(ctx.engine.now()),
  });
}

/** `incominglines` (reference §3.6.2). */
export function incomingLines({ ctx }: RouteInput) {
  const office = ctx.office();
  const lines = office.lines.map((l) => ({
    line_id: l.line_id,
    number: l.number,
    name: l.name ?? '',
    comment: l.comment ?? '',
    region: l.region,
    schema_id: l.schema_id ?? null,
    schema_name: office.schemes.find((s) => s.schema_id === l.schema_id)?.name ?? '',
  }));
  return ok({ lines });
}

/** `audiofiles` (reference §3.6.2). */
export function audioFiles({ ctx }: RouteInput) {
  return ok({ audiofiles: ctx.office().audiofiles.map((a) => ({ id: a.id, name: a.name })) });
}

/** `schemas`, with `sip_trunks_numbers` on `ext_fields:["trunks_numbers"]` (reference §3.6.2). */
export function schemasList({ ctx, state, params }: RouteInput) {
  const check = readParams('schemas', params);
  const p = check.valid();
  if (!p) return check.answer();
  const ext = p.ext_fields ?? [];
  const office = ctx.office();
  const data = office.schemes.map((s) => {
    const item: Record<string, unknown> = {
      schema_id: s.schema_id,
      name: s.name,
      description: s.description ?? '',
      incominglines: office.lines.filter((l) => l.schema_id === s.schema_id).map((l) => l.line_id),
    };
    if (ext.includes('trunks_numbers')) {
      item.sip_trunks_numbers = [...state.trunkSchemas(office)]
        .filter(([, schema]) => schema === s.schema_id)
        .map(([id]) => id);
    }
    return item;
  });
  return ok({ data });
}

/** `schema/set`: a scheme onto a line or a trunk number (options 2 or 6) — exactly one of them (reference §3.6.2). */
export function schemaSet({ ctx, state, params }: RouteInput) {
  const office = ctx.office();
  const check = readParams('schema/set', params);
  const { schema_id: schemaId, line_id: lineId, trunk_number_id: trunkId } = check.p;
  if (schemaId !== undefined && !office.schemes.some((s) => s.schema_id === schemaId))
    check.fail('schema_id', RESULT.NOT_FOUND);
  const line = lineId === undefined ? undefined : office.lines.find((l) => l.line_id === lineId);
  if (lineId !== undefined && !line) check.fail('line_id', RESULT.NOT_FOUND);
  const trunk =
    trunkId === undefined ? undefined : office.trunk_numbers.find((t) => t.trunk_number_id === trunkId);
  if (trunkId !== undefined && !trunk) check.fail('trunk_number_id', RESULT.NOT_FOUND);
  if (trunk && trunk.options !== 2 && trunk.options !== 6)
    check.fail('trunk_number_id', RESULT.LINE_NOT_OUTGOING);
  const p = check.valid();
  if (!p) return check.answer();
  if (line) line.schema_id = p.schema_id;
  if (trunk) state.trunkSchemas(office).set(trunk.trunk_number_id, p.schema_id);
  return ok();
}

/** `roles` (reference §3.6.2). */
export function rolesList({ ctx }: RouteInput) {
  return ok({ roles: ctx.office().roles });
}

/** `domains` (reference §3.6.2). */
export function domainsList({ ctx }: RouteInput) {
  return ok({ domains: ctx.office().domains });
}

/** `trunks/numbers` (reference §3.6.2). */
export function trunkNumbers({ ctx }: RouteInput) {
  return ok({ data: ctx.office().trunk_numbers.map((t) => ({ ...t, desc: t.desc ?? '' })) });
}
