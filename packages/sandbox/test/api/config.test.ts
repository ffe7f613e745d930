import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { LIST_LIMIT } from '../../src/api/config/lists.js';
import { USER_EXT_FIELDS } from '../../src/api/config/users.js';
import { T0, testOffice } from './harness.js';
import { type SandboxApi, startSandboxApi } from './sandboxHarness.js';

describe('config/users/request (reference §3.5)', () => {
  let api: SandboxApi;
  before(async () => {
    api = await startSandboxApi();
  });
  after(() => api.close());

  it('answers {users} without result, in the vendor shape', async () => {
    const r = await api.post('/vpbx/config/users/request', {});
    assert.deepEqual(Object.keys(r.json), ['users']);
    assert.equal(r.json.users.length, 3);
    const anna = r.json.users[0];
    assert.deepEqual(anna.general, {
      name: 'Анна Петрова',
      email: 'anna@example.test',
      department: 'Sales',
      position: 'Manager',
    });
    assert.equal(anna.telephony.extension, '101');
    assert.equal(anna.telephony.outgoingline, '74951110000');
    assert.deepEqual(anna.telephony.numbers[1], {
      number: '79160000001',
      number_normalized: '79160000001',
      protocol: 'tel',
      order: 1,
      wait_sec: 0,
      status: 'off',
    });
    assert.equal(anna.groups, undefined);
    assert.equal(r.json.users[2].telephony.extension, '');
  });

  it('adds every ext_field on request', async () => {
    const r = await api.post('/vpbx/config/users/request', {
      extension: '101',
      ext_fields: [...USER_EXT_FIELDS],
    });
    const [anna] = r.json.users;
    assert.equal(anna.general.user_id, 1);
    assert.equal(anna.general.access_role_id, 1);
    assert.equal(anna.general.mobile, '79160000001');
    assert.equal(anna.general.login, 'anna');
    assert.equal(anna.general.use_status, true);
    assert.equal(anna.general.use_cc_numbers, false);
    assert.deepEqual(anna.general.sips, [{ number: 'sip:anna@office.mangosip.ru' }]);
    assert.equal(anna.telephony.dial_alg, 1);
    assert.equal(anna.telephony.line_id, 1);
    assert.equal(anna.telephony.trunk_number_id, null);
    assert.deepEqual(anna.telephony.numbers[1].schedule, {
      items: [{ type: 'WorkingDays', from: '09:00', until: '18:00' }],
    });
    assert.deepEqual(anna.groups, [10]);
  });

  it('filters by extension and rejects unknown ext_fields', async () => {
    assert.deepEqual((await api.post('/vpbx/config/users/request', { extension: '999' })).json, {
      users: [],
    });
    const r = await api.post('/vpbx/config/users/request', { ext_fields: ['general.salary'] });
    assert.deepEqual(r.json, { result: 3104, fields: { ext_fields: 3104 } });
  });
});

