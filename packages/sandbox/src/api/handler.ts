import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  MalformedFormError,
  parseEnvelopeForm,
  type ReceivedForm,
  signaturesEqual,
  signJson,
} from 'mangokit';
import { ccRoutes } from './cc/routes.js';
import { CODE } from './check.js';
import { commandRoutes } from './commands.js';
import { configRoutes } from './config/routes.js';
import type { ApiContext, InjectedFault } from './context.js';
import { type ApiAnswer, fail, json, RATE_LIMITED_BODY, resultOf, send, status } from './http/answer.js';
import { BodyTooLargeError, readBody } from './http/body.js';
import { rateRuleFor } from './http/rateLimits.js';
import { recordingGetRoute, serveFile } from './recordings/download.js';
import { recognitionRoutes, UPLOAD_ROUTES } from './recordings/recognition.js';
import { recordingRoutes } from './recordings/routes.js';
import type { RouteTable } from './route.js';
import { ApiState } from './state.js';
import { statsRoutes } from './stats/routes.js';

/** Default largest accepted request body (bigger → HTTP 413, reference §1.3). */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
/** Largest accepted upload (`offline_record/recognize`, `record/recognize`): 20 MB like audio files (reference §2.6). */
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

const PREFIXES = new Set(['vpbx', 'cc', 's2t']);

/** Every POST method of the surface, by path. */
export const API_ROUTES: RouteTable = {
  ...commandRoutes,
  ...statsRoutes,
  ...recordingRoutes,
  ...recognitionRoutes,
  ...configRoutes,
  ...ccRoutes,
};

/** The path a fault is registered under: `commands/callback` for `/vpbx/…`, `cc/…` otherwise. */
function faultPath(path: string): string {
  return path.startsWith('vpbx/') ? path.slice(5) : path;
}

