import { once } from 'node:events';
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { encodeEnvelope, signJson, signNotification } from 'mangokit/protocol';

export const creds = { apiKey: 'testkey123', apiSalt: 'testsalt456' };

export const CALL = {
  entry_id: 'E1',
  call_id: 'C1',
  timestamp: 1700000000,
  seq: 1,
  call_state: 'Appeared',
  location: 'abonent',
  from: { number: '79001234567' },
  to: { extension: '101', number: 'sip:101@x.mangosip.ru', line_number: '74951234567' },
  dct: { type: 0 },
};

export const RECORDING = {
  recording_id: 'R1',
  recording_state: 'Completed',
  seq: 2,
  entry_id: 'E1',
  call_id: 'C1',
  extension: '101',
  timestamp: 1700000060,
  completion_code: 1000,
  recipient: 'Cloud',
};

/** A signed urlencoded notification body. */
export function signedBody(payload: object = CALL, credentials = creds): string {
  return encodeEnvelope(signNotification(credentials, payload));
}

/** A signed multipart notification body. */
export function signedMultipart(payload: object = CALL): FormData {
  const env = signNotification(creds, payload);
  const form = new FormData();
  form.set('vpbx_api_key', env.vpbx_api_key);
  form.set('sign', env.sign);
  form.set('json', env.json);
  return form;
}

export const FORM = 'application/x-www-form-urlencoded';

export interface Case {
  name: string;
  method?: string;
  path?: string;
  contentType?: string;
  body?: string | FormData;
  status: number;
  /** True when a subscriber must have run. */
  delivered?: boolean;
}

/**
 * The status-contract matrix every adapter must honour (basePath `/mango`). `delivered` marks
 * the cases where a subscriber runs; in every other case none may.
 */
export function contractCases(): Case[] {
  const good = signedBody();
  const env = signNotification(creds, CALL);
  const enc = encodeURIComponent;
  return [
    { name: 'signed events/call', body: good, status: 200, delivered: true },
    {
      name: 'signed multipart',
      body: signedMultipart(),
      contentType: undefined,
      status: 200,
      delivered: true,
    },
    {
      name: 'content type with charset',
      contentType: `${FORM}; charset=UTF-8`,
      body: good,
      status: 200,
      delivered: true,
    },
    {
      name: 'forged sign',
      body: `vpbx_api_key=${env.vpbx_api_key}&sign=${'0'.repeat(64)}&json=${enc(env.json)}`,
      status: 401,
    },
    {
      name: 'tampered json',
      body: `vpbx_api_key=${env.vpbx_api_key}&sign=${env.sign}&json=${enc(env.json.replace('E1', 'E2'))}`,
      status: 401,
    },
    {
      name: 'wrong key',
      body: signedBody(CALL, { apiKey: 'otherkey', apiSalt: creds.apiSalt }),
      status: 401,
    },
    { name: 'wrong salt', body: signedBody(CALL, { apiKey: creds.apiKey, apiSalt: 'x' }), status: 401 },
    { name: 'missing sign', body: `vpbx_api_key=${env.vpbx_api_key}&json=${enc(env.json)}`, status: 400 },
    { name: 'empty body', body: '', status: 400 },
    {
      name: 'bad percent-encoding',
      body: `vpbx_api_key=${env.vpbx_api_key}&sign=${env.sign}&json=%E0%A4%A`,
      status: 400,
    },
    {
      name: 'repeated field',
      body: `${good}&json=${enc('{}')}`,
      status: 400,
    },
    { name: 'signed but not JSON', body: signedBodyRaw('{"entry_id":'), status: 400 },
    { name: 'signed JSON missing entry_id', body: signedBody({ ...CALL, entry_id: undefined }), status: 400 },
    // Each path requires its own shape: a signed call event re-posted as DTMF is not a DTMF packet.
    { name: 'events/call body posted to events/dtmf', path: '/mango/events/dtmf', body: good, status: 400 },
    {
      name: 'events/recording body posted to events/record/added',
      path: '/mango/events/record/added',
      body: signedBody(RECORDING),
      status: 400,
    },
    {
      name: 'events/recording body on its own path',
      path: '/mango/events/recording',
      body: signedBody(RECORDING),
      status: 200,
      delivered: true,
    },
    { name: 'GET', method: 'GET', body: undefined, status: 405 },
    { name: 'PUT', method: 'PUT', body: good, status: 405 },
    { name: 'JSON content type', contentType: 'application/json', body: JSON.stringify(env), status: 415 },
    { name: 'text/plain', contentType: 'text/plain', body: good, status: 415 },
    { name: 'too large', body: `${good}&pad=${'x'.repeat(70_000)}`, status: 413 },
    { name: 'unknown notification path', path: '/mango/events/nonsense', body: good, status: 404 },
    { name: 'outside basePath', path: '/other/events/call', body: good, status: 404 },
    { name: 'ping without a body', path: '/mango/ping', method: 'GET', body: undefined, status: 200 },
  ];
}

/** A signed body whose json is the given raw text. */
export function signedBodyRaw(json: string): string {
  const env = signNotification(creds, {});
  return encodeEnvelope({ ...env, json, sign: signJsonRaw(json) });
}

function signJsonRaw(json: string): string {
  return signJson(creds, json);
}

/** Builds a web Request for a case. */
export function requestFor(base: string, c: Case): Request {
  const init: RequestInit = { method: c.method ?? 'POST' };
  if (c.body !== undefined) {
    init.body = c.body;
    if (typeof c.body === 'string') init.headers = { 'content-type': c.contentType ?? FORM };
  } else if (c.contentType) {
    init.headers = { 'content-type': c.contentType };
  }
  return new Request(base + (c.path ?? '/mango/events/call'), init);
}

/** Starts a node:http server on 127.0.0.1:0. */
export async function listen(
  listener: RequestListener | Server,
): Promise<{ base: string; close: () => Promise<void> }> {
  const server = typeof listener === 'function' ? createServer(listener) : listener;
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    close: async () => {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}

/** Sends a case over a real socket and returns the status. */
export async function sendCase(base: string, c: Case): Promise<number> {
  const response = await fetch(requestFor(base, c));
  await response.arrayBuffer();
  return response.status;
}

/** Options every adapter test uses. */
export const OPTIONS = { ...creds, basePath: '/mango', maxBodyBytes: 64 * 1024, awaitHandlers: true };

/**
 * Runs the whole matrix through `send`, checking each status and that subscribers ran exactly
 * for the accepted cases. `delivered()` returns how many events subscribers have seen so far.
 */
export async function checkContract(
  send: (c: Case) => Promise<number>,
  delivered: () => number,
  assertEqual: (actual: unknown, expected: unknown, message: string) => void,
): Promise<void> {
  for (const c of contractCases()) {
    const before = delivered();
    const status = await send(c);
    assertEqual(status, c.status, `${c.name}: status`);
    assertEqual(delivered() - before, c.delivered ? 1 : 0, `${c.name}: subscriber runs`);
  }
}