describe('groups and group CRUD (reference §3.6.1)', () => {
  let api: SandboxApi;
  before(async () => {
    api = await startSandboxApi();
  });
  after(() => api.close());

  it('lists groups with operators and filters', async () => {
    const all = await api.post('/vpbx/groups', {});
    assert.equal(all.json.result, 1000);
    assert.equal(all.json.groups.length, 2);
    assert.deepEqual(all.json.groups[0].operators[0], {
      id: 1,
      name: 'Анна Петрова',
      extension: '101',
      priority: 1,
      order: 0,
    });
    assert.deepEqual(
      (await api.post('/vpbx/groups', { operator_id: 1 })).json.groups.map((g: { id: number }) => g.id),
      [10],
    );
    assert.deepEqual((await api.post('/vpbx/groups', { operator_extension: '102' })).json.groups.length, 2);
    assert.deepEqual((await api.post('/vpbx/groups', { group_id: 11 })).json.groups[0].name, 'Support');
    assert.equal((await api.post('/vpbx/groups', { show_users: 0 })).json.groups[0].operators, undefined);
  });

  it('creates, updates and deletes a group, editing the live office', async () => {
    const created = await api.post('/vpbx/group/create', {
      name: 'Night shift',
      extension: '502',
      dial_alg_group: 5,
      operators: [{ id: 1, priority: 2 }, { id: 2 }],
    });
    assert.equal(created.json.result, 1000);
    const id = created.json.group_id;
    const group = api.office.groups.find((g) => g.id === id)!;
    assert.equal(group.dial_alg_group, 5);
    assert.deepEqual(
      group.operators.map((o) => [o.id, o.priority]),
      [
        [1, 2],
        [2, 1],
      ],
    );
    const updated = await api.post('/vpbx/group/update', {
      group_id: id,
      group: { name: 'Nights', operators: [{ id: 2, priority: 1 }] },
    });
    assert.equal(updated.json.result, 1000);
    assert.equal(group.name, 'Nights');
    assert.equal(group.extension, '502');
    assert.deepEqual(
      group.operators.map((o) => o.id),
      [2],
    );
    assert.equal((await api.post('/vpbx/group/delete', { group_id: id })).json.result, 1000);
    assert.equal(
      api.office.groups.some((g) => g.id === id),
      false,
    );
  });

  it('answers the documented codes', async () => {
    assert.deepEqual((await api.post('/vpbx/group/create', { name: 'X', extension: '101' })).json, {
      result: 3106,
      fields: { extension: 3106 },
    });
    assert.deepEqual((await api.post('/vpbx/group/create', { extension: '600' })).json, {
      result: 3103,
      fields: { name: 3103 },
    });
    assert.deepEqual((await api.post('/vpbx/group/create', { name: 'X', dial_alg_group: 4 })).json, {
      result: 3104,
      fields: { dial_alg_group: 3104 },
    });
    assert.deepEqual((await api.post('/vpbx/group/create', { name: 'X', operators: [{ id: 99 }] })).json, {
      result: 3300,
      fields: { operators: 3300 },
    });
    assert.deepEqual((await api.post('/vpbx/group/update', { group_id: 99, group: {} })).json, {
      result: 3300,
      fields: { group_id: 3300 },
    });
    assert.deepEqual((await api.post('/vpbx/group/delete', { group_id: 99 })).json, {
      result: 3300,
      fields: { group_id: 3300 },
    });
    // Group 10 is the target of scheme 1 (reference §3.6.1: 5202).
    assert.deepEqual((await api.post('/vpbx/group/delete', { group_id: 10 })).json, { result: 5202 });
    assert.equal(api.office.groups.length, 2);
  });
});

