import type { RequestOptions } from '../internal/requestOptions.js';
import type { RequestPipeline } from '../internal/pipeline.js';
import { requireFields } from './command.js';
import type { ResultResponse } from './groups.js';
import type { ScheduleItemType } from '../methods/values.js';

/** A schedule item of a number (reference §3.6.3). */
export interface ScheduleItem {
  type: ScheduleItemType;
  /** Moscow `HH:MM`. */
  from?: string;
  until?: string;
  /** `YYYY-MM-DD` for `SpecificDate`. */
  specific_date?: string;
}

/** A number (device) of an employee as written. */
export interface MemberNumber {
  number: string;
  protocol: 'tel' | 'sip' | 'fmc' | string;
  wait_sec?: number;
  status?: 'on' | 'off';
  schedule?: { from?: string; until?: string; items?: ScheduleItem[] };
}

/** `member/create` parameters (reference §3.6.3). */
export interface MemberCreateParams {
  name: string;
  access_role_id: number;
  extension: string;
  email?: string;
  mobile?: string;
  department?: string;
  position?: string;
  /** Both `login` and `password`, or neither. */
  login?: string;
  password?: string;
  use_status?: number;
  use_cc_numbers?: number;
  line_id?: number;
  trunk_number_id?: number;
  dial_alg?: 0 | 1 | 2;
  numbers?: MemberNumber[];
}

/** `member/update` parameters: `numbers` replaces all numbers. */
export interface MemberUpdateParams extends Partial<MemberCreateParams> {
  user_id: number;
  outgoingline?: string;
}

/** Employee writes (reference §3.6.3). */
export class MembersResource {
  constructor(private readonly p: RequestPipeline) {}

  /** Creates an employee; answers the new `user_id`. */
  async create(
    params: MemberCreateParams,
    options?: RequestOptions,
  ): Promise<ResultResponse & { user_id: number }> {
    requireFields('member/create', params, ['name', 'access_role_id', 'extension']);
    return this.p.call('member/create', params, options);
  }

  /** Changes an employee. */
  async update(params: MemberUpdateParams, options?: RequestOptions): Promise<ResultResponse> {
    requireFields('member/update', params, ['user_id']);
    return this.p.call('member/update', params, options);
  }

  /** Deletes an employee (5302 for robot employees). */
  async delete(params: { user_id: number }, options?: RequestOptions): Promise<ResultResponse> {
    requireFields('member/delete', params, ['user_id']);
    return this.p.call('member/delete', params, options);
  }
}
