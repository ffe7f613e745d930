import type { RequestOptions } from '../internal/requestOptions.js';
import type { RequestPipeline } from '../internal/pipeline.js';
import type { MethodInput } from '../methods/table.js';
import type { ResultResponse } from './groups.js';
import { requireParams } from './params.js';

/**
 * Target of a caller-number forwarding rule (reference §3.6.4): `forward_type` `group`, `user` or
 * `ext_forward`, with the matching `forward_to_*` object.
 */
export type ForwardingTarget = Pick<
  MethodInput<'forwarding/number/add'>,
  'forward_type' | 'forward_to_group' | 'forward_to_user' | 'forward_to_ext'
>;

/** `forwarding/number/add` parameters: `client_phone_type` 0 tel, 1 SIP; `status` 0/1. */
export type ForwardingAddParams = MethodInput<'forwarding/number/add'>;

/** A forwarding rule by caller number. */
export type ForwardingRule = ForwardingAddParams & { forward_id: number };

/** Forwarding rules by caller number (reference §3.6.4). */
export class ForwardingResource {
  constructor(private readonly p: RequestPipeline) {}

  /** Lists rules (limit ≤ 1000). */
  list(
    params: MethodInput<'forwarding/numbers'> = {},
    options?: RequestOptions,
  ): Promise<ResultResponse & { numbers: ForwardingRule[]; total: number }> {
    return this.p.call('forwarding/numbers', params, options);
  }

  /** Adds a rule (fails when the caller number already has one). */
  async add(params: ForwardingAddParams, options?: RequestOptions): Promise<ResultResponse> {
    requireParams('forwarding/number/add', params);
    return this.p.call('forwarding/number/add', params, options);
  }

  /** Changes a rule. */
  async change(
    params: MethodInput<'forwarding/number/change'>,
    options?: RequestOptions,
  ): Promise<ResultResponse> {
    requireParams('forwarding/number/change', params);
    return this.p.call('forwarding/number/change', params, options);
  }

  /** Removes a rule. */
  async remove(
    params: MethodInput<'forwarding/number/remove'>,
    options?: RequestOptions,
  ): Promise<ResultResponse> {
    requireParams('forwarding/number/remove', params);
    return this.p.call('forwarding/number/remove', params, options);
  }
}
