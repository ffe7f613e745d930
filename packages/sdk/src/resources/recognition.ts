import type { UploadFile } from '../internal/multipart.js';
import type { RequestOptions } from '../internal/requestOptions.js';
import type { RequestPipeline } from '../internal/pipeline.js';
import { MangoValidationError } from '../core/errors.js';
import type { MethodInput } from '../methods/table.js';
import type { ResultResponse } from './groups.js';
import { requireParams } from './params.js';

/** `offline_record/recognize` metadata (reference §3.8): `created` is `YYYY-MM-DD HH:MM:SS`, UTC. */
export type OfflineRecognizeParams = MethodInput<'offline_record/recognize'>;

/** One recognition task's state (reference §3.8). */
export interface TranscribeTask {
  request_id: string;
  status?: string;
  transcribes?: { channel: number; data: { word: string; begin: number; end: number }[] }[];
  [field: string]: unknown;
}

/** Offline speech recognition of uploaded files (reference §3.8; event `events/recognized/offline`). */
export class RecognitionResource {
  constructor(private readonly p: RequestPipeline) {}

  /** Uploads a recording made elsewhere for recognition, linked to an employee (multipart). */
  async offlineRecord(
    params: OfflineRecognizeParams,
    file: UploadFile,
    options?: RequestOptions,
  ): Promise<ResultResponse & { request_id: string }> {
    requireParams('offline_record/recognize', params);
    if (!(file?.data instanceof Uint8Array))
      throw new MangoValidationError('offline_record/recognize: file.data must be bytes');
    return this.p.upload('offline_record/recognize', params, file, options);
  }

  /** Uploads a file for recognition without storage or employee (multipart). */
  async record(
    params: MethodInput<'record/recognize'>,
    file: UploadFile,
    options?: RequestOptions,
  ): Promise<ResultResponse & { request_id: string }> {
    if (!(file?.data instanceof Uint8Array))
      throw new MangoValidationError('record/recognize: file.data must be bytes');
    return this.p.upload('record/recognize', params, file, options);
  }

  /** States and transcripts of recognition requests. */
  async tasks(
    params: MethodInput<'transcribes/tasks'>,
    options?: RequestOptions,
  ): Promise<ResultResponse & { data?: TranscribeTask[] }> {
    requireParams('transcribes/tasks', params);
    if (!Array.isArray(params.request_ids))
      throw new MangoValidationError('transcribes/tasks: request_ids must be an array');
    return this.p.call('transcribes/tasks/', params, options);
  }
}
