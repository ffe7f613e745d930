import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CommandName } from 'mangokit';
import { createEnvelope, encodeEnvelope, signJson } from 'mangokit/protocol';
import type { ApiContext, ApiOptions, InjectedFault } from '../../src/api/index.js';
import { createApiHandler } from '../../src/api/index.js';
import type { CallRecord, CommandAck, EngineForApi, RecordingRecord } from '../../src/engine/contract.js';
import type { Office } from '../../src/office/types.js';

export const API_KEY = 'testkey123';
export const API_SALT = 'testsalt456';
/** 2026-11-27 12:00:00 Moscow. */
export const T0 = Date.UTC(2026, 10, 27, 9, 0, 0) / 1000;

/** A small office with every kind of object the API exposes. */
export function testOffice(): Office {
  return {
    product_id: 4001,
    name: 'Test office',
    api_key: API_KEY,
    api_salt: API_SALT,
    account: {
      balance: 1500.5,
      currency: 'RUB',
      tariffs: { outgoing_per_minute: 1.5, incoming_per_minute: 0, sms: 2.5 },
    },
    employees: [
      {
        user_id: 1,
        name: 'Анна Петрова',
        email: 'anna@example.test',
        department: 'Sales',
        position: 'Manager',
        mobile: '79160000001',
        login: 'anna',
        access_role_id: 1,
        extension: '101',
        outgoingline: '74951110000',
        line_id: 1,
        dial_alg: 1,
        use_status: true,
        use_cc_numbers: false,
        numbers: [
          { number: 'sip:anna@office.mangosip.ru', protocol: 'sip', order: 0, wait_sec: 20, status: 'on' },
          {
            number: '79160000001',
            protocol: 'tel',
            order: 1,
            wait_sec: 0,
            status: 'off',
            schedule: { items: [{ type: 'WorkingDays', from: '09:00', until: '18:00' }] },
          },
        ],
        sips: [{ id: 11, login: 'anna', domain: 'office.mangosip.ru' }],
        cc_status: 1,
        policy: { onRing: 'answer', answerAfterSec: 2 },
      },
      {
        user_id: 2,
        name: 'Борис Иванов',
        access_role_id: 2,
        extension: '102',
        dial_alg: 0,
        numbers: [{ number: '79160000002', protocol: 'tel', order: 0, wait_sec: 0, status: 'on' }],
        sips: [],
        policy: { onRing: 'answer' },
      },
      {
        user_id: 3,
        name: 'Без номера',
        access_role_id: 2,
        dial_alg: 0,
        numbers: [],
        sips: [],
        policy: { onRing: 'never' },
      },
    ],
    groups: [
      {
        id: 10,
        name: 'Sales',
        description: 'Sales team',
        extension: '500',
        dial_alg_group: 2,
        dial_alg_users: 1,
        operators: [
          { id: 1, priority: 1 },
          { id: 2, priority: 2 },
        ],
        ring_sec: 20,
        queue: { max_size: 5, max_wait_sec: 60 },
      },
      {
        id: 11,
        name: 'Support',
        extension: '501',
        dial_alg_group: 0,
        dial_alg_users: 1,
        operators: [{ id: 2, priority: 1 }],
        ring_sec: 15,
      },
    ],
    lines: [
      { line_id: 1, number: '74951110000', name: 'Main', region: '77', schema_id: 1 },
      { line_id: 2, number: '78001110000', name: 'Free', region: 'toll-free' },
      { line_id: 3, number: 'sip:in@office.mangosip.ru', name: 'passive', region: 'sip' },
    ],
    schemes: [
      { schema_id: 1, name: 'Daytime', start: 'g', nodes: [{ id: 'g', type: 'group', group_id: 10 }] },
      { schema_id: 2, name: 'Night', start: 'h', nodes: [{ id: 'h', type: 'hangup' }] },
    ],
    audiofiles: [
      { id: 100, name: 'greeting.mp3', duration_sec: 5 },
      { id: 101, name: 'hold.mp3', duration_sec: 30 },
    ],
    sms_senders: ['OFFICE'],
    roles: [
      { role_id: 1, name: 'Admin', permissions: [{ code: 'all' }] },
      { role_id: 2, name: 'Operator', permissions: [{ code: 'calls', param: 'own' }] },
    ],
    domains: ['office.mangosip.ru'],
    trunk_numbers: [
      { trunk_number_id: 20, trunk_id: 2, number: '74952220000', options: 6, desc: 'both' },
      { trunk_number_id: 21, trunk_id: 2, number: '74952220001', options: 4 },
    ],
    bwlists: {
      active: 'black',
      black: {
        allow_unknown_number: true,
        numbers: [{ number_id: 1, number: '74990000000', number_type: 'tel' }],
      },
      white: { allow_unknown_number: true, numbers: [] },
    },
    outbound_blacklist: { enabled: false, numbers: [{ number: '79990000000', mode: 3, enabled: true }] },
    forwarding_rules: [
      {
        forward_id: 1,
        client_phone_number: '79031234567',
        client_phone_type: 0,
        status: 1,
        forward_type: 'user',
        forward_to_user: { forward_user_id: 1 },
      },
    ],
    autosecretary_rules: [{ user_id: 1, rule_id: 7, name: 'Lunch', active: false }],
    default_customer_policy: { onRing: 'answer', answerAfterSec: 1 },
  };
}

