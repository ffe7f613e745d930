import type { RequestOptions } from '../internal/requestOptions.js';
import type { RequestPipeline } from '../internal/pipeline.js';
import { requireFields } from './command.js';
import type { ResultResponse } from './groups.js';

/** A SIP account. */
export interface SipAccount {
  id: number;
  login: string;
  domain: string;
}

/** `sip/create` parameters (all required since 05.02.2026, reference §3.6.3). */
export interface SipCreateParams {
  user_id: number;
  login: string;
  domain: string;
  password: string;
  description?: string;
}

/** `sip/update` parameters. */
export interface SipUpdateParams extends Partial<Omit<SipCreateParams, 'user_id'>> {
  sip_id: number;
}

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
    requireFields('sip/create', params, ['user_id', 'login', 'domain', 'password']);
    return this.p.call('sip/create', params, options);
  }

  /** Changes a SIP account. */
  async update(params: SipUpdateParams, options?: RequestOptions): Promise<ResultResponse> {
    requireFields('sip/update', params, ['sip_id']);
    return this.p.call('sip/update', params, options);
  }

  /** Deletes a SIP account. */
  async delete(params: { sip_id: number }, options?: RequestOptions): Promise<ResultResponse> {
    requireFields('sip/delete', params, ['sip_id']);
    return this.p.call('sip/delete', params, options);
  }
}
