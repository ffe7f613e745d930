import type { RequestOptions } from '../internal/requestOptions.js';
import type { RequestPipeline } from '../internal/pipeline.js';
import type { MethodInput } from '../methods/table.js';
import { requireParams } from './params.js';

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
  async userInfo(
    params: MethodInput<'queries/user_info_by_dct_number'>,
    options?: RequestOptions,
  ): Promise<DctUserInfo> {
    requireParams('queries/user_info_by_dct_number', params);
    return this.p.call('queries/user_info_by_dct_number', params, options);
  }

  /** Pages the visitor saw. */
  async userHistory(
    params: MethodInput<'queries/user_history_by_dct_number'>,
    options?: RequestOptions,
  ): Promise<{ data: { url: string; date: string; title?: string }[] }> {
    requireParams('queries/user_history_by_dct_number', params);
    return this.p.call('queries/user_history_by_dct_number', params, options);
  }
}
