import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { CommandName } from 'mangokit';
import { COMMAND_NAMES, RESULT } from 'mangokit/protocol';
import type { LegRef } from '../engine/actions.js';
import { rejectCommand } from '../api/commands.js';
import type { VirtualClock } from '../engine/clock.js';
import type { EngineForControl } from '../engine/controlContract.js';
import { CallStateError, NotFoundError } from '../engine/errors.js';
import { createDemoOffice } from '../office/demo.js';
import { OfficeValidationError } from '../office/errors.js';
import { parseOffice } from '../office/loader.js';
import type { Office, PhonePolicy } from '../office/types.js';
import { validateOffice } from '../office/validate.js';
import type { Delivery, WebhookDispatcher } from '../webhooks/dispatcher.js';
import type { FaultStore } from './faults.js';
import { ControlError, needString, optString, readJson, sendJson } from './http.js';
import { CONTROL_ERRORS } from '../i18n/messages.js';
import type { EventStream } from './stream.js';

/** What the control API drives. */
export interface ControlDeps {
  engine: EngineForControl;
  clock: VirtualClock;
  deliveries: WebhookDispatcher;
  faults: FaultStore;
  stream: EventStream;
  office(): Office;
  /** Replaces the live office (live calls are hung up by the caller). */
  setOffice(office: Office): void;
  /** The office the sandbox started with. */
  initialOffice(): Office;
  /** The invalid-request lock-out of the API surface, when it has one (shown in the state). */
  lockout?(): { enabled: boolean; locked: boolean; until: number | null; window_until: number | null };
}

type Body = Record<string, unknown>;
type Action = (deps: ControlDeps, body: Body, params: string[], url: URL) => unknown;

const PREFIX = '/_sandbox/';
/** Delivery reasons an SMS report may carry (reference §4.4). */
const SMS_REASONS: readonly number[] = [
  RESULT.SUCCESS,
  RESULT.SMS_NOT_SENT,
  RESULT.SMS_EXPIRED,
  RESULT.SMS_LOST,
  RESULT.SMS_REJECTED,
  RESULT.SMS_CANCELLED,
];

/** The sandbox state summary (`GET /_sandbox/state`, and the stream's `hello`). */
export function stateOf(deps: ControlDeps): Record<string, unknown> {
  const office = deps.office();
  return {
    now: deps.clock.now(),
    clock: { mode: deps.clock.mode, speed: deps.clock.speed },
    office: {
      name: office.name,
      api_key: office.api_key,
      employees: office.employees.map((e) => ({ user_id: e.user_id, name: e.name, extension: e.extension })),
      groups: office.groups.map((g) => ({ id: g.id, name: g.name, extension: g.extension })),
      lines: office.lines.map((l) => ({ number: l.number, name: l.name })),
      balance: office.account.balance,
    },
    webhooks: { urls: deps.deliveries.getUrls(), shuffle: deps.deliveries.shuffle },
    live: deps.engine.liveCounts(),
    ...(deps.lockout ? { lockout: deps.lockout() } : {}),
  };
}

function legRef(body: Body): LegRef {
  const ref: LegRef = {};
  const callId = optString(body, 'call_id');
  const entryId = optString(body, 'entry_id');
  const ext = optString(body, 'extension');
  if (callId !== undefined) ref.call_id = callId;
  if (entryId !== undefined) ref.entry_id = entryId;
  if (ext !== undefined) ref.extension = ext;
  return ref;
}

function loadOfficeBody(body: Body): Office {
  if (typeof body.yaml === 'string') return parseOffice(body.yaml, 'yaml', 'request body');
  if (typeof body.json === 'string') return parseOffice(body.json, 'json', 'request body');
  return validateOffice(body, 'request body');
}

function runCommand(deps: ControlDeps, name: string, body: Body): unknown {
  if (!(COMMAND_NAMES as readonly string[]).includes(name))
    throw new ControlError(404, CONTROL_ERRORS.noCommand(name));
  const params = { ...body };
  if (params.command_id === undefined) params.command_id = randomUUID();
  // The same checks as `/vpbx/commands/*`, so both routes answer a command alike.
  const rejected = rejectCommand(name as CommandName, params, deps.office());
  if (rejected) return { command_id: params.command_id, ...rejected };
  const ack = deps.engine.command(name as CommandName, params);
  return { command_id: params.command_id, ...ack };
}

function deliveryView(d: Delivery): Delivery {
  return d;
}

