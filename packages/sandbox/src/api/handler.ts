import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  MalformedFormError,
  parseEnvelopeForm,
  RESULT,
  type ReceivedForm,
  signaturesEqual,
  signJson,
} from 'mangokit/protocol';
import { ccRoutes } from './cc/routes.js';
import { commandRoutes } from './commands.js';
import { configRoutes } from './config/routes.js';
import type { ApiContext, ApiRequestRecord, InjectedFault } from './context.js';
import { type ApiAnswer, fail, json, RATE_LIMITED_BODY, resultOf, send, status } from './http/answer.js';
import { BodyTooLargeError, closeIfUnread, readBody } from './http/body.js';
import { HINTS, type SandboxText } from '../i18n/messages.js';
import { pathHint, signatureHint } from './http/hints.js';
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
    return fault.status >= 500 ? json({ result: RESULT.SERVER_ERROR }, fault.status) : status(fault.status);
  }
  if (fault.result !== undefined) return fail(fault.result);
  return undefined;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Whether `path` (no leading slash) is a method of the surface, POST or GET. */
function isApiPath(path: string): boolean {
  return path in API_ROUTES || recordingGetRoute(path) !== undefined;
}

/**
 * The 404 of a path that is not a method: a JSON body saying (in English, as on the wire) what was
 * probably meant (reference §9 items 15, 16), and the same for the request log in both languages.
 */
function notFound(path: string): Handled {
  const hint = pathHint(path, isApiPath);
  const text = hint?.text ?? HINTS.noSuchMethod(path);
  const body = { message: text.en, ...(hint?.did_you_mean ? { did_you_mean: hint.did_you_mean } : {}) };
  return { answer: json(body, 404), counts: false, hint: text };
}

/** What one request handled: the answer, and whether it may count towards the invalid-request lock-out. */
interface Handled {
  answer: ApiAnswer;
  /** Only requests signed with the office's key count: a stranger cannot lock the key out. */
  counts: boolean;
  /** `json` was `[]`, read as `{}` (PHP's `json_encode(array())`, reference §9 item 16). */
  emptyArrayJson?: true;
  /** Why the request failed, for the request log only (the answer stays production's). */
  hint?: SandboxText;
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
  const state = new ApiState(ctx.lockout);

  async function applyFault(path: string): Promise<ApiAnswer | undefined> {
    const fault = ctx.takeFault(faultPath(path));
    if (!fault) return undefined;
    if (fault.delayMs) await sleep(fault.delayMs);
    return faultAnswer(fault);
  }

  /** Handles a POST method. */
  async function post(req: IncomingMessage, path: string): Promise<Handled> {
    const anonymous = (answer: ApiAnswer): Handled => ({ answer, counts: false });
    const route = API_ROUTES[path];
    if (!route) {
      req.resume();
      return notFound(path);
    }
    if (req.method !== 'POST') {
      req.resume();
      // reference §5: 3101 — request method other than POST.
      return anonymous(fail(RESULT.METHOD_NOT_POST));
    }
    let body: Buffer;
    try {
      const limit = UPLOAD_ROUTES.has(path)
        ? (ctx.options.maxUploadBytes ?? MAX_UPLOAD_BYTES)
        : (ctx.options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES);
      body = await readBody(req, limit);
    } catch (error) {
      if (error instanceof BodyTooLargeError) return anonymous(json({ result: RESULT.ABOVE_MAXIMUM }, 413));
      throw error;
    }
    let envelope: ReceivedForm;
    try {
      // Urlencoded or multipart, read as the vendor's server reads forms: the first of a repeated
      // field wins (reference §1.2: accept both encodings).
      envelope = parseEnvelopeForm(body, req.headers['content-type'], { lenient: true });
    } catch (error) {
      if (error instanceof MalformedFormError) return anonymous(json({ result: RESULT.WRONG_FORMAT }, 400));
      throw error;
    }
    const office = ctx.office();
    if (envelope.vpbx_api_key !== office.api_key) return anonymous(json({ result: RESULT.BAD_API_KEY }, 401));
    const now = ctx.engine.now();
    if (ctx.options.lockout && state.lockout.locked(now, office))
      return anonymous(json({ result: RESULT.BAD_API_KEY }, 401));
    const expected = signJson({ apiKey: office.api_key, apiSalt: office.api_salt }, envelope.json ?? '');
    if (!envelope.sign || !signaturesEqual(expected, envelope.sign.toLowerCase())) {
      // A wrong signature does not count towards the lock-out: the key is public (lockout.ts).
      const why = envelope.sign
        ? signatureHint(office.api_key, office.api_salt, envelope.json ?? '', envelope.sign)
        : undefined;
      return { answer: json({ result: RESULT.BAD_SIGN }, 401), counts: false, ...(why && { hint: why }) };
    }
    const authed = (answer: ApiAnswer): Handled => ({ answer, counts: true });
    if (ctx.options.rateLimits && !state.limiter.take(rateRuleFor(faultPath(path)))) {
      // The Contact-Center API signals its limit in the body instead (reference §1.3).
      return authed(path.startsWith('cc/') ? fail(RESULT.SERVICE_UNAVAILABLE) : json(RATE_LIMITED_BODY, 429));
    }
    const faulted = await applyFault(path);
    if (faulted) return authed(faulted);
    if (envelope.json === undefined) return authed(fail(RESULT.REQUIRED, { json: RESULT.REQUIRED }));
    let params: unknown;
    try {
      params = JSON.parse(envelope.json);
    } catch {
      return authed(fail(RESULT.MALFORMED_JSON));
    }
    if (Array.isArray(params) && params.length === 0) {
      // PHP's json_encode(array()) is `[]`: the vendor FAQ's own "all employees" example sends it
      // and is documented as working, so `[]` means `{}` and is never held against the key
      // (reference §9 item 16).
      const answer = await route({ ctx, state, params: {}, files: envelope.files ?? [] });
      return { answer, counts: false, emptyArrayJson: true };
    }
    if (params === null || typeof params !== 'object' || Array.isArray(params))
      return authed(fail(RESULT.MALFORMED_JSON));
    return authed(
      await route({ ctx, state, params: params as Record<string, unknown>, files: envelope.files ?? [] }),
    );
  }

