import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseEnvelopeForm, type ReceivedForm, RESULT, signaturesEqual, signJson } from 'mangokit/protocol';
import { FOLLOW_PATH, followLocation } from '../proxy/follow.js';
import { apiPath } from '../proxy/server.js';
import type { ExchangeRecord } from '../traffic/format.js';
import { answerBytes, type Cassette, type Nearest } from './cassette.js';

/** Largest request body the cassette reads. */
const MAX_BODY = 64 * 1024 * 1024;
/** Recorded answer headers not replayed: they belong to the connection or are set anew. */
const NOT_REPLAYED = new Set(['content-length', 'transfer-encoding', 'connection', 'keep-alive', 'date']);

/** What the cassette did with one request (for the command's output). */
export interface CassetteEvent {
  method: string;
  path: string;
  status: number;
  /** Index of the exchange answered, in the recording's API exchanges. */
  exchange?: number;
  /** Why nothing answered it. */
  miss?: string;
  nearest?: Nearest;
}

/** Options of `cassetteInterceptor`. */
export interface InterceptOptions {
  /** The sandbox's credentials, read per request (requests are checked against them). */
  credentials(): { apiKey: string; apiSalt: string };
  /** The recorded upstream, to resolve relative `Location`s. */
  upstream?: string;
  report(event: CassetteEvent): void;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY) chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

/** 401 with the API's codes when a request is not signed with the sandbox's credentials (reference §1.3). */
function authFailure(
  form: ReceivedForm,
  credentials: { apiKey: string; apiSalt: string },
): number | undefined {
  if (form.vpbx_api_key === undefined && form.sign === undefined) return undefined;
  if (form.vpbx_api_key !== credentials.apiKey) return RESULT.BAD_API_KEY;
  const expected = signJson(credentials, form.json ?? '');
  if (!form.sign || !signaturesEqual(expected, form.sign.toLowerCase())) return RESULT.BAD_SIGN;
  return undefined;
}

function replayAnswer(
  res: ServerResponse,
  exchange: ExchangeRecord,
  req: IncomingMessage,
  upstream: string,
): number {
  const response = exchange.response!;
  const bytes = answerBytes(exchange);
  if (bytes === undefined) {
    const body = response.body as { bytes: number; sha256: string };
    sendJson(res, 502, {
      error: 'body_not_recorded',
      message:
        `the recording kept only the length (${body.bytes} bytes) and SHA-256 of this answer; ` +
        'record it again with a larger --body-limit to replay it',
    });
    return 502;
  }
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(response.headers)) {
    if (!NOT_REPLAYED.has(name)) headers[name] = value;
  }
  const location = response.headers.location;
  if (location !== undefined && response.status >= 300 && response.status < 400) {
    const base = /^https?:\/\//.test(exchange.request.url)
      ? exchange.request.url
      : new URL(exchange.request.url, upstream).href;
    headers.location = followLocation(location, new URL(base), `http://${req.headers.host ?? '127.0.0.1'}`);
  }
  headers['content-length'] = String(bytes.length);
  res.writeHead(response.status, headers);
  res.end(req.method === 'HEAD' ? undefined : bytes);
  return response.status;
}

/**
 * The sandbox's request interceptor for `--replay`: API requests (`/vpbx/`, `/cc/`, `/s2t/`) and
 * followed redirects are answered from the recording by the cassette's matching rules; a request
 * signed with other credentials gets the API's 401 (3105 key, 3102 sign), one the recording does
 * not hold a 404 `not_in_cassette` naming the nearest recorded request and how it differs.
 */
export function cassetteInterceptor(
  cassette: Cassette,
  options: InterceptOptions,
): (req: IncomingMessage, res: ServerResponse) => Promise<boolean> {
  const upstream = options.upstream ?? 'http://upstream.invalid/';
  return async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://sandbox.invalid');
    const path = apiPath(url.pathname);
    if (!cassette.serves(path)) return false;
    const method = (req.method ?? 'GET').toUpperCase();
    const followUrl =
      url.pathname.replace(/\/+$/, '') === FOLLOW_PATH ? (url.searchParams.get('url') ?? '') : undefined;
    const body = await readBody(req);
    let form: ReceivedForm = {};
    if (body.length > 0) {
      try {
        form = parseEnvelopeForm(body, req.headers['content-type'], { lenient: true });
      } catch {
        form = {};
      }
    }
    const failed = followUrl === undefined ? authFailure(form, options.credentials()) : undefined;
    if (failed !== undefined) {
      sendJson(res, 401, { result: failed });
      options.report({ method, path, status: 401 });
      return true;
    }
    const match = cassette.match({
      method,
      path,
      ...(followUrl !== undefined ? { followUrl } : {}),
      ...(form.json !== undefined ? { json: form.json } : {}),
    });
    if ('hit' in match) {
      const status = replayAnswer(res, match.hit, req, upstream);
      options.report({ method, path, status, exchange: match.index });
      return true;
    }
    sendJson(res, 404, {
      error: 'not_in_cassette',
      message: match.miss,
      ...(match.nearest ? { nearest: match.nearest } : {}),
    });
    options.report({
      method,
      path,
      status: 404,
      miss: match.miss,
      ...(match.nearest ? { nearest: match.nearest } : {}),
    });
    return true;
  };
}