const routes: Array<[string, RegExp, Action]> = [
  ['GET', /^state$/, (d) => stateOf(d)],
  ['GET', /^office$/, (d) => d.office()],
  [
    'PUT',
    /^office$/,
    (d, body) => {
      const office = loadOfficeBody(body);
      d.setOffice(office);
      return { ok: true, name: office.name };
    },
  ],
  [
    'POST',
    /^office\/reset$/,
    (d, body) => {
      const office = body.demo === true ? createDemoOffice() : structuredClone(d.initialOffice());
      d.engine.clearHistory();
      d.setOffice(office);
      return { ok: true, name: office.name };
    },
  ],
  ['GET', /^calls$/, (d) => ({ calls: d.engine.liveCalls() })],
  [
    'GET',
    /^calls\/([^/]+)$/,
    (d, _b, [id]) => {
      const live = d.engine.liveCall(id!);
      if (live) return live;
      const done = d.engine.calls().find((c) => c.entry_id === id);
      if (!done) throw new NotFoundError(CONTROL_ERRORS.noCall(String(id)));
      return done;
    },
  ],
  [
    'GET',
    /^history$/,
    (d, _b, _p, url) => {
      const limit = Number(url.searchParams.get('limit') ?? 100);
      return { calls: d.engine.calls().slice(-Math.max(0, limit)) };
    },
  ],
  ['GET', /^recordings$/, (d) => ({ recordings: d.engine.recordings() })],
  [
    'POST',
    /^calls\/incoming$/,
    (d, body) => {
      const from = needString(body, 'from');
      const line = optString(body, 'line');
      const policy = body.policy === undefined ? undefined : (validatePolicy(body.policy) as PhonePolicy);
      return d.engine.incomingCall(from, line, policy, optString(body, 'sip_call_id'));
    },
  ],
  [
    'POST',
    /^calls\/callback$/,
    (d, body) => {
      const params: Body = {
        from: { extension: needString(body, 'extension') },
        to_number: needString(body, 'to_number'),
      };
      const fromNumber = optString(body, 'from_number');
      if (fromNumber) (params.from as Body).number = fromNumber;
      const line = optString(body, 'line_number');
      if (line) params.line_number = line;
      return runCommand(d, 'callback', params);
    },
  ],
  [
    'POST',
    /^calls\/callback_group$/,
    (d, body) => {
      const params: Body = { from: needString(body, 'from'), to: needString(body, 'to') };
      const line = optString(body, 'line_number');
      if (line) params.line_number = line;
      return runCommand(d, 'callback_group', params);
    },
  ],
  ['POST', /^commands\/(.+)$/, (d, body, [name]) => runCommand(d, name!, body)],
  [
    'POST',
    /^sms\/next-reason$/,
    (d, body) => {
      const reason = Number(body.reason);
      if (!SMS_REASONS.includes(reason)) {
        throw new ControlError(
          400,
          CONTROL_ERRORS.smsReason(SMS_REASONS.slice(0, -1).join(', '), String(SMS_REASONS.at(-1))),
        );
      }
      return { ok: true, queued: d.engine.queueSmsReason(reason) };
    },
  ],
  [
    'POST',
    /^caller\/dtmf$/,
    (d, body) => {
      d.engine.callerPress(legRef(body), needString(body, 'digits'));
      return { ok: true };
    },
  ],
  [
    'POST',
    /^caller\/hangup$/,
    (d, body) => {
      d.engine.callerHangup(legRef(body));
      return { ok: true };
    },
  ],
  [
    'POST',
    /^caller\/answer$/,
    (d, body) => {
      d.engine.answer({ call_id: needString(body, 'call_id') });
      return { ok: true };
    },
  ],
  [
    'POST',
    /^caller\/reject$/,
    (d, body) => {
      const reason = body.reason === RESULT.BUSY ? RESULT.BUSY : RESULT.REJECTED;
      d.engine.reject({ call_id: needString(body, 'call_id') }, reason);
      return { ok: true };
    },
  ],
  [
    'POST',
    /^employee\/answer$/,
    (d, body) => {
      return { ok: true, call_id: d.engine.answer(legRef(body)) };
    },
  ],
  [
    'POST',
    /^employee\/reject$/,
    (d, body) => {
      d.engine.reject(legRef(body), RESULT.REJECTED);
      return { ok: true };
    },
  ],
  [
    'POST',
    /^employee\/hangup$/,
    (d, body) => {
      d.engine.employeeHangup(legRef(body), optString(body, 'extension'));
      return { ok: true };
    },
  ],
  [
    'POST',
    /^employee\/hold$/,
    (d, body) => {
      d.engine.hold(legRef(body), needString(body, 'extension'));
      return { ok: true };
    },
  ],
  [
    'POST',
    /^employee\/unhold$/,
    (d, body) => {
      d.engine.unhold(legRef(body));
      return { ok: true };
    },
  ],
  [
    'POST',
    /^employee\/transfer$/,
    (d, body) => {
      const method = needString(body, 'method');
      if (method !== 'blind' && method !== 'hold') throw new ControlError(400, CONTROL_ERRORS.transferMethod);
      const out = runCommand(d, 'transfer', {
        call_id: needString(body, 'call_id'),
        method,
        to_number: needString(body, 'to_number'),
        initiator: needString(body, 'extension'),
      }) as { result: number };
      return { ok: out.result === RESULT.SUCCESS, ...out };
    },
  ],
  [
    'POST',
    /^employee\/call$/,
    (d, body) => {
      const line = optString(body, 'line_number');
      const device = optString(body, 'device');
      return d.engine.employeeCall(needString(body, 'extension'), needString(body, 'to_number'), {
        ...(line !== undefined ? { line } : {}),
        ...(device !== undefined ? { device } : {}),
      });
    },
  ],
  [
    'POST',
    /^party\/hangup$/,
    (d, body) => {
      const side = needString(body, 'side');
      if (side !== 'from' && side !== 'to') throw new ControlError(400, CONTROL_ERRORS.side);
      d.engine.partyHangup({ call_id: needString(body, 'call_id') }, side);
      return { ok: true };
    },
  ],
  [
    'POST',
    /^employee\/manual$/,
    (d, body) => {
      d.engine.setManual(needString(body, 'extension'), body.manual !== false);
      return { ok: true, manual: body.manual !== false };
    },
  ],
  [
    'GET',
    /^clock$/,
    (d) => ({ now_ms: d.clock.nowMs(), now: d.clock.now(), mode: d.clock.mode, speed: d.clock.speed }),
  ],
  [
    'POST',
    /^clock\/advance$/,
    (d, body) => {
      if (d.clock.mode !== 'manual') throw new ControlError(409, CONTROL_ERRORS.advanceOnRealClock);
      const ms = body.ms !== undefined ? Number(body.ms) : Number(body.sec) * 1000;
      if (!Number.isFinite(ms) || ms < 0) throw new ControlError(400, CONTROL_ERRORS.advanceMs);
      d.clock.advance(ms);
      return { now_ms: d.clock.nowMs(), now: d.clock.now() };
    },
  ],
  [
    'POST',
    /^clock\/speed$/,
    (d, body) => {
      if (d.clock.mode !== 'real') throw new ControlError(409, CONTROL_ERRORS.speedOnManualClock);
      const speed = Number(body.speed);
      if (!(speed > 0 && speed <= 1000)) throw new ControlError(400, CONTROL_ERRORS.speedRange);
      d.clock.setSpeed(speed);
      return { speed };
    },
  ],
  ['POST', /^faults$/, (d, body) => ({ id: d.faults.add(body).id })],
  ['GET', /^faults$/, (d) => ({ faults: d.faults.list() })],
  [
    'DELETE',
    /^faults$/,
    (d) => {
      d.faults.clear();
      return { ok: true };
    },
  ],
  [
    'GET',
    /^webhooks$/,
    (d) => ({
      urls: d.deliveries.getUrls(),
      shuffle: d.deliveries.shuffle,
      maxRetries: d.deliveries.maxRetries,
    }),
  ],
  [
    'PUT',
    /^webhooks$/,
    (d, body) => {
      let urls: string[] | undefined;
      if (typeof body.url === 'string') urls = [body.url];
      if (Array.isArray(body.urls)) {
        if (!body.urls.every((u) => typeof u === 'string'))
          throw new ControlError(400, CONTROL_ERRORS.urlsNotStrings);
        urls = body.urls as string[];
      }
      try {
        if (urls) d.deliveries.setUrls(urls);
      } catch (err) {
        throw new ControlError(400, err instanceof Error ? err.message : String(err));
      }
      if (typeof body.shuffle === 'boolean') d.deliveries.shuffle = body.shuffle;
      if (body.maxRetries !== undefined) {
        const n = Number(body.maxRetries);
        if (!Number.isInteger(n) || n < 0 || n > 20) throw new ControlError(400, CONTROL_ERRORS.maxRetries);
        d.deliveries.maxRetries = n;
      }
      return {
        urls: d.deliveries.getUrls(),
        shuffle: d.deliveries.shuffle,
        maxRetries: d.deliveries.maxRetries,
      };
    },
  ],
  [
    'POST',
    /^webhooks\/ping$/,
    (d) => {
      d.engine.ping();
      return { ok: true, urls: d.deliveries.getUrls() };
    },
  ],
  [
    'GET',
    /^deliveries$/,
    (d, _b, _p, url) => {
      const filter: Parameters<WebhookDispatcher['list']>[0] = {
        limit: Number(url.searchParams.get('limit') ?? 100),
      };
      const path = url.searchParams.get('path');
      const status = url.searchParams.get('status');
      if (path) filter.path = path;
      if (status === 'pending' || status === 'delivered' || status === 'failed') filter.status = status;
      return { deliveries: d.deliveries.list(filter).map(deliveryView) };
    },
  ],
  [
    'GET',
    /^deliveries\/(\d+)$/,
    (d, _b, [id]) => {
      const del = d.deliveries.get(Number(id));
      if (!del) throw new NotFoundError(CONTROL_ERRORS.noDelivery(String(id)));
      return del;
    },
  ],
  [
    'POST',
    /^deliveries\/(\d+)\/replay$/,
    (d, _b, [id]) => {
      const del = d.deliveries.replay(Number(id));
      if (!del) throw new NotFoundError(CONTROL_ERRORS.noDelivery(String(id)));
      return { id: del.id };
    },
  ],
];

