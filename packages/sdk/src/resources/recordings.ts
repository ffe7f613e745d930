import type { RecordingFiles } from '../internal/recordingFiles.js';
import type { RequestOptions } from '../internal/requestOptions.js';
import { parseJson, type RequestPipeline, resultOf } from '../internal/pipeline.js';
import type { TransportResponse } from '../internal/transport.js';
import { isSuccessCode } from '../codes/resultCodes.js';
import { createApiError, MangoConnectionError, MangoValidationError } from '../core/errors.js';
import { signRecordingLink } from '../core/signing.js';
import type { MethodInput } from '../methods/table.js';
import type { StatsTime } from '../stats/windows.js';
import { toUnixSeconds } from '../stats/windows.js';
import { requireParams } from './params.js';

/** How the file service serves the audio: as an attachment or inline (reference §3.3.1). */
export type RecordingAction = NonNullable<MethodInput<'queries/recording/post'>['action']>;

/**
 * Hosts the vendor's one-time recording URLs live on (reference §1.3, §3.3.1, §7): a download
 * follows a redirect only to one of these, the API's own host, or `allowHosts`.
 */
const RECORDING_FILE_HOSTS: readonly string[] = ['files.mango-office.ru'];

/** Options of `download` and `save`. */
export interface RecordingDownloadOptions extends RequestOptions {
  action?: RecordingAction;
  /**
   * More hosts the one-time file URL may be on, besides the API's own host and the vendor's
   * file host `files.mango-office.ru`. A redirect anywhere else is refused before anything is
   * fetched from it; so is a redirect from `https` to `http`.
   */
  allowHosts?: readonly string[];
}

/** A recording being downloaded. */
export interface RecordingDownload {
  /** The audio bytes as a web stream (`Readable.fromWeb(stream)` gives a Node stream). */
  stream: ReadableStream<Uint8Array>;
  /** Usually `audio/mpeg` or `audio/mp3`. */
  contentType: string;
  /** From `Content-Disposition`, else `<recording_id>.mp3`. */
  fileName: string;
  /** Bytes, when the server said (`Content-Length`). */
  size?: number;
}

/** What `save` wrote. */
export interface SavedRecording {
  path: string;
  bytes: number;
  contentType: string;
  fileName: string;
}

/** Options of `link`: the action and the link's expiry (reference §3.3.2). */
export interface RecordingLinkOptions {
  action?: RecordingAction;
  /** Expiry as a `Date` or Unix seconds (the vendor reads it as UTC+3 per DOC-2026). */
  expiresAt: StatsTime;
}

/** `queries/recording_categories` parameters (reference §3.3.4): one recording id or a list. */
export type RecordingCategoriesParams = Simplify<
  Omit<MethodInput<'queries/recording_categories'>, 'recording_id'> & { recording_id: string | string[] }
>;

type Simplify<T> = { [K in keyof T]: T[K] } & {};

/** One category found in a recording. */
export interface RecordingCategory {
  id: number | string;
  name?: string;
  assign_time?: number | string;
  version?: number | string;
  /** Channels −1 left, 1 right, 0 mono. */
  terms?: { channels: number[]; count: number; value: string }[];
}

/** Answer of `queries/recording_categories`. */
export interface RecordingCategoriesResponse {
  result: number;
  data: { recording_id: string; categories: RecordingCategory[] }[];
}

/** Answer of `queries/recording_transcripts`. */
export interface RecordingTranscriptsResponse {
  result: number;
  data: {
    recording_id: string;
    names?: { client?: string; operator?: string };
    /** `[speaker, text]` pairs, speaker `operator` or `client`. */
    phrases: [string, string][];
  }[];
}

function fileNameOf(disposition: string | undefined, fallback: string): string {
  if (disposition) {
    const star = /filename\*=(?:UTF-8'')?([^;]+)/i.exec(disposition);
    if (star?.[1]) {
      try {
        return decodeURIComponent(star[1].trim().replace(/^"|"$/g, ''));
      } catch {
        /* fall through to the plain form */
      }
    }
    const plain = /filename="?([^";]+)"?/i.exec(disposition);
    if (plain?.[1]) return plain[1].trim();
  }
  return fallback;
}

/** A recording's file response, opened but not read. */
type OpenedRecording = Omit<RecordingDownload, 'stream'> & { res: TransportResponse };

function checkId(id: unknown): string {
  if (typeof id !== 'string' || id === '')
    throw new MangoValidationError('recording_id must be a non-empty string');
  return id;
}

function checkAction(action: unknown): RecordingAction {
  if (action !== 'download' && action !== 'play')
    throw new MangoValidationError('action must be "download" or "play"');
  return action;
}

