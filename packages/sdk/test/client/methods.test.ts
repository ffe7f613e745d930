// Long on purpose: one table row per API method of the reference (every resource method, the
// path it hits and the exact parameters it sends), so the whole surface is checked in one place.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { MangoClient } from 'mangokit';
import { type FakeVpbx, startFakeVpbx } from '../support/fakeVpbx.js';

const KEY = 'k-methods';
const SALT = 's-methods';

/** One method call: what to invoke, the path it must hit and params it must send. */
interface Case {
  name: string;
  path: string;
  call: (c: MangoClient) => Promise<unknown>;
  sent: Record<string, unknown>;
  answer?: Record<string, unknown>;
  /** A field of the typed answer to check. */
  check?: (out: unknown) => void;
}

const cmd = (o: unknown) => {
  const r = o as { command_id: string; result: number };
  assert.equal(typeof r.command_id, 'string');
  assert.equal(r.result, 1000);
};

const CASES: Case[] = [
  {
    name: 'calls.callback with line and device',
    path: 'commands/callback',
    call: (c) =>
      c.calls.callback({
        from: { extension: '101', number: 'sip:anna@x.mangosip.ru' },
        to_number: '74951234567',
        line_number: 'Main line',
        sip_headers: { 'Call-Info/answer-after': '0' },
      }),
    sent: {
      from: { extension: '101', number: 'sip:anna@x.mangosip.ru' },
      to_number: '74951234567',
      line_number: 'Main line',
      sip_headers: { 'Call-Info/answer-after': '0' },
    },
    check: cmd,
  },
  {
    name: 'calls.callbackGroup',
    path: 'commands/callback_group',
    call: (c) => c.calls.callbackGroup({ from: '74951234567', to: '500', line_number: '74950000000' }),
    sent: { from: '74951234567', to: '500', line_number: '74950000000' },
    check: cmd,
  },
  {
    name: 'calls.hangup',
    path: 'commands/call/hangup',
    call: (c) => c.calls.hangup({ call_id: 'leg-1' }),
    sent: { call_id: 'leg-1' },
    check: cmd,
  },
  {
    name: 'calls.route (interception)',
    path: 'commands/route',
    call: (c) =>
      c.calls.route({ call_id: 'leg-2', to_number: '102', sip_headers: { 'From/display-name': 'VIP' } }),
    sent: { call_id: 'leg-2', to_number: '102', sip_headers: { 'From/display-name': 'VIP' } },
    check: cmd,
  },
  {
    name: 'calls.transfer',
    path: 'commands/transfer',
    call: (c) => c.calls.transfer({ call_id: 'leg-3', method: 'hold', to_number: '103', initiator: '101' }),
    sent: { call_id: 'leg-3', method: 'hold', to_number: '103', initiator: '101' },
    check: cmd,
  },
  {
    name: 'calls.hold',
    path: 'commands/call/hold/on',
    call: (c) => c.calls.hold({ call_id: 'leg-4', initiator: '101' }),
    sent: { call_id: 'leg-4', initiator: '101' },
    check: cmd,
  },
  {
    name: 'calls.connect',
    path: 'commands/calls_connect',
    call: (c) =>
      c.calls.connect({ holded_call_id: 'h1', transfer_initiator_number: '101', transferred_call_id: 't1' }),
    sent: { holded_call_id: 'h1', transfer_initiator_number: '101', transferred_call_id: 't1' },
    check: cmd,
  },
  {
    name: 'calls.cancelTransfer',
    path: 'commands/transfer_cancel',
    call: (c) => c.calls.cancelTransfer({ call_id: 'h2' }),
    sent: { call_id: 'h2' },
    check: cmd,
  },
  {
    name: 'calls.startRecording',
    path: 'commands/recording/start',
    call: (c) => c.calls.startRecording({ call_id: 'leg-5', call_party_number: '101' }),
    sent: { call_id: 'leg-5', call_party_number: '101' },
    check: cmd,
  },
  {
    name: 'calls.play',
    path: 'commands/play/start',
    call: (c) => c.calls.play({ call_id: 'leg-6', internal_id: 1000237176, after_play_time: 20 }),
    sent: { call_id: 'leg-6', internal_id: 1000237176, after_play_time: 20 },
    check: cmd,
  },
  {
    name: 'sms.send',
    path: 'commands/sms',
    call: (c) =>
      c.sms.send({
        text: 'Привет & 100%',
        from_extension: '101',
        to_number: '79001234567',
        sms_sender: 'Shop',
      }),
    sent: { text: 'Привет & 100%', from_extension: '101', to_number: '79001234567', sms_sender: 'Shop' },
    check: cmd,
  },
  {
    name: 'users.list with ext_fields',
    path: 'config/users/request',
    call: (c) => c.users.list({ ext_fields: ['general.user_id', 'groups'] }),
    sent: { ext_fields: ['general.user_id', 'groups'] },
    answer: { users: [{ general: { name: 'A', user_id: 7 }, telephony: { extension: '101' }, groups: [1] }] },
    check: (o) =>
      assert.equal((o as { users: { general: { user_id: number } }[] }).users[0]?.general.user_id, 7),
  },
  {
    name: 'groups.list',
    path: 'groups',
    call: (c) => c.groups.list({ show_users: 1 }),
    sent: { show_users: 1 },
    answer: { result: 1000, groups: [{ id: 5, name: 'Sales', operators: [{ id: 7 }] }] },
    check: (o) => assert.equal((o as { groups: { id: number }[] }).groups[0]?.id, 5),
  },
  {
    name: 'groups.create',
    path: 'group/create',
    call: (c) => c.groups.create({ name: 'Support', dial_alg_group: 2, operators: [{ id: 7, priority: 1 }] }),
    sent: { name: 'Support', dial_alg_group: 2, operators: [{ id: 7, priority: 1 }] },
    answer: { result: 1000, group_id: 9 },
    check: (o) => assert.equal((o as { group_id: number }).group_id, 9),
  },
  {
    name: 'groups.update',
    path: 'group/update',
    call: (c) => c.groups.update({ group_id: 9, group: { name: 'Support 2' } }),
    sent: { group_id: 9, group: { name: 'Support 2' } },
  },
  {
    name: 'groups.delete',
    path: 'group/delete',
    call: (c) => c.groups.delete({ group_id: 9 }),
    sent: { group_id: 9 },
  },
  {
    name: 'members.create',
    path: 'member/create',
    call: (c) =>
      c.members.create({
        name: 'Boris',
        access_role_id: 1,
        extension: '104',
        numbers: [{ number: '79001112233', protocol: 'tel', status: 'on' }],
      }),
    sent: {
      name: 'Boris',
      access_role_id: 1,
      extension: '104',
      numbers: [{ number: '79001112233', protocol: 'tel', status: 'on' }],
    },
    answer: { result: 1000, user_id: 44 },
    check: (o) => assert.equal((o as { user_id: number }).user_id, 44),
  },
  {
    name: 'members.update',
    path: 'member/update',
    call: (c) => c.members.update({ user_id: 44, position: 'Lead' }),
    sent: { user_id: 44, position: 'Lead' },
  },
  {
    name: 'members.delete',
    path: 'member/delete',
    call: (c) => c.members.delete({ user_id: 44 }),
    sent: { user_id: 44 },
  },
  {
    name: 'sips.list',
    path: 'sips',
    call: (c) => c.sips.list(),
    sent: {},
    answer: {
      result: 1000,
      data: [{ user_id: 7, sips: [{ id: 1, login: 'anna', domain: 'x.mangosip.ru' }] }],
    },
  },
  {
    name: 'sips.create',
    path: 'sip/create',
    call: (c) =>
      c.sips.create({ user_id: 7, login: 'anna2', domain: 'x.mangosip.ru', password: 'Secret123' }),
    sent: { user_id: 7, login: 'anna2', domain: 'x.mangosip.ru', password: 'Secret123' },
    answer: { result: 1000, sip_id: 3 },
  },
  {
    name: 'sips.update',
    path: 'sip/update',
    call: (c) => c.sips.update({ sip_id: 3, description: 'desk' }),
    sent: { sip_id: 3, description: 'desk' },
  },
  { name: 'sips.delete', path: 'sip/delete', call: (c) => c.sips.delete({ sip_id: 3 }), sent: { sip_id: 3 } },
  {
    name: 'account.balance',
    path: 'account/balance',
    call: (c) => c.account.balance(),
    sent: {},
    answer: { result: 1000, balance: 963592.45, currency: 'RUB' },
    check: (o) => assert.equal((o as { balance: number }).balance, 963592.45),
  },
  {
    name: 'lines.list',
    path: 'incominglines',
    call: (c) => c.lines.list(),
    sent: {},
    answer: { result: 1000, lines: [] },
  },
  {
    name: 'audio.list',
    path: 'audiofiles',
    call: (c) => c.audio.list(),
    sent: {},
    answer: { result: 1000, audiofiles: [] },
  },
  {
    name: 'schemas.list',
    path: 'schemas',
    call: (c) => c.schemas.list({ ext_fields: ['trunks_numbers'] }),
    sent: { ext_fields: ['trunks_numbers'] },
    answer: { result: 1000, data: [] },
  },
  {
    name: 'schemas.set',
    path: 'schema/set',
    call: (c) => c.schemas.set({ schema_id: 2, line_id: 5 }),
    sent: { schema_id: 2, line_id: 5 },
  },
  {
    name: 'roles.list',
    path: 'roles',
    call: (c) => c.roles.list(),
    sent: {},
    answer: { result: 1000, roles: [] },
  },
  {
    name: 'domains.list',
    path: 'domains',
    call: (c) => c.domains.list(),
    sent: {},
    answer: { result: 1000, domains: ['x.mangosip.ru'] },
  },
  {
    name: 'trunks.numbers',
    path: 'trunks/numbers',
    call: (c) => c.trunks.numbers(),
    sent: {},
    answer: { result: 1000, data: [] },
  },
  {
    name: 'autosecretary.rules',
    path: 'autosecretary/rules',
    call: (c) => c.autosecretary.rules({ user_id: 7 }),
    sent: { user_id: 7 },
    answer: { result: 1000, rules: [] },
  },
  {
    name: 'autosecretary.changeStatus',
    path: 'autosecretary/status/change',
    call: (c) => c.autosecretary.changeStatus({ user_id: 7, rule_id: 1, active: 0 }),
    sent: { user_id: 7, rule_id: 1, active: 0 },
  },
  {
    name: 'forwarding.list',
    path: 'forwarding/numbers',
    call: (c) => c.forwarding.list({ limit: 100, offset: 0 }),
    sent: { limit: 100, offset: 0 },
    answer: { result: 1000, numbers: [], total: 0 },
  },
  {
    name: 'forwarding.add',
    path: 'forwarding/number/add',
    call: (c) =>
      c.forwarding.add({
        client_phone_number: '79001234567',
        client_phone_type: 0,
        status: 1,
        forward_type: 'group',
        forward_to_group: { forward_group_id: 5 },
      }),
    sent: {
      client_phone_number: '79001234567',
      client_phone_type: 0,
      status: 1,
      forward_type: 'group',
      forward_to_group: { forward_group_id: 5 },
    },
  },
  {
    name: 'forwarding.change',
    path: 'forwarding/number/change',
    call: (c) => c.forwarding.change({ forward_id: 3, status: 0 }),
    sent: { forward_id: 3, status: 0 },
  },
  {
    name: 'forwarding.remove',
    path: 'forwarding/number/remove',
    call: (c) => c.forwarding.remove({ forward_id: 3 }),
    sent: { forward_id: 3 },
  },
  {
    name: 'lists.state',
    path: 'bwlists/state',
    call: (c) => c.lists.state(),
    sent: {},
    answer: { result: 1000, active: 'black' },
  },
  {
    name: 'lists.numbers',
    path: 'bwlists/numbers',
    call: (c) => c.lists.numbers(),
    sent: {},
    answer: { result: 1000, data: {} },
  },
  {
    name: 'lists.add',
    path: 'bwlists/number/add',
    call: (c) => c.lists.add({ list_type: 'black', number: '7495*', number_type: 'tel', comment: 'spam' }),
    sent: { list_type: 'black', number: '7495*', number_type: 'tel', comment: 'spam' },
  },
  {
    name: 'lists.delete',
    path: 'bwlists/number/delete',
    call: (c) => c.lists.delete({ number_id: 12 }),
    sent: { number_id: 12 },
  },
  {
    name: 'outboundBlacklist.get',
    path: 'outbound_blacklist/get',
    call: (c) => c.outboundBlacklist.get({ cursor: 1, limit: 100 }),
    sent: { cursor: 1, limit: 100 },
  },
  {
    name: 'outboundBlacklist.add',
    path: 'outbound_blacklist/add',
    call: (c) => c.outboundBlacklist.add({ numbers: [{ number: '79001234567', mode: 3 }] }),
    sent: { numbers: [{ number: '79001234567', mode: 3 }] },
  },
  {
    name: 'outboundBlacklist.updateDescription',
    path: 'outbound_blacklist/update_description',
    call: (c) =>
      c.outboundBlacklist.updateDescription({ numbers: [{ number: '79001234567', description: 'x' }] }),
    sent: { numbers: [{ number: '79001234567', description: 'x' }] },
  },
  {
    name: 'outboundBlacklist.enableMode',
    path: 'outbound_blacklist/enable_mode',
    call: (c) => c.outboundBlacklist.enableMode({ numbers: ['79001234567'], mode: 1 }),
    sent: { numbers: ['79001234567'], mode: 1 },
  },
  {
    name: 'outboundBlacklist.disableMode',
    path: 'outbound_blacklist/disable_mode',
    call: (c) => c.outboundBlacklist.disableMode({ numbers: ['79001234567'], mode: 2 }),
    sent: { numbers: ['79001234567'], mode: 2 },
  },
  {
    name: 'outboundBlacklist.delete',
    path: 'outbound_blacklist/delete',
    call: (c) => c.outboundBlacklist.delete({ numbers: ['79001234567'] }),
    sent: { numbers: ['79001234567'] },
  },
  {
    name: 'outboundBlacklist.enable',
    path: 'outbound_blacklist/enable',
    call: (c) => c.outboundBlacklist.enable(),
    sent: {},
  },
  {
    name: 'outboundBlacklist.disable',
    path: 'outbound_blacklist/disable',
    call: (c) => c.outboundBlacklist.disable(),
    sent: {},
  },
  {
    name: 'dct.userInfo',
    path: 'queries/user_info_by_dct_number',
    call: (c) => c.dct.userInfo({ number: '74951112233' }),
    sent: { number: '74951112233' },
    answer: { uid: 'u1', device: 'mobile' },
    check: (o) => assert.equal((o as { device: string }).device, 'mobile'),
  },
  {
    name: 'dct.userHistory',
    path: 'queries/user_history_by_dct_number',
    call: (c) => c.dct.userHistory({ number: '74951112233' }),
    sent: { number: '74951112233' },
    answer: { data: [] },
  },
  {
    name: 'recordings.transcripts',
    path: 'queries/recording_transcripts',
    call: (c) => c.recordings.transcripts(['R1', 'R2']),
    sent: { recording_id: '["R1","R2"]' },
    answer: { result: 1000, data: [{ recording_id: 'R1', phrases: [['operator', 'Здравствуйте']] }] },
  },
  {
    name: 'recordings.categories',
    path: 'queries/recording_categories',
    call: (c) => c.recordings.categories({ recording_id: 'R1', with_terms: true, with_names: true }),
    sent: { recording_id: '["R1"]', with_terms: true, with_names: true },
    answer: { result: 1000, data: [] },
  },
  {
    name: 'cc.setSessionStatus',
    path: '../cc/set_session_status',
    call: (c) => c.cc.setSessionStatus({ abonent_id: 7, status: 1 }),
    sent: { abonent_id: 7, status: 1 },
  },
  {
    name: 'cc.setAbonentStatus',
    path: '../cc/set_abonent_status',
    call: (c) => c.cc.setAbonentStatus({ abonent_id: 7, status: 3 }),
    sent: { abonent_id: 7, status: 3 },
  },
  {
    name: 'cc.getPresence',
    path: '../cc/get_presence',
    call: (c) => c.cc.getPresence({ abonent_ids: [7] }),
    sent: { abonent_ids: [7] },
    answer: { result: 1000, data: [{ abonent_id: 7, status: 1 }] },
  },
  {
    name: 'cc.getStatuses',
    path: '../cc/get_statuses',
    call: (c) => c.cc.getStatuses(),
    sent: {},
    answer: { result: 1000, statuses: [] },
  },
  {
    name: 'cc.callData',
    path: 'cc/call',
    call: (c) => c.cc.callData({ entry_id: 'E1' }),
    sent: { entry_id: 'E1' },
    answer: { result: 1000, call: {} },
  },
  { name: 'cc.tags', path: 'cc/tags', call: (c) => c.cc.tags(), sent: {} },
  {
    name: 's2t.recordingSummary',
    path: '../s2t/queries/recording_summary',
    call: (c) => c.s2t.recordingSummary({ communication_id: ['c1'] }),
    sent: { communication_id: ['c1'] },
    answer: { result: 1000, data: [{ communication_id: 'c1', summary: 'ok' }] },
  },
  {
    name: 's2t.records',
    path: '../s2t/queries/records',
    call: (c) => c.s2t.records({ date_from: '2026-05-19', date_to: '2026-05-20', offset: 0, limit: 10 }),
    sent: { date_from: '2026-05-19', date_to: '2026-05-20', offset: 0, limit: 10 },
    answer: { result: 1000, data: [] },
  },
  {
    name: 'recognition.tasks',
    path: 'transcribes/tasks',
    call: (c) => c.recognition.tasks({ request_ids: ['q1'] }),
    sent: { request_ids: ['q1'] },
  },
  {
    name: 'request() escape hatch',
    path: 'cc/tags',
    call: (c) => c.request('cc/tags/', { x: 1 }),
    sent: { x: 1 },
  },
  {
    name: 'request() to the Contact-Center base',
    path: '../cc/task/add',
    call: (c) => c.request('../cc/task/add', { name: 't' }),
    sent: { name: 't' },
  },
];