function validatePolicy(v: unknown): unknown {
  try {
    const office = validateOffice({
      name: 'p',
      api_key: 'policy',
      api_salt: 'policy',
      employees: [],
      lines: [],
      default_customer_policy: v,
    });
    return office.default_customer_policy;
  } catch (err) {
    if (err instanceof OfficeValidationError) {
      throw new ControlError(
        400,
        CONTROL_ERRORS.invalidPolicy(
          err.issues.map((i) => `${i.path}: ${i.message}`).join('; '),
          err.issues.map((i) => `${i.path}: ${i.message_ru ?? i.message}`).join('; '),
        ),
      );
    }
    throw err;
  }
}

/**
 * The control API under `/_sandbox/` (documented in CONTROL.md). Answers false for other
 * paths. Errors: 400 bad input, 404 unknown object, 409 impossible in the current state.
 */
export function createControlHandler(
  deps: ControlDeps,
): (req: IncomingMessage, res: ServerResponse) => Promise<boolean> {
  return async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://sandbox.local');
    if (!url.pathname.startsWith(PREFIX) && url.pathname !== '/_sandbox') return false;
    const sub = url.pathname.slice(PREFIX.length).replace(/\/$/, '');
    const method = req.method ?? 'GET';
    if (sub === 'stream' && method === 'GET') {
      deps.stream.open(req, res, stateOf(deps));
      return true;
    }
    try {
      let matchedPath = false;
      for (const [m, re, action] of routes) {
        const match = re.exec(sub);
        if (!match) continue;
        matchedPath = true;
        if (m !== method) continue;
        const body = method === 'GET' || method === 'DELETE' ? {} : await readJson(req);
        const out = action(deps, body, match.slice(1).map(decodeURIComponent), url);
        sendJson(res, 200, out);
        return true;
      }
      throw new ControlError(
        matchedPath ? 405 : 404,
        matchedPath ? CONTROL_ERRORS.methodNotAllowed(method) : CONTROL_ERRORS.noPath(sub),
      );
    } catch (err) {
      // `error` in English as ever; `error_ru` beside it when the message is worded in both.
      const ru = (e: { ru: string | undefined }) => (e.ru === undefined ? {} : { error_ru: e.ru });
      if (err instanceof ControlError)
        sendJson(res, err.status, { error: err.message, ...ru(err), ...err.extra });
      else if (err instanceof OfficeValidationError)
        sendJson(res, 400, { error: err.message, issues: err.issues });
      else if (err instanceof NotFoundError) sendJson(res, 404, { error: err.message, ...ru(err) });
      else if (err instanceof CallStateError) sendJson(res, 409, { error: err.message, ...ru(err) });
      else if (err instanceof TypeError || err instanceof RangeError)
        sendJson(res, 400, { error: err.message });
      else sendJson(res, 500, { error: err instanceof Error ? err.message : String(err) });
      return true;
    }
  };
}