describe('members and SIP accounts (reference §3.6.3)', () => {
  let api: SandboxApi;
  before(async () => {
    api = await startSandboxApi();
  });
  after(() => api.close());

  it('creates, updates and deletes an employee', async () => {
    const created = await api.post('/vpbx/member/create', {
      name: 'Вера',
      access_role_id: 2,
      extension: '103',
      email: 'vera@example.test',
      login: 'vera',
      password: 'Secret123',
      dial_alg: 1,
      numbers: [
        { number: '79160000003', protocol: 'tel', wait_sec: 20, status: 'on' },
        {
          number: 'sip:vera@office.mangosip.ru',
          protocol: 'sip',
          schedule: {
            items: [{ type: 'SpecificDate', from: '10:00', until: '12:00', specific_date: '2026-12-31' }],
          },
        },
      ],
    });
    assert.equal(created.json.result, 1000, created.text);
    const id = created.json.user_id;
    const vera = api.office.employees.find((e) => e.user_id === id)!;
    assert.equal(vera.extension, '103');
    assert.deepEqual(
      vera.numbers.map((n) => [n.number, n.order]),
      [
        ['79160000003', 0],
        ['sip:vera@office.mangosip.ru', 1],
      ],
    );
    assert.equal(vera.numbers[1]!.schedule!.items[0]!.specific_date, '2026-12-31');
    const users = await api.post('/vpbx/config/users/request', { extension: '103' });
    assert.equal(users.json.users[0].general.name, 'Вера');
    const updated = await api.post('/vpbx/member/update', {
      user_id: id,
      position: 'Lead',
      outgoingline: '78001110000',
      numbers: [{ number: '79160000004' }],
    });
    assert.equal(updated.json.result, 1000);
    assert.equal(vera.position, 'Lead');
    assert.equal(vera.outgoingline, '78001110000');
    assert.deepEqual(
      vera.numbers.map((n) => n.number),
      ['79160000004'],
    );
    api.office.groups[0]!.operators.push({ id, priority: 1 });
    // A caller-number forwarding rule naming the employee blocks the delete (5203) until removed.
    const rule = await api.post('/vpbx/forwarding/number/add', {
      client_phone_number: '79990001122',
      forward_type: 'user',
      forward_to_user: { forward_user_id: id },
    });
    assert.equal(rule.json.result, 1000);
    assert.equal((await api.post('/vpbx/member/delete', { user_id: id })).json.result, 5203);
    assert.ok(api.office.employees.some((e) => e.user_id === id));
    const removed = await api.post('/vpbx/forwarding/number/remove', { forward_id: rule.json.forward_id });
    assert.equal(removed.json.result, 1000);
    assert.equal((await api.post('/vpbx/member/delete', { user_id: id })).json.result, 1000);
    assert.equal(
      api.office.employees.some((e) => e.user_id === id),
      false,
    );
    assert.equal(
      api.office.groups[0]!.operators.some((o) => o.id === id),
      false,
    );
  });

  it('answers the documented codes', async () => {
    const post = async (path: string, p: Record<string, unknown>) => (await api.post(path, p)).json;
    assert.deepEqual(await post('/vpbx/member/create', { name: 'X', access_role_id: 2, extension: '101' }), {
      result: 3106,
      fields: { extension: 3106 },
    });
    assert.deepEqual(await post('/vpbx/member/create', { name: 'X' }), {
      result: 3103,
      fields: { access_role_id: 3103, extension: 3103 },
    });
    assert.deepEqual(
      await post('/vpbx/member/create', { name: 'X', access_role_id: 2, extension: '104', login: 'x' }),
      {
        result: 3125,
        fields: { password: 3125 },
      },
    );
    assert.deepEqual(
      await post('/vpbx/member/create', {
        name: 'X',
        access_role_id: 2,
        extension: '104',
        login: 'xx',
        password: 'weak',
      }),
      {
        result: 3120,
        fields: { password: 3120 },
      },
    );
    assert.deepEqual(
      await post('/vpbx/member/create', { name: 'X', access_role_id: 2, extension: '104', email: 'nope' }),
      {
        result: 3112,
        fields: { email: 3112 },
      },
    );
    assert.deepEqual(
      await post('/vpbx/member/create', { name: 'X', access_role_id: 2, extension: '104', line_id: 3 }),
      {
        result: 3124,
        fields: { line_id: 3124 },
      },
    );
    assert.deepEqual(
      await post('/vpbx/member/create', {
        name: 'X',
        access_role_id: 2,
        extension: '104',
        trunk_number_id: 20,
        dial_alg: 3,
      }),
      {
        result: 3104,
        fields: { dial_alg: 3104 },
      },
    );
    const badSchedule = await post('/vpbx/member/create', {
      name: 'X',
      access_role_id: 2,
      extension: '104',
      numbers: [
        { number: '7916', schedule: { items: [{ type: 'Someday', from: '25:00', until: '10:00' }] } },
      ],
    });
    assert.equal(badSchedule.result, 3104);
    assert.deepEqual(Object.keys(badSchedule.fields).sort(), [
      'numbers[0].schedule.items[0].from',
      'numbers[0].schedule.items[0].type',
    ]);
    assert.deepEqual(await post('/vpbx/member/update', { user_id: 99 }), {
      result: 3300,
      fields: { user_id: 3300 },
    });
    assert.deepEqual(await post('/vpbx/member/update', { user_id: 'one' }), {
      result: 3104,
      fields: { user_id: 3104 },
    });
    assert.deepEqual(await post('/vpbx/member/delete', {}), { result: 3103, fields: { user_id: 3103 } });
    assert.equal(api.office.employees.length, 3);
  });

  it('lists, creates, updates and deletes SIP accounts', async () => {
    const list = await api.post('/vpbx/sips', {});
    assert.deepEqual(list.json, {
      result: 1000,
      data: [{ user_id: 1, sips: [{ id: 11, login: 'anna', domain: 'office.mangosip.ru' }] }],
    });
    const created = await api.post('/vpbx/sip/create', {
      user_id: 2,
      login: 'boris',
      domain: 'office.mangosip.ru',
      password: 'Passw0rdX',
    });
    assert.equal(created.json.result, 1000);
    const sipId = created.json.sip_id;
    assert.equal(sipId, 12);
    assert.deepEqual(
      api.office.employees[1]!.sips.map((s) => s.login),
      ['boris'],
    );
    assert.equal(
      (await api.post('/vpbx/sip/update', { sip_id: sipId, login: 'boris2', description: 'desk' })).json
        .result,
      1000,
    );
    assert.equal(api.office.employees[1]!.sips[0]!.login, 'boris2');
    const codes = async (p: Record<string, unknown>) => (await api.post('/vpbx/sip/create', p)).json;
    assert.deepEqual(await codes({ user_id: 2, login: 'boris' }), {
      result: 3103,
      fields: { domain: 3103, password: 3103 },
    });
    assert.deepEqual(
      await codes({ user_id: 2, login: '000x', domain: 'office.mangosip.ru', password: 'Passw0rdX' }),
      {
        result: 3121,
        fields: { login: 3121 },
      },
    );
    assert.deepEqual(
      await codes({ user_id: 2, login: 'boris3', domain: 'other.ru', password: 'Passw0rdX' }),
      { result: 5211 },
    );
    assert.deepEqual(
      await codes({ user_id: 2, login: 'anna', domain: 'office.mangosip.ru', password: 'Passw0rdX' }),
      {
        result: 3106,
        fields: { login: 3106 },
      },
    );
    assert.deepEqual(
      await codes({ user_id: 77, login: 'boris4', domain: 'office.mangosip.ru', password: 'Passw0rdX' }),
      {
        result: 3300,
        fields: { user_id: 3300 },
      },
    );
    assert.equal((await api.post('/vpbx/sip/delete', { sip_id: sipId })).json.result, 1000);
    assert.deepEqual((await api.post('/vpbx/sip/delete', { sip_id: sipId })).json, {
      result: 3300,
      fields: { sip_id: 3300 },
    });
  });
});