function faultAnswer(fault: InjectedFault): ApiAnswer | undefined {
  if (fault.status !== undefined) {
    if (fault.status === 429) return json(RATE_LIMITED_BODY, 429);
    return fault.status >= 500 ? json({ result: 5000 }, fault.status) : status(fault.status);
  }
  if (fault.result !== undefined) return fail(fault.result);
  return undefined;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function isInvalidRequest(answer: ApiAnswer): boolean {
  const code = resultOf(answer);
  return code !== undefined && code >= 3000 && code < 4000;
}

/**
 * The `/vpbx/`, `/cc/`, `/s2t/` and `/files/` surface of the sandbox as a `node:http` handler.
 * Answers false for paths outside those prefixes so the server can route them elsewhere.
 */
export function createApiHandler(
  ctx: ApiContext,
): (req: IncomingMessage, res: ServerResponse) => Promise<boolean> {
  const state = new ApiState();

  async function applyFault(path: string): Promise<ApiAnswer | undefined> {
    const fault = ctx.takeFault(faultPath(path));
    if (!fault) return undefined;
    if (fault.delayMs) await sleep(fault.delayMs);
    return faultAnswer(fault);
  }

  /** Handles a POST method; `authenticated` tells whether the answer may count towards the lock-out. */
  async function post(
    req: IncomingMessage,
    path: string,
  ): Promise<{ answer: ApiAnswer; authenticated: boolean }> {
    const anonymous = (answer: ApiAnswer) => ({ answer, authenticated: false });
    const route = API_ROUTES[path];
    if (!route) {
      req.resume();
      return anonymous(status(404));
    }
    if (req.method !== 'POST') {
      req.resume();
      // reference §5: 3101 — request method other than POST.
      return anonymous(fail(3101));
    }
    let body: Buffer;
    try {
      const limit = UPLOAD_ROUTES.has(path)
        ? (ctx.options.maxUploadBytes ?? MAX_UPLOAD_BYTES)
        : (ctx.options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES);
      body = await readBody(req, limit);
    } catch (error) {
      if (error instanceof BodyTooLargeError) return anonymous(json({ result: 3109 }, 413));
      throw error;
    }
    let envelope: ReceivedForm;
    try {
      // Urlencoded or multipart, read as the vendor's server reads forms: the first of a repeated
      // field wins (reference §1.2: accept both encodings).
      envelope = parseEnvelopeForm(body, req.headers['content-type'], { lenient: true });
    } catch (error) {
      if (error instanceof MalformedFormError) return anonymous(json({ result: CODE.FORMAT }, 400));
      throw error;
    }
    const office = ctx.office();
    if (envelope.vpbx_api_key !== office.api_key) return anonymous(json({ result: 3105 }, 401));
    const now = ctx.engine.now();
    if (ctx.options.lockout && state.lockout.locked(now)) return anonymous(json({ result: 3105 }, 401));
    const expected = signJson(office.api_key, envelope.json ?? '', office.api_salt);
    if (!envelope.sign || !signaturesEqual(expected, envelope.sign.toLowerCase())) {
      if (ctx.options.lockout) state.lockout.recordInvalid(now);
      return anonymous(json({ result: 3102 }, 401));
    }
    const authed = (answer: ApiAnswer) => ({ answer, authenticated: true });
    if (ctx.options.rateLimits && !state.limiter.take(rateRuleFor(faultPath(path)))) {
      // The Contact-Center API signals its limit in the body instead (reference §1.3).
      return authed(path.startsWith('cc/') ? fail(5008) : json(RATE_LIMITED_BODY, 429));
    }
    const faulted = await applyFault(path);
    if (faulted) return authed(faulted);
    if (envelope.json === undefined) return authed(fail(CODE.REQUIRED, { json: CODE.REQUIRED }));
    let params: unknown;
    try {
      params = JSON.parse(envelope.json);
    } catch {
      return authed(fail(CODE.MALFORMED_JSON));
    }
    if (params === null || typeof params !== 'object' || Array.isArray(params))
      return authed(fail(CODE.MALFORMED_JSON));
    return authed(
      await route({ ctx, state, params: params as Record<string, unknown>, files: envelope.files ?? [] }),
    );
  }

  async function handle(req: IncomingMessage, path: string): Promise<ApiAnswer> {
    const getRoute = recordingGetRoute(path);
    if (getRoute) {
      req.resume();
      if (req.method !== 'GET' && req.method !== 'HEAD') return fail(3101);
      if (ctx.options.rateLimits && !state.limiter.take(rateRuleFor(getRoute.kind))) {
        return json(RATE_LIMITED_BODY, 429);
      }
      const faulted = await applyFault(getRoute.kind);
      if (faulted) return faulted;
      return getRoute.handle(ctx, state);
    }
    const { answer, authenticated } = await post(req, path);
    // Only requests made with the office's key count: a stranger cannot lock the key out.
    if (
      ctx.options.lockout &&
      authenticated &&
      isInvalidRequest(answer) &&
      state.lockout.recordInvalid(ctx.engine.now())
    ) {
      return json({ result: resultOf(answer) }, 401);
    }
    return answer;
  }

  return async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://sandbox');
    // Trailing slashes are tolerated (reference §1.2).
    const path = url.pathname.replace(/\/+$/, '').replace(/^\/+/, '');
    const top = path.split('/', 1)[0] ?? '';
    if (top === 'files') {
      req.resume();
      const range = req.headers.range;
      send(res, serveFile(ctx, state, path.slice('files/'.length), req.method ?? 'GET', range));
      return true;
    }
    if (!PREFIXES.has(top)) return false;
    let answer: ApiAnswer;
    try {
      answer = await handle(req, path);
    } catch {
      // Never leak internals (or secrets) into the answer.
      answer = json({ result: 5000 }, 500);
    }
    // The correlation header the vendor's support asks for (reference §1.3, Low confidence).
    answer.headers = { ...answer.headers, 'x-uuid': randomUUID() };
    send(res, answer);
    return true;
  };
}
