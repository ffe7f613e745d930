import type { RequestOptions } from '../internal/requestOptions.js';
import type { RequestPipeline } from '../internal/pipeline.js';
import type { ResultResponse } from './groups.js';

/** Ban mode: 1 direct calls, 2 outbound-campaign calls, 3 both (reference §3.7). */
export type OutboundBanMode = 1 | 2 | 3;

/** An entry of the outbound blacklist. */
export interface OutboundBannedNumber {
  number: string;
  mode?: OutboundBanMode;
  description?: string;
  user_id?: number;
  [field: string]: unknown;
}

/** Outbound ("ИО") blacklist (reference §3.7). */
export class OutboundBlacklistResource {
  constructor(private readonly p: RequestPipeline) {}

  /** Reads entries (all, or some `numbers`), paged by `cursor` (default 1) and `limit` (default 100). */
  get(
    params: { numbers?: string[]; cursor?: number; limit?: number } = {},
    options?: RequestOptions,
  ): Promise<ResultResponse & Record<string, unknown>> {
    return this.p.call('outbound_blacklist/get', params, options);
  }

  /** Adds numbers; answers those that already existed. */
  add(
    params: { numbers: OutboundBannedNumber[] },
    options?: RequestOptions,
  ): Promise<ResultResponse & { existed_numbers?: unknown[] }> {
    return this.p.call('outbound_blacklist/add', params, options);
  }

  /** Changes descriptions of entries. */
  updateDescription(
    params: { numbers: { number: string; description: string }[] },
    options?: RequestOptions,
  ): Promise<ResultResponse> {
    return this.p.call('outbound_blacklist/update_description', params, options);
  }

  /** Enables a ban mode for entries. */
  enableMode(
    params: { numbers: string[]; mode: OutboundBanMode },
    options?: RequestOptions,
  ): Promise<ResultResponse> {
    return this.p.call('outbound_blacklist/enable_mode', params, options);
  }

  /** Disables a ban mode for entries. */
  disableMode(
    params: { numbers: string[]; mode: OutboundBanMode },
    options?: RequestOptions,
  ): Promise<ResultResponse> {
    return this.p.call('outbound_blacklist/disable_mode', params, options);
  }

  /** Deletes entries. */
  delete(params: { numbers: string[] }, options?: RequestOptions): Promise<ResultResponse> {
    return this.p.call('outbound_blacklist/delete', params, options);
  }

  /** Bans all outgoing calls. */
  enable(params: Record<string, unknown> = {}, options?: RequestOptions): Promise<ResultResponse> {
    return this.p.call('outbound_blacklist/enable', params, options);
  }

  /** Lifts the ban on all outgoing calls. */
  disable(params: Record<string, unknown> = {}, options?: RequestOptions): Promise<ResultResponse> {
    return this.p.call('outbound_blacklist/disable', params, options);
  }
}
