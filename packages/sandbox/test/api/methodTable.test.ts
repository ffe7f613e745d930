// Long on purpose: one entry per SDK resource method (the row of the method table it must hit),
// so the whole SDK surface is walked against the table in one place.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { MangoClient } from 'mangokit';
import {
  createEnvelope,
  FORMATS,
  type ItemSpec,
  METHOD_PATHS,
  METHOD_SPECS,
  type MethodSpec,
  methodPathOf,
  type ParamSpec,
  type ParamTable,
  RESULT,
  requestPathOf,
} from 'mangokit/protocol';
import { API_ROUTES } from '../../src/api/index.js';
import { recordingGetRoute } from '../../src/api/recordings/download.js';
import { toneMp3 } from '../../src/media/index.js';
import { API_KEY, API_SALT, type Reply, T0 } from './harness.js';
import { type SandboxApi, startSandboxApi } from './sandboxHarness.js';

// Every vendor method has one row in METHOD_SPECS (mangokit/protocol). This walks the table:
// (a) every method the SDK exposes hits a row, (b) every route the sandbox serves is a row and
// every row is served, (c) for each row, through the real sandbox, a request missing a required
// parameter answers 3103 naming it, and one with a parameter of the wrong type 3104.

type Json = Record<string, unknown>;
const ROWS: Readonly<Record<string, MethodSpec>> = METHOD_SPECS;

/** A value of the right shape for a parameter (formats by their example; numbers a phone number passes). */
function sample(spec: ParamSpec | ItemSpec): unknown {
  switch (spec.type) {
    case 'string':
      return spec.oneOf?.[0] ?? (spec.format ? FORMATS[spec.format].example : '79001234567');
    case 'smsText':
      return 'Hello';
    case 'integer':
      return spec.oneOf?.[0] ?? Math.max(spec.min ?? 1, 1);
    case 'boolean':
      return spec.wire === 'bit' ? 1 : true;
    case 'object':
      return sampleTable(spec.fields);
    case 'array':
      return [sample(spec.items)];
    case 'sipHeaders':
      return {};
  }
}

/** The required parameters of a table with right-shaped values (and the objects they call for). */
function sampleTable(table: ParamTable): Json {
  const out: Json = {};
  for (const [name, spec] of Object.entries(table)) if (spec.required) out[name] = sample(spec);
  for (const [name, spec] of Object.entries(table))
    if (spec.type === 'object' && spec.when && out[spec.when.field] === spec.when.is)
      out[name] = sample(spec);
  return out;
}

/** A request a row accepts as to shape: its required parameters, and one of each pair it needs. */
function sampleRow(row: MethodSpec): Json {
  const out = sampleTable(row.params);
  for (const rule of row.rules ?? []) {
    const [first, second] = rule.kind === 'either' ? rule.fields : [];
    if (first && second && !(first in out) && !(second in out)) out[first] = sample(row.params[first]!);
  }
  return out;
}

/** A value of the wrong type for a parameter. */
function wrong(spec: ParamSpec): unknown {
  return spec.type === 'object' || spec.type === 'sipHeaders' ? 'not an object' : { not: 'a value' };
}