describe('account and inventory (reference §3.6.2)', () => {
  let api: SandboxApi;
  before(async () => {
    api = await startSandboxApi();
  });
  after(() => api.close());

  it('account/balance with Moscow response_at', async () => {
    const r = await api.post('/vpbx/account/balance', {});
    // T0 is 12:00:00 Moscow.
    assert.deepEqual(r.json, {
      result: 1000,
      balance: 1500.5,
      currency: 'RUB',
      response_at: '2026-11-27 12:00:00',
    });
    api.office.account.balance -= 0.5;
    assert.equal((await api.post('/vpbx/account/balance', {})).json.balance, 1500);
  });

  it('incominglines, audiofiles, roles, domains, trunks/numbers', async () => {
    const lines = (await api.post('/vpbx/incominglines', {})).json;
    assert.deepEqual(lines.lines[0], {
      line_id: 1,
      number: '74951110000',
      name: 'Main',
      comment: '',
      region: '77',
      schema_id: 1,
      schema_name: 'Daytime',
    });
    assert.deepEqual((await api.post('/vpbx/audiofiles', {})).json, {
      result: 1000,
      audiofiles: [
        { id: 100, name: 'greeting.mp3' },
        { id: 101, name: 'hold.mp3' },
      ],
    });
    assert.equal((await api.post('/vpbx/roles', {})).json.roles[1].permissions[0].param, 'own');
    assert.deepEqual((await api.post('/vpbx/domains', {})).json, {
      result: 1000,
      domains: ['office.mangosip.ru'],
    });
    assert.deepEqual((await api.post('/vpbx/trunks/numbers', {})).json.data[1], {
      trunk_number_id: 21,
      trunk_id: 2,
      number: '74952220001',
      options: 4,
      desc: '',
    });
  });

  it('schemas and schema/set on a line or a trunk number', async () => {
    let schemas = (await api.post('/vpbx/schemas', {})).json.data;
    assert.deepEqual(schemas[0], { schema_id: 1, name: 'Daytime', description: '', incominglines: [1] });
    assert.equal((await api.post('/vpbx/schema/set', { schema_id: 2, line_id: 1 })).json.result, 1000);
    assert.equal(api.office.lines[0]!.schema_id, 2);
    assert.equal(
      (await api.post('/vpbx/schema/set', { schema_id: 2, trunk_number_id: 20 })).json.result,
      1000,
    );
    schemas = (await api.post('/vpbx/schemas', { ext_fields: ['trunks_numbers'] })).json.data;
    assert.deepEqual(schemas[1], {
      schema_id: 2,
      name: 'Night',
      description: '',
      incominglines: [1],
      sip_trunks_numbers: [20],
    });
    const codes = async (p: Record<string, unknown>) => (await api.post('/vpbx/schema/set', p)).json;
    assert.deepEqual(await codes({ schema_id: 2, trunk_number_id: 21 }), {
      result: 3124,
      fields: { trunk_number_id: 3124 },
    });
    assert.deepEqual(await codes({ schema_id: 9, line_id: 1 }), {
      result: 3300,
      fields: { schema_id: 3300 },
    });
    assert.deepEqual(await codes({ schema_id: 2 }), { result: 3135, fields: { line_id: 3135 } });
    assert.deepEqual(await codes({ schema_id: 2, line_id: 1, trunk_number_id: 20 }), {
      result: 3123,
      fields: { trunk_number_id: 3123 },
    });
  });

  it('autosecretary rules and status', async () => {
    const rules = (await api.post('/vpbx/autosecretary/rules', { user_id: 1 })).json;
    assert.equal(rules.rules[0].rule_id, 7);
    assert.equal(rules.rules[0].active, false);
    assert.equal(
      (await api.post('/vpbx/autosecretary/status/change', { user_id: 1, rule_id: 7, active: 1 })).json
        .result,
      1000,
    );
    assert.equal(api.office.autosecretary_rules[0]!.active, true);
    assert.deepEqual(
      (await api.post('/vpbx/autosecretary/status/change', { user_id: 1, rule_id: 8, active: 0 })).json,
      {
        result: 3300,
        fields: { rule_id: 3300 },
      },
    );
    assert.deepEqual((await api.post('/vpbx/autosecretary/rules', { user_id: 99 })).json, {
      result: 3300,
      fields: { user_id: 3300 },
    });
  });

  it('DCT queries answer {} and an empty history for unknown numbers', async () => {
    assert.deepEqual(
      (await api.post('/vpbx/queries/user_info_by_dct_number', { number: '74951112233' })).json,
      {},
    );
    assert.deepEqual(
      (await api.post('/vpbx/queries/user_history_by_dct_number', { number: '74951112233' })).json,
      { data: [] },
    );
    assert.deepEqual((await api.post('/vpbx/queries/user_info_by_dct_number', {})).json, {
      result: 3103,
      fields: { number: 3103 },
    });
  });
});

