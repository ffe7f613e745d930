import type { RequestOptions } from '../internal/requestOptions.js';
import type { RequestPipeline } from '../internal/pipeline.js';
import type { MethodInput } from '../methods/table.js';
import type { ResultResponse } from './groups.js';
import { requireParams } from './params.js';

/** Ban mode: 1 direct calls, 2 outbound-campaign calls, 3 both (reference §3.7). */
export type OutboundBanMode = NonNullable<MethodInput<'outbound_blacklist/enable_mode'>['mode']>;

/**
 * Parameters of a method of the outbound ban list whose row takes `numbers` as objects or bare
 * numbers: the SDK sends bare numbers (and `extra`, as the row types it).
 */
type NumbersOnly<
  P extends
    | 'outbound_blacklist/enable_mode'
    | 'outbound_blacklist/disable_mode'
    | 'outbound_blacklist/delete',
> = Omit<MethodInput<P>, 'numbers'> & { numbers: string[] };

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
    params: MethodInput<'outbound_blacklist/get'> = {},
    options?: RequestOptions,
  ): Promise<ResultResponse & Record<string, unknown>> {
    return this.p.call('outbound_blacklist/get', params, options);
  }

  /** Adds numbers; answers those that already existed. */
  async add(
    params: { numbers: Exclude<MethodInput<'outbound_blacklist/add'>['numbers'][number], string>[] },
    options?: RequestOptions,
  ): Promise<ResultResponse & { existed_numbers?: unknown[] }> {
    requireParams('outbound_blacklist/add', params);
    return this.p.call('outbound_blacklist/add', params, options);
  }

  /** Changes descriptions of entries. */
  async updateDescription(
    params: { numbers: { number: string; description: string }[] },
    options?: RequestOptions,
  ): Promise<ResultResponse> {
    requireParams('outbound_blacklist/update_description', params);
    return this.p.call('outbound_blacklist/update_description', params, options);
  }

  /** Enables a ban mode for entries. */
  async enableMode(
    params: NumbersOnly<'outbound_blacklist/enable_mode'> & { mode: OutboundBanMode },
    options?: RequestOptions,
  ): Promise<ResultResponse> {
    requireParams('outbound_blacklist/enable_mode', params);
    return this.p.call('outbound_blacklist/enable_mode', params, options);
  }

  /** Disables a ban mode for entries. */
  async disableMode(
    params: NumbersOnly<'outbound_blacklist/disable_mode'> & { mode: OutboundBanMode },
    options?: RequestOptions,
  ): Promise<ResultResponse> {
    requireParams('outbound_blacklist/disable_mode', params);
    return this.p.call('outbound_blacklist/disable_mode', params, options);
  }

  /** Deletes entries. */
  async delete(
    params: NumbersOnly<'outbound_blacklist/delete'>,
    options?: RequestOptions,
  ): Promise<ResultResponse> {
    requireParams('outbound_blacklist/delete', params);
    return this.p.call('outbound_blacklist/delete', params, options);
  }

  /** Bans all outgoing calls. */
  enable(
    params: MethodInput<'outbound_blacklist/enable'> = {},
    options?: RequestOptions,
  ): Promise<ResultResponse> {
    return this.p.call('outbound_blacklist/enable', params, options);
  }

  /** Lifts the ban on all outgoing calls. */
  disable(
    params: MethodInput<'outbound_blacklist/disable'> = {},
    options?: RequestOptions,
  ): Promise<ResultResponse> {
    return this.p.call('outbound_blacklist/disable', params, options);
  }
}