describe('the method table: one row per vendor method (reference Appendix A)', () => {
  let api: SandboxApi;
  before(async () => {
    api = await startSandboxApi();
  });
  after(() => api.close());

  async function send(path: string, row: MethodSpec, params: Json): Promise<Reply> {
    if (!row.upload) return api.post(`/${requestPathOf(path as never)}`, params);
    const env = createEnvelope({ apiKey: API_KEY, apiSalt: API_SALT }, params);
    const form = new FormData();
    form.set('vpbx_api_key', env.vpbx_api_key);
    form.set('sign', env.sign);
    form.set('json', env.json);
    form.set('file', new Blob([new Uint8Array(toneMp3(1))], { type: 'audio/mpeg' }), 'a.mp3');
    return api.fetch(`/${requestPathOf(path as never)}`, { method: 'POST', body: form });
  }

  /** The answer names `field` with `code`, and no field outside it with a shape code (3103/3104). */
  function assertNames(reply: Reply, field: string, code: number, what: string): void {
    const body = reply.json as { result: number; fields?: Record<string, number> };
    assert.equal(reply.status, 200, `${what}: ${reply.text}`);
    assert.equal(body.fields?.[field], code, `${what}: ${reply.text}`);
    const foreign = Object.entries(body.fields ?? {}).filter(
      ([f, c]) =>
        f !== field && !f.startsWith(`${field}.`) && (c === RESULT.REQUIRED || c === RESULT.WRONG_FORMAT),
    );
    assert.deepEqual(foreign, [], `${what}: only ${field} is wrong in shape: ${reply.text}`);
    const codes = new Set(Object.values(body.fields ?? {}));
    assert.equal(body.result, codes.size === 1 ? code : RESULT.INVALID_PARAMETERS, `${what}: ${reply.text}`);
  }

  it('has a row for every route the sandbox serves, and the sandbox serves every row', () => {
    for (const route of Object.keys(API_ROUTES)) {
      const method = methodPathOf(route);
      assert.ok(method, `/${route} has a row`);
      assert.equal(requestPathOf(method), route);
    }
    for (const path of METHOD_PATHS) {
      const route = requestPathOf(path);
      if (ROWS[path]!.http === 'get') assert.ok(recordingGetRoute(`${route}/id/play`), `GET /${route}`);
      else assert.ok(route in API_ROUTES, `the sandbox serves /${route}`);
    }
  });

  for (const path of METHOD_PATHS) {
    const row = ROWS[path]!;
    if (row.http === 'get') continue;
    const names = Object.keys(row.params);
    it(`${path}: a missing required parameter answers 3103, a wrong type 3104`, async () => {
      const base = sampleRow(row);
      for (const name of names.filter((n) => row.params[n]!.required === true)) {
        const { [name]: _dropped, ...missing } = base;
        assertNames(await send(path, row, missing), name, RESULT.REQUIRED, `${path} without ${name}`);
      }
      for (const name of names) {
        const spec = row.params[name]!;
        // An object that belongs to one value of a sibling is only read with that value.
        const when = spec.type === 'object' && spec.when ? { [spec.when.field]: spec.when.is } : {};
        const params = { ...base, ...when, [name]: wrong(spec) };
        assertNames(await send(path, row, params), name, RESULT.WRONG_FORMAT, `${path} with a bad ${name}`);
      }
    });
  }
});

/** How the SDK's resource methods are called when not `resource.method(params)`. */
type Call = (c: MangoClient, params: Json) => unknown;

