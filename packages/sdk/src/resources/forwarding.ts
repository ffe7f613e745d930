import type { RequestOptions } from '../internal/requestOptions.js';
import type { RequestPipeline } from '../internal/pipeline.js';
import { requireFields } from './command.js';
import type { ResultResponse } from './groups.js';

/** Target of a caller-number forwarding rule (reference §3.6.4). */
export interface ForwardingTarget {
  /** `group`, `user` or `ext_forward`, with the matching `forward_to_*` object. */
  forward_type: 'group' | 'user' | 'ext_forward';
  forward_to_group?: { forward_group_id: number };
  forward_to_user?: {
    forward_user_id: number;
    forward_contact_id?: number;
    is_default_contact_id?: number | boolean;
  };
  forward_to_ext?: {
    forward_number_type?: number | string;
    forward_number: string;
    forward_wait_sec?: number;
  };
}

/** A forwarding rule by caller number. */
export interface ForwardingRule extends ForwardingTarget {
  forward_id: number;
  client_phone_number: string;
  /** 0 tel, 1 SIP. */
  client_phone_type: 0 | 1;
  status: 0 | 1;
  comment?: string;
}

/** `forwarding/number/add` parameters. */
export interface ForwardingAddParams extends ForwardingTarget {
  client_phone_number: string;
  client_phone_type: 0 | 1;
  status: 0 | 1;
  comment?: string;
}

/** Forwarding rules by caller number (reference §3.6.4). */
export class ForwardingResource {
  constructor(private readonly p: RequestPipeline) {}

  /** Lists rules (limit ≤ 1000). */
  list(
    params: { limit?: number; offset?: number } = {},
    options?: RequestOptions,
  ): Promise<ResultResponse & { numbers: ForwardingRule[]; total: number }> {
    return this.p.call('forwarding/numbers', params, options);
  }

  /** Adds a rule (fails when the caller number already has one). */
  async add(params: ForwardingAddParams, options?: RequestOptions): Promise<ResultResponse> {
    requireFields('forwarding/number/add', params, ['client_phone_number', 'forward_type']);
    return this.p.call('forwarding/number/add', params, options);
  }

  /** Changes a rule. */
  async change(
    params: { forward_id: number } & Partial<ForwardingAddParams>,
    options?: RequestOptions,
  ): Promise<ResultResponse> {
    requireFields('forwarding/number/change', params, ['forward_id']);
    return this.p.call('forwarding/number/change', params, options);
  }

  /** Removes a rule. */
  async remove(params: { forward_id: number }, options?: RequestOptions): Promise<ResultResponse> {
    requireFields('forwarding/number/remove', params, ['forward_id']);
    return this.p.call('forwarding/number/remove', params, options);
  }
}