describe('DCT queries on an office with call tracking (reference §3.4)', () => {
  let api: SandboxApi;
  const visitor = {
    uid: 'b7e1c0de-0001',
    widget_id: 31,
    widget_name: 'Site',
    ga_cid: '1187293645.1795772110',
    ip: '95.26.114.83',
    region_id: 43,
    location: { country_code: 'RU', region_code: '16', region: 'Republic of Tatarstan', city: 'Kazan' },
    channel: { source: 'yandex', medium: 'cpc', campaign: 'autumn', content: 'ad_42', term: 'pbx' },
    duration: 412,
    current_page: { url: 'https://shop.example/pricing', date: '2026-11-27T08:58:41Z', title: 'Pricing' },
    device: 'desktop' as const,
    custom: 'order 1717',
  };
  const history = [
    { url: 'https://shop.example/', date: '2026-11-27T08:51:49Z', title: 'Shop' },
    { url: 'https://shop.example/pricing', date: '2026-11-27T08:58:41Z', title: 'Pricing' },
  ];
  before(async () => {
    const office = testOffice();
    office.lines.push({ line_id: 4, number: '74951110004', name: 'Tracking, unbound', region: '77' });
    office.call_tracking = [
      { number: '74951110000', type: 1, visitor, history },
      { number: '78001110000', type: 2 },
      { number: '74951110004', type: 1 },
    ];
    api = await startSandboxApi({}, office);
  });
  after(() => api.close());

  const info = async (number: unknown) =>
    (await api.post('/vpbx/queries/user_info_by_dct_number', { number })).json;
  const pages = async (number: unknown) =>
    (await api.post('/vpbx/queries/user_history_by_dct_number', { number })).json;

  it('a dynamic number answers its visitor at the top level and the pages seen', async () => {
    assert.deepEqual(await info('74951110000'), visitor);
    assert.deepEqual(await pages('74951110000'), { data: history });
    assert.deepEqual(await info(74951110000), visitor, 'a number given as a number');
  });

  it('static, unbound and unknown numbers answer {} and an empty history', async () => {
    for (const number of ['78001110000', '74951110004', '74959999999']) {
      assert.deepEqual(await info(number), {}, number);
      assert.deepEqual(await pages(number), { data: [] }, number);
    }
  });

  it('the number stays required and bounded; changes to the office show at once', async () => {
    assert.deepEqual(await pages(undefined), { result: 3103, fields: { number: 3103 } });
    assert.deepEqual(await info('7'.repeat(129)), { result: 3109, fields: { number: 3109 } });
    api.office.call_tracking![0]!.visitor!.device = 'mobile';
    assert.equal((await info('74951110000')).device, 'mobile');
  });
});