/** Every method of every resource of `MangoClient`, with the row it must hit. */
const SDK_METHODS: Record<string, { row: string; call?: Call }> = {
  'calls.callback': { row: 'commands/callback' },
  'calls.callbackGroup': { row: 'commands/callback_group' },
  'calls.hangup': { row: 'commands/call/hangup' },
  'calls.route': { row: 'commands/route' },
  'calls.transfer': { row: 'commands/transfer' },
  'calls.hold': { row: 'commands/call/hold/on' },
  'calls.connect': { row: 'commands/calls_connect' },
  'calls.cancelTransfer': { row: 'commands/transfer_cancel' },
  'calls.startRecording': { row: 'commands/recording/start' },
  'calls.play': { row: 'commands/play/start' },
  'sms.send': { row: 'commands/sms' },
  'stats.history': { row: 'stats/request' },
  'stats.calls': {
    row: 'stats/calls/request',
    call: (c) => c.stats.calls({ start_date: T0, end_date: T0 + 60 }),
  },
  'recordings.download': { row: 'queries/recording/post', call: (c) => c.recordings.download('rec-1') },
  'recordings.save': { row: 'queries/recording/post' },
  'recordings.link': {
    row: 'queries/recording/link',
    call: (c) => c.recordings.link('rec-1', { expiresAt: T0 + 60 }),
  },
  'recordings.issaUrl': { row: 'queries/recording/issa', call: (c) => c.recordings.issaUrl('rec-1') },
  'recordings.transcripts': {
    row: 'queries/recording_transcripts',
    call: (c) => c.recordings.transcripts(['rec-1']),
  },
  'recordings.categories': { row: 'queries/recording_categories' },
  'users.list': { row: 'config/users/request' },
  'groups.list': { row: 'groups' },
  'groups.create': { row: 'group/create' },
  'groups.update': { row: 'group/update' },
  'groups.delete': { row: 'group/delete' },
  'members.create': { row: 'member/create' },
  'members.update': { row: 'member/update' },
  'members.delete': { row: 'member/delete' },
  'sips.list': { row: 'sips' },
  'sips.create': { row: 'sip/create' },
  'sips.update': { row: 'sip/update' },
  'sips.delete': { row: 'sip/delete' },
  'account.balance': { row: 'account/balance' },
  'lines.list': { row: 'incominglines' },
  'audio.list': { row: 'audiofiles' },
  'schemas.list': { row: 'schemas' },
  'schemas.set': { row: 'schema/set' },
  'roles.list': { row: 'roles' },
  'domains.list': { row: 'domains' },
  'trunks.numbers': { row: 'trunks/numbers' },
  'autosecretary.rules': { row: 'autosecretary/rules' },
  'autosecretary.changeStatus': { row: 'autosecretary/status/change' },
  'forwarding.list': { row: 'forwarding/numbers' },
  'forwarding.add': { row: 'forwarding/number/add' },
  'forwarding.change': { row: 'forwarding/number/change' },
  'forwarding.remove': { row: 'forwarding/number/remove' },
  'lists.state': { row: 'bwlists/state' },
  'lists.numbers': { row: 'bwlists/numbers' },
  'lists.add': { row: 'bwlists/number/add' },
  'lists.delete': { row: 'bwlists/number/delete' },
  'outboundBlacklist.get': { row: 'outbound_blacklist/get' },
  'outboundBlacklist.add': { row: 'outbound_blacklist/add' },
  'outboundBlacklist.updateDescription': { row: 'outbound_blacklist/update_description' },
  'outboundBlacklist.enableMode': { row: 'outbound_blacklist/enable_mode' },
  'outboundBlacklist.disableMode': { row: 'outbound_blacklist/disable_mode' },
  'outboundBlacklist.delete': { row: 'outbound_blacklist/delete' },
  'outboundBlacklist.enable': { row: 'outbound_blacklist/enable' },
  'outboundBlacklist.disable': { row: 'outbound_blacklist/disable' },
  'dct.userInfo': { row: 'queries/user_info_by_dct_number' },
  'dct.userHistory': { row: 'queries/user_history_by_dct_number' },
  'cc.setSessionStatus': { row: '../cc/set_session_status' },
  'cc.setAbonentStatus': { row: '../cc/set_abonent_status' },
  'cc.getPresence': { row: '../cc/get_presence' },
  'cc.getStatuses': { row: '../cc/get_statuses' },
  'cc.callData': { row: 'cc/call' },
  'cc.tags': { row: 'cc/tags' },
  's2t.recordingSummary': { row: '../s2t/queries/recording_summary' },
  's2t.records': { row: '../s2t/queries/records' },
  'addressBook.organization': { row: 'ab/organization' },
  'addressBook.organizationsInit': { row: 'ab/organizations/init' },
  'addressBook.organizationsCursor': { row: 'ab/organizations/cursor' },
  'addressBook.organizationsCreate': { row: 'ab/organizations/create' },
  'addressBook.organizationsUpdate': { row: 'ab/organizations/update' },
  'addressBook.organizationsDelete': { row: 'ab/organizations/delete' },
  'addressBook.group': { row: 'ab/group' },
  'addressBook.groupsInit': { row: 'ab/groups/init' },
  'addressBook.groupsCursor': { row: 'ab/groups/cursor' },
  'addressBook.groupsCreate': { row: 'ab/groups/create' },
  'addressBook.groupsUpdate': { row: 'ab/groups/update' },
  'addressBook.groupsDelete': { row: 'ab/groups/delete' },
  'addressBook.contact': { row: 'ab/contact' },
  'addressBook.contactInit': { row: 'ab/contact/init' },
  'addressBook.contactCursor': { row: 'ab/contact/cursor' },
  'addressBook.contactsCreate': { row: 'ab/contacts/create' },
  'addressBook.contactsUpdate': { row: 'ab/contacts/update' },
  'addressBook.contactsDelete': { row: 'ab/contacts/delete' },
  'addressBook.customFields': { row: 'ab/custom_fields' },
  'campaigns.get': { row: 'campaign' },
  'campaigns.list': { row: 'campaign/list' },
  'campaigns.add': { row: 'campaign/add' },
  'campaigns.update': { row: 'campaign/update' },
  'campaigns.start': { row: 'campaign/start' },
  'campaigns.stop': { row: 'campaign/stop' },
  'campaigns.delete': { row: 'campaign/delete' },
  'campaigns.tasks': { row: 'v2/campaign/tasks' },
  'campaigns.pushTasks': { row: 'tasks/push' },
  'campaigns.finishedTasks': { row: 'tasks/finished' },
  'campaigns.resetTasks': { row: 'tasks/reset' },
  'campaigns.task': { row: 'task' },
  'campaigns.addTask': { row: 'task/add' },
  'campaigns.startTask': { row: 'task/start' },
  'campaigns.stopTask': { row: 'task/stop' },
  'campaigns.deleteTask': { row: 'task/delete' },
  'campaigns.updateTask': { row: 'task/update' },
  'campaigns.createReport': { row: 'campaign-report/create' },
  'campaigns.customTypes': { row: 'custom-type/list' },
  'recognition.offlineRecord': {
    row: 'offline_record/recognize',
    call: (c, p) =>
      c.recognition.offlineRecord(p as never, { data: new Uint8Array(toneMp3(1)), fileName: 'a.mp3' }),
  },
  'recognition.record': {
    row: 'record/recognize',
    call: (c, p) => c.recognition.record(p, { data: new Uint8Array(toneMp3(1)), fileName: 'a.mp3' }),
  },
  'recognition.tasks': { row: 'transcribes/tasks' },
};

