import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { API_ROUTES } from '../../src/api/index.js';
import { validateOffice } from '../../src/office/validate.js';
import type { Office } from '../../src/office/types.js';
import { startApi, type TestApi } from './harness.js';

/** Parameter names the methods read, so random requests reach past the "required" checks. */
const NAMES = [
  'command_id',
  'from',
  'to',
  'to_number',
  'line_number',
  'call_id',
  'text',
  'from_extension',
  'call_party_number',
  'internal_id',
  'method',
  'initiator',
  'holded_call_id',
  'transferred_call_id',
  'transfer_initiator_number',
  'date_from',
  'date_to',
  'fields',
  'call_party',
  'key',
  'start_date',
  'end_date',
  'limit',
  'offset',
  'user_ids',
  'group_ids',
  'context_type',
  'context_status',
  'search_string',
  'ext_fields',
  'recording_id',
  'action',
  'extension',
  'group_id',
  'group',
  'name',
  'operators',
  'user_id',
  'access_role_id',
  'numbers',
  'login',
  'password',
  'sip_id',
  'domain',
  'schema_id',
  'line_id',
  'trunk_number_id',
  'rule_id',
  'active',
  'forward_id',
  'forward_type',
  'client_phone_number',
  'forward_to_group',
  'forward_to_user',
  'forward_to_ext',
  'list_type',
  'number',
  'number_id',
  'abonent_id',
  'status',
  'communication_id',
  'email',
  'dial_alg',
  'dial_alg_group',
  'show_users',
  'mode',
];

const value = fc.letrec((tie) => ({
  leaf: fc.oneof(
    {
      arbitrary: fc.constantFrom(
        '101',
        '102',
        '500',
        '600',
        '74951110000',
        '27.11.2026 10:00:00',
        'black',
        'user',
        'tel',
        'blind',
        'office.mangosip.ru',
        'Passw0rdX',
        'anna',
      ),
      weight: 6,
    },
    { arbitrary: fc.constantFrom(0, 1, 2, 10, 11, 12, 20, 100, 1e12, -1, 3.5), weight: 4 },
    { arbitrary: fc.string({ maxLength: 12 }), weight: 1 },
    { arbitrary: fc.boolean(), weight: 1 },
    { arbitrary: fc.constant(null), weight: 1 },
  ),
  node: fc.oneof(
    { depthSize: 'small' },
    tie('leaf'),
    fc.array(tie('node'), { maxLength: 3 }),
    fc.dictionary(
      fc.constantFrom(...NAMES, 'number', 'protocol', 'id', 'priority', 'items', 'type'),
      tie('node'),
      { maxKeys: 4 },
    ),
  ),
})).node;

function unique(values: Array<string | number | undefined>, what: string): void {
  const seen = values.filter((v) => v !== undefined && v !== '');
  assert.equal(new Set(seen).size, seen.length, `duplicate ${what}: ${seen.join(',')}`);
}

/** What the API must never break, beyond the loader's own checks. */
function assertInvariants(office: Office): void {
  validateOffice(structuredClone(office));
  unique(
    [...office.employees.map((e) => e.extension), ...office.groups.map((g) => g.extension)],
    'short number',
  );
  unique(
    office.employees.map((e) => e.user_id),
    'user_id',
  );
  unique(
    office.groups.map((g) => g.id),
    'group id',
  );
  unique(
    office.employees.flatMap((e) => e.sips.map((s) => s.id)),
    'sip id',
  );
  unique(
    office.employees.flatMap((e) => e.sips.map((s) => `${s.login}@${s.domain}`)),
    'sip login',
  );
  unique(
    [...office.bwlists.black.numbers, ...office.bwlists.white.numbers].map((n) => n.number_id),
    'number_id',
  );
  unique(
    office.forwarding_rules.map((r) => r.forward_id),
    'forward_id',
  );
  unique(
    office.forwarding_rules.map((r) => r.client_phone_number),
    'forwarded number',
  );
  unique(
    office.outbound_blacklist.numbers.map((n) => n.number),
    'banned number',
  );
  const ids = new Set(office.employees.map((e) => e.user_id));
  for (const g of office.groups)
    for (const o of g.operators) assert.ok(ids.has(o.id), `group ${g.id} has a deleted operator ${o.id}`);
}

const params = fc.dictionary(fc.constantFrom(...NAMES), value, { maxKeys: 3 });

describe('robustness: random parameters on every method', () => {
  let api: TestApi;
  before(async () => {
    api = await startApi();
    api.engine.recordings.set('R1', {
      recording_id: 'R1',
      entry_id: 'E',
      call_id: 'C',
      started_at: 1,
      completed_at: 2,
      duration_sec: 1,
    });
  });
  after(() => api.close());

  it('every method answers a well-formed answer (never 5xx) and the office stays consistent', {
    timeout: 120_000,
  }, async () => {
    // The required parameters of each method, read from its answer to `{}`, are always sent.
    const required = new Map<string, string[]>();
    for (const path of Object.keys(API_ROUTES)) {
      const r = await api.post(`/${path}`, {});
      required.set(
        path,
        Object.keys(r.json?.fields ?? {}).filter((k) => !k.includes('.')),
      );
    }
    const request = fc
      .constantFrom(...required.keys())
      .chain((path) =>
        fc
          .tuple(fc.record(Object.fromEntries(required.get(path)!.map((k) => [k, value]))), params)
          .map(([req, extra]) => ({ path, p: { ...extra, ...req } })),
      );
    await fc.assert(
      fc.asyncProperty(request, async ({ path, p }) => {
        const r = await api.post(`/${path}`, p);
        assert.ok(
          [200, 204, 302, 404].includes(r.status),
          `${path} ${JSON.stringify(p)} → ${r.status} ${r.text}`,
        );
        if (r.status === 200 && r.json !== undefined && typeof r.json === 'object' && 'result' in r.json) {
          assert.ok(
            Number.isInteger(r.json.result) && r.json.result >= 1000 && r.json.result < 10000,
            `${path}: ${r.text}`,
          );
          if (r.json.result !== 1000 && r.json.fields) {
            for (const code of Object.values(r.json.fields))
              assert.ok(Number.isInteger(code), `${path}: ${r.text}`);
          }
        }
        // Whatever was accepted, the office is still consistent.
        assertInvariants(api.office);
      }),
      { numRuns: 500 },
    );
  });

  it('every method answers an empty request without 5xx', async () => {
    for (const path of Object.keys(API_ROUTES)) {
      const r = await api.post(`/${path}`, {});
      assert.ok(r.status < 500, `${path} → ${r.status}`);
    }
  });
});