describe('forwarding rules (reference §3.6.4)', () => {
  let api: SandboxApi;
  before(async () => {
    api = await startSandboxApi();
  });
  after(() => api.close());

  it('lists, adds, changes and removes', async () => {
    const list = (await api.post('/vpbx/forwarding/numbers', {})).json;
    assert.equal(list.total, 1);
    assert.equal(list.numbers[0].forward_to_user.forward_user_id, 1);
    const added = await api.post('/vpbx/forwarding/number/add', {
      client_phone_number: '79035550000',
      client_phone_type: 0,
      status: 1,
      forward_type: 'group',
      forward_to_group: { forward_group_id: 11 },
      comment: 'VIP',
    });
    assert.equal(added.json.result, 1000);
    const rule = api.office.forwarding_rules[1]!;
    assert.deepEqual(rule.forward_to_group, { forward_group_id: 11 });
    const changed = await api.post('/vpbx/forwarding/number/change', {
      forward_id: rule.forward_id,
      forward_type: 'ext_forward',
      forward_to_ext: { forward_number_type: 'tel', forward_number: '79160000009', forward_wait_sec: 30 },
    });
    assert.equal(changed.json.result, 1000);
    assert.equal(rule.forward_to_group, undefined);
    assert.equal(rule.forward_to_ext!.forward_number, '79160000009');
    assert.equal(
      (await api.post('/vpbx/forwarding/numbers', { limit: 1, offset: 1 })).json.numbers[0].forward_id,
      rule.forward_id,
    );
    assert.equal(
      (await api.post('/vpbx/forwarding/number/remove', { forward_id: rule.forward_id })).json.result,
      1000,
    );
    assert.equal(api.office.forwarding_rules.length, 1);
  });

  it('answers the documented codes', async () => {
    const add = async (p: Record<string, unknown>) => (await api.post('/vpbx/forwarding/number/add', p)).json;
    assert.deepEqual(
      await add({
        client_phone_number: '79031234567',
        forward_type: 'user',
        forward_to_user: { forward_user_id: 2 },
      }),
      { result: 3106, fields: { client_phone_number: 3106 } },
    );
    assert.deepEqual(await add({ client_phone_number: '7903', forward_type: 'group' }), {
      result: 3103,
      fields: { 'forward_to_group.forward_group_id': 3103 },
    });
    assert.deepEqual(
      await add({
        client_phone_number: '7903',
        forward_type: 'user',
        forward_to_user: { forward_user_id: 9 },
      }),
      {
        result: 3300,
        fields: { 'forward_to_user.forward_user_id': 3300 },
      },
    );
    assert.deepEqual((await api.post('/vpbx/forwarding/numbers', { limit: 1001 })).json, {
      result: 3109,
      fields: { limit: 3109 },
    });
    assert.deepEqual((await api.post('/vpbx/forwarding/number/remove', { forward_id: 42 })).json, {
      result: 3300,
      fields: { forward_id: 3300 },
    });
  });
});

