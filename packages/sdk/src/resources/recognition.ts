import type { UploadFile } from '../internal/multipart.js';
import type { RequestOptions } from '../internal/requestOptions.js';
import type { RequestPipeline } from '../internal/pipeline.js';
import { MangoValidationError } from '../core/errors.js';
import { requireFields } from './command.js';
import type { ResultResponse } from './groups.js';

/** `offline_record/recognize` metadata (reference §3.8). */
export interface OfflineRecognizeParams {
  user_id: number;
  from: string;
  to: string;
  direction: 'IN' | 'OUT';
  /** `YYYY-MM-DD HH:MM:SS`, UTC. */
  created: string;
  /** −1 left, 1 right. */
  member_channel?: -1 | 1;
  diarization?: boolean | number;
}

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
    requireFields('offline_record/recognize', params, ['user_id', 'from', 'to', 'direction', 'created']);
    if (!(file?.data instanceof Uint8Array))
      throw new MangoValidationError('offline_record/recognize: file.data must be bytes');
    return this.p.upload('offline_record/recognize', params, file, options);
  }

  /** Uploads a file for recognition without storage or employee (multipart). */
  async record(
    params: Record<string, unknown>,
    file: UploadFile,
    options?: RequestOptions,
  ): Promise<ResultResponse & { request_id: string }> {
    if (!(file?.data instanceof Uint8Array))
      throw new MangoValidationError('record/recognize: file.data must be bytes');
    return this.p.upload('record/recognize', params, file, options);
  }

  /** States and transcripts of recognition requests. */
  async tasks(
    params: { request_ids: string[] },
    options?: RequestOptions,
  ): Promise<ResultResponse & { data?: TranscribeTask[] }> {
    if (!Array.isArray(params?.request_ids))
      throw new MangoValidationError('transcribes/tasks: request_ids must be an array');
    return this.p.call('transcribes/tasks/', params, options);
  }
}