/** Recordings (reference §3.3): download by the 302 to a one-time URL, signed links, speech analytics. */
export class RecordingsResource {
  constructor(
    private readonly p: RequestPipeline,
    private readonly files?: RecordingFiles,
  ) {}

  /**
   * Asks `queries/recording/post` for the file, follows the 302 to the one-time URL and
   * returns its body as a stream (reference §3.3.1). Never store the redirect URL.
   */
  async download(recording_id: string, options: RecordingDownloadOptions = {}): Promise<RecordingDownload> {
    const { res, ...meta } = await this.#open(recording_id, options);
    return { stream: res.stream(), ...meta };
  }

  /**
   * Downloads into `filePath` chunk by chunk (memory stays flat whatever the size); writes
   * `<filePath>.part` first and renames, so a failed download leaves no partial file at
   * `filePath`. With `resume`, a `.part` left by an interrupted download is continued with a
   * `Range` request (a server answering the whole file instead is read from the start) and a
   * failed download keeps its `.part` — every byte received before the failure, a connection cut
   * mid-body included — for the next attempt; without it the `.part` is removed.
   * Needs a file system: from `mangokit/web` it throws (use `download` there).
   */
  async save(
    recording_id: string,
    filePath: string,
    options: RecordingDownloadOptions & { resume?: boolean } = {},
  ): Promise<SavedRecording> {
    const files = this.files;
    if (files === undefined) {
      throw new MangoValidationError(
        'recordings.save writes a file and needs the Node entry (mangokit); on this runtime use recordings.download',
      );
    }
    const part = `${filePath}.part`;
    const resume = options.resume === true;
    let from = resume ? await files.size(part) : 0;
    let opened: OpenedRecording;
    try {
      opened = await this.#open(recording_id, options, from > 0 ? { range: `bytes=${from}-` } : {});
    } catch (err) {
      // 416: the part is not a prefix the server can continue (e.g. the file changed): start over.
      if (from === 0 || (err as { status?: number }).status !== 416) throw err;
      from = 0;
      opened = await this.#open(recording_id, options);
    }
    const { res, contentType, fileName } = opened;
    let { size } = opened;
    if (from > 0) {
      const range = /^bytes (\d+)-\d+\/(\d+|\*)$/.exec(res.header('content-range') ?? '');
      if (res.status === 206 && range && Number(range[1]) === from) {
        if (range[2] !== '*') size = Number(range[2]);
        else if (size !== undefined) size += from;
      } else {
        from = 0; // The whole file came back: write it from the start.
      }
    }
    let bytes = from;
    let cut: unknown;
    // The transport's own chunks, pulled by the file writer: backpressure end to end, no
    // web-stream conversion in between. A connection cut mid-body ends this source normally,
    // so the writer flushes every byte received into the .part (a writer that is failed drops
    // what it has queued); the cut is thrown once the file is written, and a resumed download
    // continues at the very byte the cut happened at.
    async function* counted() {
      try {
        for await (const chunk of res.chunks()) {
          bytes += chunk.length;
          yield chunk;
        }
      } catch (err) {
        cut = err;
      }
    }
    try {
      await files.write(counted(), part, from > 0, options.signal);
      if (cut !== undefined) throw cut;
      if (size !== undefined && bytes !== size) {
        throw new MangoConnectionError(`recording truncated: ${bytes} of ${size} bytes`);
      }
      await files.rename(part, filePath);
    } catch (err) {
      if (!resume) await files.remove(part);
      throw err instanceof MangoConnectionError || err instanceof MangoValidationError
        ? err
        : new MangoConnectionError(`recording download failed: ${(err as Error).message}`);
    }
    return { path: filePath, bytes, contentType, fileName };
  }