/** An `EngineForApi` stand-in: records commands and notifications; calls, recordings and clock are set by the test. */
export class FakeEngine implements EngineForApi {
  clock = T0;
  readonly commands: Array<{ name: CommandName; params: Record<string, unknown> }> = [];
  readonly notifications: Array<{ path: string; payload: unknown }> = [];
  readonly finished: CallRecord[] = [];
  readonly recordings = new Map<string, RecordingRecord>();
  nextAck: CommandAck = { result: 1000 };

  command(name: CommandName, params: Record<string, unknown>): CommandAck {
    this.commands.push({ name, params });
    return this.nextAck;
  }
  calls(): readonly CallRecord[] {
    return this.finished;
  }
  recording(recordingId: string): RecordingRecord | undefined {
    return this.recordings.get(recordingId);
  }
  now(): number {
    return this.clock;
  }
  /** Lets the clock run in real time from now on (for clients that poll with real sleeps). */
  runRealtime(): void {
    const start = performance.now();
    const base = this.clock;
    Object.defineProperty(this, 'clock', {
      get: () => base + (performance.now() - start) / 1000,
      set: () => {},
    });
  }
  notify(path: string, payload: unknown): void {
    this.notifications.push({ path, payload });
  }
}

/** An answer read whole. */
export interface Reply {
  status: number;
  headers: Headers;
  text: string;
  body: Buffer;
  // biome-ignore lint/suspicious/noExplicitAny: test assertions read arbitrary JSON.
  json: any;
}

/** A running API server over a fake engine. */
export interface TestApi {
  url: string;
  office: Office;
  engine: FakeEngine;
  options: ApiOptions;
  faults: Map<string, InjectedFault>;
  /** Signs `params` and POSTs them (urlencoded by default). */
  post(path: string, params?: unknown, opts?: PostOptions): Promise<Reply>;
  /** A raw request. */
  fetch(path: string, init?: RequestInit): Promise<Reply>;
  close(): Promise<void>;
}

export interface PostOptions {
  multipart?: boolean;
  key?: string;
  salt?: string;
  /** Send this exact `json` string instead of serialising params. */
  rawJson?: string;
}

/** Reads an answer whole; `json` is `undefined` when the body is not JSON. */
export async function readReply(res: Response): Promise<Reply> {
  const body = Buffer.from(await res.arrayBuffer());
  const text = body.toString('utf8');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, body, json };
}

/** Builds a multipart body by hand, as JS clients such as mango-vpbx send it (reference §1.2). */
export function multipartBody(
  fields: Record<string, string>,
  boundary = '----mangokitTestBoundary7MA4YWxk',
): {
  body: Buffer;
  contentType: string;
} {
  let out = '';
  for (const [name, value] of Object.entries(fields)) {
    out += `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
  }
  out += `--${boundary}--\r\n`;
  return { body: Buffer.from(out, 'utf8'), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** Signs `params` (or sends `opts.rawJson`) and POSTs the envelope through `doFetch`, urlencoded unless asked. */
export function postSigned(
  doFetch: (path: string, init?: RequestInit) => Promise<Reply>,
  path: string,
  params: unknown,
  opts: PostOptions,
): Promise<Reply> {
  const key = opts.key ?? API_KEY;
  const salt = opts.salt ?? API_SALT;
  const env =
    opts.rawJson === undefined
      ? createEnvelope({ apiKey: key, apiSalt: salt }, params)
      : {
          vpbx_api_key: key,
          json: opts.rawJson,
          sign: signJson({ apiKey: key, apiSalt: salt }, opts.rawJson),
        };
  if (opts.multipart) {
    const { body, contentType } = multipartBody({
      vpbx_api_key: env.vpbx_api_key,
      sign: env.sign,
      json: env.json,
    });
    return doFetch(path, {
      method: 'POST',
      body: new Uint8Array(body),
      headers: { 'content-type': contentType },
    });
  }
  return doFetch(path, {
    method: 'POST',
    body: encodeEnvelope(env),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
}

/** Starts the API handler on 127.0.0.1 port 0 with lock-out and rate limits off unless asked. */
export async function startApi(
  options: Partial<ApiOptions> = {},
  office = testOffice(),
  engine = new FakeEngine(),
): Promise<TestApi> {
  const faults = new Map<string, InjectedFault>();
  const apiOptions: ApiOptions = { lockout: false, rateLimits: false, ...options };
  let base = '';
  const ctx: ApiContext = {
    office: () => office,
    engine,
    options: apiOptions,
    publicUrl: () => base,
    takeFault(path) {
      const fault = faults.get(path);
      faults.delete(path);
      return fault;
    },
  };
  const handler = createApiHandler(ctx);
  const server: Server = createServer((req, res) => {
    handler(req, res).then(
      (handled) => {
        if (!handled) {
          res.writeHead(418);
          res.end('not the API');
        }
      },
      () => {
        res.writeHead(599);
        res.end();
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const doFetch = async (path: string, init?: RequestInit) =>
    readReply(await fetch(base + path, { redirect: 'manual', ...init }));
  return {
    url: base,
    office,
    engine,
    options: apiOptions,
    faults,
    fetch: doFetch,
    post: (path, params = {}, opts = {}) => postSigned(doFetch, path, params, opts),
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A finished call with the given legs, for stats and recordings. */
export function call(partial: Partial<CallRecord> & Pick<CallRecord, 'entry_id' | 'legs'>): CallRecord {
  const first = partial.legs[0];
  return {
    call_direction: 1,
    from: {},
    to: {},
    create_time: first?.create ?? T0,
    forward_time: first?.start ?? T0,
    talk_time: 0,
    end_time: first?.finish ?? T0,
    entry_result: 1,
    disconnect_reason: 1110,
    cost: 0,
    ...partial,
  };
}