describe('every method the SDK exposes is a row of the method table', () => {
  let api: SandboxApi;
  let dir: string;
  before(async () => {
    api = await startSandboxApi();
    dir = await mkdtemp(join(tmpdir(), 'mangokit-table-'));
  });
  after(async () => {
    await api.close();
    await rm(dir, { recursive: true, force: true });
  });

  /** The SDK's resources and their methods, as `resource.method`. */
  function sdkMethods(client: MangoClient): string[] {
    const out: string[] = [];
    for (const [name, value] of Object.entries(client)) {
      const proto: unknown = value && typeof value === 'object' ? Object.getPrototypeOf(value) : undefined;
      if (!proto || !(proto as { constructor: { name: string } }).constructor.name.endsWith('Resource'))
        continue;
      for (const method of Object.getOwnPropertyNames(proto))
        if (method !== 'constructor') out.push(`${name}.${method}`);
    }
    return out.sort();
  }

  it('lists every resource method here, each with its row', () => {
    const client = new MangoClient({
      apiKey: API_KEY,
      apiSalt: API_SALT,
      baseUrl: 'http://127.0.0.1:9/vpbx/',
    });
    assert.deepEqual(sdkMethods(client), Object.keys(SDK_METHODS).sort());
    for (const { row } of Object.values(SDK_METHODS)) assert.ok(row in ROWS, `${row} is a row of the table`);
  });

  it('each method, called with its row’s parameters, reaches the sandbox at its row’s path', async () => {
    const hit: string[] = [];
    const client = new MangoClient({
      apiKey: API_KEY,
      apiSalt: API_SALT,
      baseUrl: `${api.url}/vpbx/`,
      rateLimit: false,
      maxRetries: 0,
      pollIntervalMs: 1,
      hooks: { onRequest: (info) => hit.push(new URL(info.url).pathname) },
    });
    for (const [name, { row, call }] of Object.entries(SDK_METHODS)) {
      const [resource, method] = name.split('.') as [string, string];
      const params = sampleRow(ROWS[row]!);
      hit.length = 0;
      const target = (client as unknown as Record<string, Record<string, (...a: unknown[]) => unknown>>)[
        resource
      ]!;
      const saving = name === 'recordings.save';
      let out: unknown;
      try {
        out = call
          ? call(client, params)
          : saving
            ? target[method]!.call(target, 'rec-1', join(dir, 'rec.mp3'))
            : target[method]!.call(target, params);
        if (out && typeof out === 'object' && Symbol.asyncIterator in out)
          for await (const _ of out as AsyncIterable<unknown>);
        else await out;
      } catch {
        // The sandbox may refuse what it does not know (3300, 3320…): the path is what is checked.
      }
      if (typeof out === 'string') hit.push(new URL(out).pathname);
      const methods = hit.map(methodPathOf).filter((m) => m !== undefined);
      assert.ok(methods.length > 0, `${name} reached the sandbox: ${hit.join(', ')}`);
      assert.equal(methods[0], row, `${name} → ${hit.join(', ')}`);
    }
  });
});