  /**
   * Posts `queries/recording/post`, follows the 302 (and at most two more redirects, each to
   * an allowed host) and answers the file response, unread.
   */
  async #open(
    recording_id: string,
    options: RecordingDownloadOptions,
    fileHeaders: Record<string, string> = {},
  ): Promise<OpenedRecording> {
    const id = checkId(recording_id);
    const action = checkAction(options.action ?? 'download');
    const path = 'queries/recording/post';
    const params: MethodInput<typeof path> = { recording_id: id, action };
    requireParams(path, params);
    const first = await this.p.send(path, params, options, async (r) => r);
    let res: TransportResponse = first;
    let from = new URL(this.p.url(path));
    const allowed = new Set(
      [from.hostname, ...RECORDING_FILE_HOSTS, ...(options.allowHosts ?? [])].map((h) => h.toLowerCase()),
    );
    for (let hops = 0; res.status >= 300 && res.status < 400; hops++) {
      const location = res.header('location');
      res.discard();
      if (!location) throw new MangoConnectionError(`${path}: redirect without a Location`);
      if (hops === 3) throw new MangoConnectionError(`${path}: more than 3 redirects`);
      const to = new URL(location, from);
      if (!allowed.has(to.hostname.toLowerCase()) || (to.protocol !== 'https:' && to.protocol !== 'http:'))
        throw new MangoConnectionError(
          `${path}: refusing to follow a redirect to ${to.protocol}//${to.host}: not the API's host nor a recording storage host (allowHosts)`,
        );
      if (from.protocol === 'https:' && to.protocol === 'http:')
        throw new MangoConnectionError(`${path}: refusing a redirect from https to http (${to.host})`);
      res = await this.p.get(to.href, options, fileHeaders);
      from = to;
    }
    if (res !== first && res.status >= 400) {
      res.discard();
      throw createApiError({ status: res.status, path: `${path} (file)` });
    }
    const contentType = res.header('content-type') ?? 'application/octet-stream';
    if (contentType.includes('json')) {
      // No redirect but a JSON answer: an error code (e.g. 3320 recording not found).
      const body = parseJson(await res.text(), path);
      const result = resultOf(body);
      throw createApiError({
        status: res.status,
        result: result !== undefined && !isSuccessCode(result) ? result : 3320,
        path,
      });
    }
    // The vendor serves audio/mp3 or audio/mpeg (reference §1.3); anything else (an HTML error
    // or login page, say) is not saved as a recording.
    if (!/^audio\//i.test(contentType.trim())) {
      res.discard();
      throw new MangoConnectionError(`${path}: the file answered ${contentType.split(';')[0]}, not audio`);
    }
    const fileName = fileNameOf(res.header('content-disposition'), `${id.replace(/[^\w.-]+/g, '_')}.mp3`);
    const lengthHeader = res.header('content-length');
    const length = Number(lengthHeader);
    return lengthHeader !== undefined && Number.isFinite(length)
      ? { res, contentType, fileName, size: length }
      : { res, contentType, fileName };
  }

  /**
   * Builds the self-signed GET link `queries/recording/link/{id}/{action}/{key}/{timestamp}/{sign}`
   * (reference §3.3.2) with `sign = sha256(key + timestamp + id + salt)` — note the order.
   * The link works only if enabled in the cabinet; it contains a signature, so treat it as a secret.
   */
  link(recording_id: string, options: RecordingLinkOptions): string {
    const id = checkId(recording_id);
    const action = checkAction(options.action ?? 'download');
    const ts = toUnixSeconds(options.expiresAt, 'expiresAt');
    const { apiKey } = this.p.config;
    const sign = signRecordingLink(this.p.config, ts, id);
    return this.p.url(
      `queries/recording/link/${encodeURIComponent(id)}/${action}/${encodeURIComponent(apiKey)}/${ts}/${sign}`,
    );
  }

  /** The browser link `queries/recording/issa/{id}/{action}` that checks the logged-in user (reference §3.3.3). */
  issaUrl(recording_id: string, action: RecordingAction = 'play'): string {
    return this.p.url(
      `queries/recording/issa/${encodeURIComponent(checkId(recording_id))}/${checkAction(action)}`,
    );
  }

  /**
   * Transcripts of up to 500 recordings (reference §3.3.4). The ids are sent as a JSON-array
   * string, as the vendor example does.
   */
  async transcripts(
    recording_ids: string | string[],
    options?: RequestOptions,
  ): Promise<RecordingTranscriptsResponse> {
    const ids = Array.isArray(recording_ids) ? recording_ids : [recording_ids];
    if (ids.length === 0 || ids.length > 500)
      throw new MangoValidationError('transcripts: 1 to 500 recording ids');
    ids.forEach(checkId);
    requireParams('queries/recording_transcripts', { recording_id: ids });
    return this.p.call('queries/recording_transcripts', { recording_id: JSON.stringify(ids) }, options);
  }

  /** Speech-analytics categories of recordings (reference §3.3.4). */
  async categories(
    params: RecordingCategoriesParams,
    options?: RequestOptions,
  ): Promise<RecordingCategoriesResponse> {
    const ids = Array.isArray(params.recording_id) ? params.recording_id : [params.recording_id];
    ids.forEach(checkId);
    requireParams('queries/recording_categories', { ...params, recording_id: ids });
    return this.p.call(
      'queries/recording_categories',
      { ...params, recording_id: JSON.stringify(ids) },
      options,
    );
  }
}