describe('black/white lists and outbound bans (reference §3.7)', () => {
  let api: SandboxApi;
  before(async () => {
    api = await startSandboxApi();
  });
  after(() => api.close());

  it('reads state and numbers, adds and deletes numbers', async () => {
    assert.deepEqual((await api.post('/vpbx/bwlists/state/', {})).json, { result: 1000, active: 'black' });
    const added = await api.post('/vpbx/bwlists/number/add/', {
      list_type: 'white',
      number: '7495*',
      comment: 'Moscow',
    });
    assert.equal(added.json.result, 1000);
    const numbers = (await api.post('/vpbx/bwlists/numbers/', {})).json.data;
    assert.equal(numbers.active, 'black');
    assert.deepEqual(numbers.white.numbers, [
      { number_id: 2, number: '7495*', number_type: 'tel', comment: 'Moscow' },
    ]);
    assert.equal((await api.post('/vpbx/bwlists/number/delete/', { number_id: 2 })).json.result, 1000);
    assert.deepEqual(api.office.bwlists.white.numbers, []);
    assert.deepEqual((await api.post('/vpbx/bwlists/number/delete/', { number_id: 2 })).json, {
      result: 3300,
      fields: { number_id: 3300 },
    });
    assert.deepEqual((await api.post('/vpbx/bwlists/number/add/', { list_type: 'grey', number: '1' })).json, {
      result: 3104,
      fields: { list_type: 3104 },
    });
    assert.deepEqual(
      (await api.post('/vpbx/bwlists/number/add/', { list_type: 'black', number: 'abc' })).json,
      {
        result: 3104,
        fields: { number: 3104 },
      },
    );
  });

  it('refuses numbers past the 20 000 limit with 5222', async () => {
    const black = api.office.bwlists.black.numbers;
    const saved = [...black];
    for (let i = black.length; i < LIST_LIMIT; i++)
      black.push({ number_id: 1000 + i, number: `7000${i}`, number_type: 'tel' });
    try {
      assert.deepEqual(
        (await api.post('/vpbx/bwlists/number/add', { list_type: 'white', number: '79001112233' })).json,
        { result: 5222 },
      );
    } finally {
      api.office.bwlists.black.numbers = saved;
    }
  });

  it('outbound blacklist: get, add, describe, modes, delete, enable', async () => {
    const ob = api.office.outbound_blacklist;
    const add = await api.post('/vpbx/outbound_blacklist/add', {
      numbers: [
        { number: '79990000000', mode: 1 },
        { number: '79991111111', mode: 2, description: 'spam', user_id: 1 },
      ],
    });
    assert.deepEqual(add.json, { result: 1000, existed_numbers: ['79990000000'] });
    const got = (await api.post('/vpbx/outbound_blacklist/get', { limit: 1 })).json;
    assert.equal(got.numbers.length, 1);
    assert.equal(got.total, 2);
    assert.equal(got.cursor, 2);
    const filtered = (await api.post('/vpbx/outbound_blacklist/get', { numbers: ['79991111111'] })).json;
    assert.deepEqual(filtered.numbers, [
      { number: '79991111111', mode: 2, enabled: true, description: 'spam', user_id: 1 },
    ]);
    assert.equal(
      (
        await api.post('/vpbx/outbound_blacklist/update_description', {
          numbers: [{ number: '79991111111', description: 'robot' }],
        })
      ).json.result,
      1000,
    );
    assert.equal(ob.numbers[1]!.description, 'robot');
    assert.equal(
      (await api.post('/vpbx/outbound_blacklist/disable_mode', { numbers: [{ number: '79991111111' }] })).json
        .result,
      1000,
    );
    assert.equal(ob.numbers[1]!.enabled, false);
    assert.equal(
      (
        await api.post('/vpbx/outbound_blacklist/enable_mode', {
          numbers: [{ number: '79991111111', mode: 3 }],
        })
      ).json.result,
      1000,
    );
    assert.deepEqual([ob.numbers[1]!.enabled, ob.numbers[1]!.mode], [true, 3]);
    const unknown = await api.post('/vpbx/outbound_blacklist/enable_mode', {
      numbers: [{ number: '79991111111', mode: 1 }, { number: '1' }],
    });
    assert.deepEqual(unknown.json, { result: 3300, fields: { 'numbers[1].number': 3300 } });
    // Nothing changed by the refused request.
    assert.equal(ob.numbers[1]!.mode, 3);
    assert.equal((await api.post('/vpbx/outbound_blacklist/enable', {})).json.result, 1000);
    assert.equal(ob.enabled, true);
    assert.equal((await api.post('/vpbx/outbound_blacklist/disable', {})).json.result, 1000);
    assert.equal(ob.enabled, false);
    assert.equal(
      (await api.post('/vpbx/outbound_blacklist/delete', { numbers: ['79991111111'] })).json.result,
      1000,
    );
    assert.deepEqual(
      ob.numbers.map((n) => n.number),
      ['79990000000'],
    );
    assert.deepEqual((await api.post('/vpbx/outbound_blacklist/add', { numbers: [{ number: 'x' }] })).json, {
      result: 3104,
      fields: { 'numbers[0].number': 3104 },
    });
  });
});