const AB: [keyof MangoClient['addressBook'], string][] = [
  ['organization', 'ab/organization'],
  ['organizationsInit', 'ab/organizations/init'],
  ['organizationsCursor', 'ab/organizations/cursor'],
  ['organizationsCreate', 'ab/organizations/create'],
  ['organizationsUpdate', 'ab/organizations/update'],
  ['organizationsDelete', 'ab/organizations/delete'],
  ['group', 'ab/group'],
  ['groupsInit', 'ab/groups/init'],
  ['groupsCursor', 'ab/groups/cursor'],
  ['groupsCreate', 'ab/groups/create'],
  ['groupsUpdate', 'ab/groups/update'],
  ['groupsDelete', 'ab/groups/delete'],
  ['contact', 'ab/contact'],
  ['contactInit', 'ab/contact/init'],
  ['contactCursor', 'ab/contact/cursor'],
  ['contactsCreate', 'ab/contacts/create'],
  ['contactsUpdate', 'ab/contacts/update'],
  ['contactsDelete', 'ab/contacts/delete'],
  ['customFields', 'ab/custom_fields'],
];
for (const [method, path] of AB) {
  CASES.push({
    name: `addressBook.${method}`,
    path,
    call: (c) => c.addressBook[method]({ probe: method }),
    sent: { probe: method },
  });
}

