import type { RequestOptions } from '../internal/requestOptions.js';
import type { RequestPipeline } from '../internal/pipeline.js';
import type { MethodInput } from '../methods/table.js';
import type { ResultResponse } from './groups.js';
import { requireParams } from './params.js';

/** A number (device) of an employee as written: `protocol` `tel`, `sip` or `fmc` (reference §3.6.3). */
export type MemberNumber = NonNullable<MethodInput<'member/create'>['numbers']>[number];

/** A schedule item of a number (reference §3.6.3): Moscow `HH:MM`; `specific_date` `YYYY-MM-DD` for `SpecificDate`. */
export type ScheduleItem = NonNullable<NonNullable<MemberNumber['schedule']>['items']>[number];

/** `member/create` parameters (reference §3.6.3): `login` and `password` both or neither. */
export type MemberCreateParams = MethodInput<'member/create'>;

/** `member/update` parameters: `numbers` replaces all numbers. */
export type MemberUpdateParams = MethodInput<'member/update'>;

/** Employee writes (reference §3.6.3). */
export class MembersResource {
  constructor(private readonly p: RequestPipeline) {}

  /** Creates an employee; answers the new `user_id`. */
  async create(
    params: MemberCreateParams,
    options?: RequestOptions,
  ): Promise<ResultResponse & { user_id: number }> {
    requireParams('member/create', params);
    return this.p.call('member/create', params, options);
  }

  /** Changes an employee. */
  async update(params: MemberUpdateParams, options?: RequestOptions): Promise<ResultResponse> {
    requireParams('member/update', params);
    return this.p.call('member/update', params, options);
  }

  /** Deletes an employee (5302 for robot employees). */
  async delete(params: MethodInput<'member/delete'>, options?: RequestOptions): Promise<ResultResponse> {
    requireParams('member/delete', params);
    return this.p.call('member/delete', params, options);
  }
}
