import { METHOD_SPECS, signaturesEqual, signRecordingLink } from 'mangokit/protocol';
import type { RecordingRecord } from '../../engine/contract.js';
import type { ApiContext } from '../context.js';
import { type ApiAnswer, json, redirect, status } from '../http/answer.js';
import { parseRange } from '../http/range.js';
import type { ApiState } from '../state.js';
import { findRecording } from '../history.js';

/** The one-time URL that serves a finished recording. */
export function oneTimeUrl(
  ctx: ApiContext,
  state: ApiState,
  recordingId: string,
  action: 'download' | 'play',
): string {
  const token = state.files.issue(recordingId, action, ctx.engine.now());
  return `${ctx.publicUrl().replace(/\/+$/, '')}/files/${token}`;
}

/** A recording that exists and is stored (a running one is not downloadable yet, reference §3.3.1). */
export function storedRecording(ctx: ApiContext, recordingId: string): RecordingRecord | undefined {
  const rec = findRecording(ctx, recordingId);
  return rec && rec.completed_at !== undefined ? rec : undefined;
}

/** A file name safe in a `Content-Disposition` header. */
function fileName(recordingId: string): string {
  const safe = recordingId.replace(/[^A-Za-z0-9_-]+/g, '_').slice(0, 100) || 'recording';
  return `${safe}.mp3`;
}

/**
 * Serves `/files/<token>`: the MP3, once (reference §3.3.1); HEAD does not use the token up.
 * A single `Range` (`bytes=N-`, as a resumed download sends) gets 206 with `Content-Range`.
 * POST is served like GET: an HTTP library following the 302 of `queries/recording/post` with
 * strict redirects (Guzzle's `strict`) re-POSTs to the `Location`, where curl, fetch and requests
 * switch to GET (reference §9 item 16); which methods the vendor's file host takes is unknown.
 */
export function serveFile(
  ctx: ApiContext,
  state: ApiState,
  token: string,
  method: string,
  rangeHeader?: string,
): ApiAnswer {
  if (method !== 'GET' && method !== 'HEAD' && method !== 'POST') {
    return status(405, { allow: 'GET, HEAD, POST' });
  }
  const now = ctx.engine.now();
  const link = method === 'HEAD' ? state.files.peek(token, now) : state.files.take(token, now);
  if (!link) return status(404);
  const rec = storedRecording(ctx, link.recordingId);
  if (!rec) return status(404);
  const disposition = link.action === 'download' ? 'attachment' : 'inline';
  const bytes = state.audio.mp3(rec.duration_sec);
  const headers: Record<string, string> = {
    'content-type': 'audio/mpeg',
    'content-disposition': `${disposition}; filename="${fileName(rec.recording_id)}"`,
    'cache-control': 'no-store',
    'accept-ranges': 'bytes',
  };
  const range = parseRange(rangeHeader, bytes.length);
  if (range === 'unsatisfiable') return status(416, { 'content-range': `bytes */${bytes.length}` });
  if (range === undefined) return { status: 200, body: bytes, headers };
  headers['content-range'] = `bytes ${range.start}-${range.end}/${bytes.length}`;
  return { status: 206, body: bytes.subarray(range.start, range.end + 1), headers };
}

/** The actions of the GET links (their rows' `action`, reference §3.3.2–3.3.3). */
const ACTIONS: readonly string[] = METHOD_SPECS['queries/recording/link'].params.action.oneOf;

function action(value: string | undefined): 'download' | 'play' | undefined {
  return value !== undefined && ACTIONS.includes(value) ? (value as 'download' | 'play') : undefined;
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/**
 * `queries/recording/link/<id>/<action>/<key>/<timestamp>/<sign>` (reference §3.3.2): parsed from
 * the right, so an id holding `/` still works. Bad key → 401; bad sign or past expiry → 403.
 */
function linkRoute(rest: string[]): (ctx: ApiContext, state: ApiState) => ApiAnswer {
  return (ctx, state) => {
    if (rest.length < 5) return status(404);
    const [act, key, ts, sign] = rest.slice(-4).map(decode) as [string, string, string, string];
    const id = rest.slice(0, -4).map(decode).join('/');
    const office = ctx.office();
    if (key !== office.api_key) return json({ result: 3105 }, 401);
    const which = action(act);
    if (!which) return status(404);
    if (!/^\d+$/.test(ts)) return json({ result: 3104 }, 403);
    // Sign order differs from requests: key + timestamp + recording_id + salt (reference §3.3.2).
    if (
      !signaturesEqual(
        signRecordingLink({ apiKey: office.api_key, apiSalt: office.api_salt }, ts, id),
        sign.toLowerCase(),
      )
    ) {
      return json({ result: 3102 }, 403);
    }
    if (Number(ts) < ctx.engine.now()) return json({ result: 3111 }, 403);
    if (!storedRecording(ctx, id)) return status(404);
    return redirect(oneTimeUrl(ctx, state, id, which));
  };
}

/** `queries/recording/issa/<id>/<action>` (reference §3.3.3): the sandbox has no ЛК login, so it redirects at once. */
function issaRoute(rest: string[]): (ctx: ApiContext, state: ApiState) => ApiAnswer {
  return (ctx, state) => {
    if (rest.length < 2) return status(404);
    const which = action(decode(rest[rest.length - 1]!));
    const id = rest.slice(0, -1).map(decode).join('/');
    if (!which || !storedRecording(ctx, id)) return status(404);
    return redirect(oneTimeUrl(ctx, state, id, which));
  };
}

/** The GET recording routes, if `path` is one of them. */
export function recordingGetRoute(
  path: string,
): { kind: string; handle: (ctx: ApiContext, state: ApiState) => ApiAnswer } | undefined {
  for (const kind of ['link', 'issa'] as const) {
    const prefix = `vpbx/queries/recording/${kind}/`;
    if (path.startsWith(prefix)) {
      const rest = path.slice(prefix.length).split('/');
      return {
        kind: `queries/recording/${kind}`,
        handle: kind === 'link' ? linkRoute(rest) : issaRoute(rest),
      };
    }
  }
  return undefined;
}
