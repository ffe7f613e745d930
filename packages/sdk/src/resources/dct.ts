import type { RequestOptions } from '../internal/requestOptions.js';
import type { RequestPipeline } from '../internal/pipeline.js';
import { requireFields } from './command.js';

/** A site visitor bound to a call-tracking number (reference §3.4); `{}` when none. */
export interface DctUserInfo {
  uid?: string;
  widget_id?: number | string;
  widget_name?: string;
  product_id?: number | string;
  ga_cid?: string;
  ya_cid?: string;
  rs_cid?: string;
  ip?: string;
  region_id?: number | string;
  location?: { country_code?: string; region_code?: string; region?: string; city?: string };
  channel?: { source?: string; medium?: string; campaign?: string; content?: string; term?: string };
  duration?: number;
  current_page?: { url: string; date: string; title?: string };
  device?: 'mobile' | 'desktop';
  custom?: string;
  /** The 2017 format nests the fields here. */
  data?: Omit<DctUserInfo, 'data'>;
}

/** Dynamic call-tracking queries (reference §3.4). */
export class DctResource {
  constructor(private readonly p: RequestPipeline) {}

  /** Who is behind a call-tracking number. */
  async userInfo(params: { number: string }, options?: RequestOptions): Promise<DctUserInfo> {
    requireFields('queries/user_info_by_dct_number', params, ['number']);
    return this.p.call('queries/user_info_by_dct_number', params, options);
  }

  /** Pages the visitor saw. */
  async userHistory(
    params: { number: string },
    options?: RequestOptions,
  ): Promise<{ data: { url: string; date: string; title?: string }[] }> {
    requireFields('queries/user_history_by_dct_number', params, ['number']);
    return this.p.call('queries/user_history_by_dct_number', params, options);
  }
}