const CAMPAIGNS: [keyof MangoClient['campaigns'], string][] = [
  ['get', 'campaign'],
  ['list', 'campaign/list'],
  ['add', 'campaign/add'],
  ['update', 'campaign/update'],
  ['start', 'campaign/start'],
  ['stop', 'campaign/stop'],
  ['delete', 'campaign/delete'],
  ['tasks', 'v2/campaign/tasks'],
  ['pushTasks', 'tasks/push'],
  ['finishedTasks', 'tasks/finished'],
  ['resetTasks', 'tasks/reset'],
  ['task', 'task'],
  ['addTask', 'task/add'],
  ['startTask', 'task/start'],
  ['stopTask', 'task/stop'],
  ['deleteTask', 'task/delete'],
  ['updateTask', 'task/update'],
  ['createReport', 'campaign-report/create'],
  ['customTypes', 'custom-type/list'],
];
for (const [method, path] of CAMPAIGNS) {
  CASES.push({
    name: `campaigns.${method}`,
    path,
    call: (c) => c.campaigns[method]({ campaign_id: 1 }),
    sent: { campaign_id: 1 },
  });
}

describe('every API method hits its path with its parameters, signed', () => {
  let fake: FakeVpbx;
  let client: MangoClient;
  before(async () => {
    fake = await startFakeVpbx(KEY, SALT);
    client = new MangoClient({ apiKey: KEY, apiSalt: SALT, baseUrl: fake.baseUrl, rateLimit: false });
  });
  after(() => fake.close());

  for (const c of CASES) {
    it(c.name, async () => {
      fake.on(c.path, () => ({ json: c.answer ?? { result: 1000 } }));
      const before = fake.requests.length;
      const out = await c.call(client);
      assert.equal(fake.requests.length, before + 1);
      const req = fake.requests.at(-1)!;
      const normalised = req.path.endsWith('/') ? req.path.slice(0, -1) : req.path;
      assert.equal(normalised, c.path);
      const { command_id, ...rest } = req.params;
      if (c.path.startsWith('commands/')) {
        assert.equal(command_id, (out as { command_id: string }).command_id);
        assert.deepEqual(rest, c.sent);
      } else {
        assert.deepEqual(req.params, c.sent);
      }
      c.check?.(out);
      assert.deepEqual(fake.problems, []);
    });
  }

  it('uploads a file for offline recognition as multipart', async () => {
    let seen: { type: string; body: string } | undefined;
    const { createServer } = await import('node:http');
    const server = createServer(async (req, res) => {
      const parts: Buffer[] = [];
      for await (const ch of req) parts.push(ch as Buffer);
      seen = { type: req.headers['content-type'] ?? '', body: Buffer.concat(parts).toString('latin1') };
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"result":1000,"request_id":"rq1"}');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const port = (server.address() as { port: number }).port;
      const c = new MangoClient({ apiKey: KEY, apiSalt: SALT, baseUrl: `http://127.0.0.1:${port}/vpbx/` });
      const out = await c.recognition.offlineRecord(
        { user_id: 7, from: '101', to: '79001234567', direction: 'OUT', created: '2026-01-01 10:00:00' },
        { data: new Uint8Array([0xff, 0xfb, 1, 2]), fileName: 'call.mp3' },
      );
      assert.equal(out.request_id, 'rq1');
      assert.match(seen!.type, /^multipart\/form-data; boundary=/);
      const { signJson } = await import('mangokit/protocol');
      const json = /name="json"\r\n\r\n(.*)\r\n/.exec(seen!.body)?.[1] ?? '';
      const sign = /name="sign"\r\n\r\n(.*)\r\n/.exec(seen!.body)?.[1] ?? '';
      assert.equal(sign, signJson({ apiKey: KEY, apiSalt: SALT }, json));
      assert.equal(JSON.parse(json).direction, 'OUT');
      assert.ok(
        seen!.body.includes('filename="call.mp3"\r\nContent-Type: audio/mpeg\r\n\r\n\xff\xfb\x01\x02\r\n'),
      );
      const plain = await c.recognition.record(
        { direction: 'IN' },
        { data: new Uint8Array([1]), fileName: 'a"b.wav', contentType: 'audio/wav' },
      );
      assert.equal(plain.request_id, 'rq1');
      assert.ok(seen!.body.includes('filename="a_b.wav"\r\nContent-Type: audio/wav'));
      await assert.rejects(
        c.recognition.record({}, { data: 'not bytes' as unknown as Uint8Array, fileName: 'x' }),
        /file.data must be bytes/,
      );
    } finally {
      server.close();
    }
  });
});