describe('Contact-Center statuses and presence (reference §3.8, §4.9)', () => {
  let api: SandboxApi;
  before(async () => {
    api = await startSandboxApi();
  });
  after(() => api.close());

  it('get_statuses, set_abonent_status with an events/user/status_changed notification, get_presence', async () => {
    const statuses = (await api.post('/cc/get_statuses', {})).json.statuses;
    assert.deepEqual(
      statuses.map((s: { id: number }) => s.id),
      [1, 2, 3, 4, 5, 6],
    );
    assert.equal((await api.post('/cc/set_abonent_status', { abonent_id: 2, status: 3 })).json.result, 1000);
    assert.equal(api.office.employees[1]!.cc_status, 3);
    assert.deepEqual(api.notifications.at(-1), {
      path: 'events/user/status_changed',
      payload: {
        abonent_id: 2,
        status: 3,
        status_alias: 'break',
        parent_status: 3,
        when: T0 * 1000,
        timestamp: T0 * 1000,
      },
    });
    const presence = (await api.post('/cc/get_presence', { abonent_ids: [1, 2] })).json.data;
    assert.deepEqual(
      presence.map((p: { abonent_id: number; status: number }) => [p.abonent_id, p.status]),
      [
        [1, 1],
        [2, 3],
      ],
    );
    assert.deepEqual((await api.post('/cc/set_abonent_status', { abonent_id: 9, status: 1 })).json, {
      result: 3300,
      fields: { abonent_id: 3300 },
    });
  });

  it('set_session_status ends and starts a session', async () => {
    assert.equal((await api.post('/cc/set_session_status', { abonent_id: 1, status: 0 })).json.result, 1000);
    assert.equal(api.office.employees[0]!.cc_status, 4);
    assert.equal(api.notifications.at(-1)!.path, 'events/user/session_end');
    assert.equal(
      (await api.post('/cc/set_session_status', { abonent: 1, status: 'online' })).json.result,
      1000,
    );
    assert.equal(api.office.employees[0]!.cc_status, 1);
    assert.deepEqual((await api.post('/cc/set_session_status', { abonent_id: 1, status: 'maybe' })).json, {
      result: 3104,
      fields: { status: 3104 },
    });
  });
});

describe('address book and outbound campaigns (reference §3.8: paths listed, fields not)', () => {
  let api: SandboxApi;
  before(async () => {
    api = await startSandboxApi();
  });
  after(() => api.close());

  it('answer as an account without the options: 5300 for ab/*, 5101 for campaigns and tasks', async () => {
    for (const path of ['/vpbx/ab/contact', '/vpbx/ab/contacts/create/', '/vpbx/ab/organizations/cursor']) {
      const r = await api.post(path, { limit: 10 });
      assert.equal(r.status, 200, path);
      assert.deepEqual(r.json, { result: 5300 }, path);
    }
    for (const path of [
      '/vpbx/campaign/list',
      '/vpbx/v2/campaign/tasks',
      '/vpbx/tasks/push',
      '/vpbx/task/add',
    ]) {
      const r = await api.post(path, {});
      assert.deepEqual(r.json, { result: 5101 }, path);
    }
    // Still a signed API: a wrong signature is refused before the option check.
    const forged = await api.post('/vpbx/ab/contact', {}, { salt: 'wrong' });
    assert.equal(forged.status, 401);
    // A path the PBX does not have stays 404.
    assert.equal((await api.post('/vpbx/ab/nonsense', {})).status, 404);
  });
});
