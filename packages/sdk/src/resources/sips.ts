import type { RequestOptions } from '../internal/requestOptions.js';
import type { RequestPipeline } from '../internal/pipeline.js';
import type { MethodInput } from '../methods/table.js';
import type { ResultResponse } from './groups.js';
import { requireParams } from './params.js';

/** A SIP account. */
export interface SipAccount {
  id: number;
  login: string;
  domain: string;
}

/** `sip/create` parameters (all required since 05.02.2026, reference §3.6.3). */
export type SipCreateParams = MethodInput<'sip/create'>;

/** `sip/update` parameters. */
export type SipUpdateParams = MethodInput<'sip/update'>;

/** SIP accounts of employees (reference §3.6.2–3.6.3). */
export class SipsResource {
  constructor(private readonly p: RequestPipeline) {}

  /** Lists SIP accounts per employee. */
  list(
    options?: RequestOptions,
  ): Promise<ResultResponse & { data: { user_id: number; sips: SipAccount[] }[] }> {
    return this.p.call('sips', {}, options);
  }

  /** Creates a SIP account. */
  async create(
    params: SipCreateParams,
    options?: RequestOptions,
  ): Promise<ResultResponse & { sip_id: number }> {
    requireParams('sip/create', params);
    return this.p.call('sip/create', params, options);
  }

  /** Changes a SIP account. */
  async update(params: SipUpdateParams, options?: RequestOptions): Promise<ResultResponse> {
    requireParams('sip/update', params);
    return this.p.call('sip/update', params, options);
  }

  /** Deletes a SIP account. */
  async delete(params: MethodInput<'sip/delete'>, options?: RequestOptions): Promise<ResultResponse> {
    requireParams('sip/delete', params);
    return this.p.call('sip/delete', params, options);
  }
}
