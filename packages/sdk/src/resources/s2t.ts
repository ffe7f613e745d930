import type { RequestOptions } from '../internal/requestOptions.js';
import type { RequestPipeline } from '../internal/pipeline.js';
import type { MethodInput } from '../methods/table.js';
import type { ResultResponse } from './groups.js';
import { requireParams } from './params.js';

/** One communication of `s2t/queries/records` (reference §3.3.4). */
export interface S2tRecord {
  communication_id: string;
  communication_type?: string | number;
  info?: {
    direction?: string | number;
    duration?: number;
    time_created?: string | number;
    from_number?: string;
    to_number?: string;
  };
  sentiments?: { client?: unknown; operator?: unknown };
  has_s2t?: boolean;
  has_transcript?: boolean;
  has_summary?: boolean;
}

/** Speech analytics under `/s2t/` beside the vpbx base (reference §1.1, §3.3.4). */
export class S2tResource {
  constructor(private readonly p: RequestPipeline) {}

  /** Summaries of communications. */
  async recordingSummary(
    params: MethodInput<'../s2t/queries/recording_summary'>,
    options?: RequestOptions,
  ): Promise<ResultResponse & { data: { communication_id: string; summary: string }[] }> {
    requireParams('../s2t/queries/recording_summary', params);
    return this.p.call('../s2t/queries/recording_summary', params, options);
  }

  /** Communications with speech data in a period (`date_from`/`date_to` like `2026-05-19`). */
  async records(
    params: MethodInput<'../s2t/queries/records'>,
    options?: RequestOptions,
  ): Promise<ResultResponse & { data: S2tRecord[] }> {
    requireParams('../s2t/queries/records', params);
    return this.p.call('../s2t/queries/records', params, options);
  }
}
