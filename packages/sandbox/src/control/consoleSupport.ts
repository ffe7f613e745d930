import type { IncomingMessage, ServerResponse } from 'node:http';
import { RESULT_CODES } from 'mangokit/protocol';
import type { RecordingRecord } from '../engine/contract.js';
import { RecordingAudio } from '../media/index.js';
import { parseRange } from '../api/http/range.js';

/** What the console's extra control routes read from the sandbox. */
export interface ConsoleSupportContext {
  /** A recording by id, finished or not (the engine's `recording()`). */
  recording(recordingId: string): RecordingRecord | undefined;
}

/** The route this module adds: a recording's MP3, stable and seekable, for the console's `<audio>`. */
export const RECORDING_AUDIO_PATH = /^\/_sandbox\/recordings\/([^/]+)\/audio\/?$/;

/** The vendor's result and disconnect codes with their English and Russian texts (the SDK's table). */
export const CODES_PATH = '/_sandbox/codes';

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const bytes = Buffer.from(JSON.stringify(body), 'utf8');
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': bytes.length,
  });
  res.end(bytes);
}

/**
 * A `node:http` handler for the console's additions to the control API; answers false for any
 * other path. `GET /_sandbox/codes` answers the vendor's code table with English and Russian
 * texts. `GET|HEAD /_sandbox/recordings/:recording_id/audio` serves the MP3 of a finished
 * recording with `Range` support: the vendor's file links are one-time (reference §3.3.1), which
 * an `<audio>` element cannot seek in.
 */
export function createConsoleSupport(
  ctx: ConsoleSupportContext,
): (req: IncomingMessage, res: ServerResponse) => boolean {
  const audio = new RecordingAudio();
  const codes = Buffer.from(JSON.stringify({ codes: RESULT_CODES }), 'utf8');
  return (req, res) => {
    const path = new URL(req.url ?? '/', 'http://sandbox').pathname;
    if (path.replace(/\/+$/, '') === CODES_PATH && (req.method === 'GET' || req.method === 'HEAD')) {
      // The console words reasons with the SDK's code table (reference §5, §6): one home for it.
      req.resume();
      res.writeHead(200, {
        'content-type': 'application/json; charset=utf-8',
        'content-length': codes.length,
        'cache-control': 'max-age=3600',
      });
      res.end(req.method === 'HEAD' ? undefined : codes);
      return true;
    }
    const match = RECORDING_AUDIO_PATH.exec(path);
    if (!match) return false;
    req.resume();
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD', 'content-length': 0 });
      res.end();
      return true;
    }
    let id: string;
    try {
      id = decodeURIComponent(match[1] ?? '');
    } catch {
      sendJson(res, 400, { error: 'malformed recording id' });
      return true;
    }
    const rec = ctx.recording(id);
    if (!rec) {
      sendJson(res, 404, { error: `no recording ${id}` });
      return true;
    }
    if (rec.completed_at === undefined) {
      sendJson(res, 409, { error: `recording ${id} is still in progress` });
      return true;
    }
    const bytes = audio.mp3(rec.duration_sec);
    const headers: Record<string, string | number> = {
      'content-type': 'audio/mpeg',
      'accept-ranges': 'bytes',
      'cache-control': 'no-cache',
      'content-disposition': `inline; filename="${id.replace(/[^A-Za-z0-9_-]+/g, '_').slice(0, 100) || 'recording'}.mp3"`,
    };
    const range = parseRange(req.headers.range, bytes.length);
    if (range === 'unsatisfiable') {
      res.writeHead(416, { ...headers, 'content-range': `bytes */${bytes.length}`, 'content-length': 0 });
      res.end();
      return true;
    }
    const body = range ? bytes.subarray(range.start, range.end + 1) : bytes;
    if (range) headers['content-range'] = `bytes ${range.start}-${range.end}/${bytes.length}`;
    headers['content-length'] = body.length;
    res.writeHead(range ? 206 : 200, headers);
    res.end(req.method === 'HEAD' ? undefined : body);
    return true;
  };
}