  async function handle(req: IncomingMessage, path: string): Promise<Handled> {
    const getRoute = recordingGetRoute(path);
    if (getRoute) {
      req.resume();
      const answer = async (): Promise<ApiAnswer> => {
        if (req.method !== 'GET' && req.method !== 'HEAD') return fail(RESULT.METHOD_NOT_POST);
        if (ctx.options.rateLimits && !state.limiter.take(rateRuleFor(getRoute.kind))) {
          return json(RATE_LIMITED_BODY, 429);
        }
        const faulted = await applyFault(getRoute.kind);
        if (faulted) return faulted;
        return getRoute.handle(ctx, state);
      };
      return { answer: await answer(), counts: false };
    }
    const handled = await post(req, path);
    if (
      ctx.options.lockout &&
      handled.counts &&
      isInvalidRequest(handled.answer) &&
      state.lockout.recordInvalid(ctx.engine.now(), ctx.office())
    ) {
      return { ...handled, answer: json({ result: resultOf(handled.answer) }, 401) };
    }
    return handled;
  }

  function log(req: IncomingMessage, rawPath: string, handled: Handled): void {
    if (!ctx.log) return;
    const { answer } = handled;
    const record: ApiRequestRecord = {
      at: ctx.engine.now(),
      method: req.method ?? 'GET',
      path: rawPath,
      status: answer.status,
    };
    const result = resultOf(answer);
    if (result !== undefined) record.result = result;
    if (
      answer.status === 404 &&
      answer.body &&
      typeof answer.body === 'object' &&
      !Buffer.isBuffer(answer.body)
    ) {
      const meant = (answer.body as { did_you_mean?: unknown }).did_you_mean;
      if (typeof meant === 'string') record.did_you_mean = meant;
    }
    if (handled.emptyArrayJson) record.emptyArrayJson = true;
    if (handled.hint) {
      record.hint = handled.hint.en;
      record.hint_ru = handled.hint.ru;
    }
    try {
      ctx.log(record);
    } catch {
      // The log never breaks an answer.
    }
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
    let handled: Handled;
    if (!PREFIXES.has(top)) {
      // Not the API's, unless it is a method without its `vpbx/` prefix: then a 404 that says so.
      if (!pathHint(path, isApiPath)) return false;
      req.resume();
      handled = notFound(path);
    } else {
      try {
        handled = await handle(req, path);
      } catch {
        // Never leak internals (or secrets) into the answer.
        handled = { answer: json({ result: RESULT.SERVER_ERROR }, 500), counts: false };
      }
    }
    const { answer } = handled;
    // The correlation header the vendor's support asks for (reference §1.3, Low confidence).
    answer.headers = closeIfUnread(req, { ...answer.headers, 'x-uuid': randomUUID() });
    send(res, answer);
    log(req, url.pathname, handled);
    return true;
  };
}
