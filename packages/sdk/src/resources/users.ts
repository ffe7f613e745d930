import type { RequestOptions } from '../internal/requestOptions.js';
import type { RequestPipeline } from '../internal/pipeline.js';
import type { USER_EXT_FIELDS } from '../methods/config.js';
import type { MethodInput } from '../methods/table.js';

/** Extra fields of `config/users/request` (reference §3.5). */
export type UserExtField = (typeof USER_EXT_FIELDS)[number];

/** `config/users/request` parameters: all employees, or one by extension. */
export type UsersListParams = MethodInput<'config/users/request'>;

/** One device/number of an employee. */
export interface UserNumber {
  number: string;
  number_normalized?: string;
  /** `tel`, `sip`, `fmc` (also `skype` in the 2026 example). */
  protocol: string;
  order: number | string;
  wait_sec: number | string;
  /** `on` / `off`. */
  status: string;
  schedule?: unknown;
}

/** One employee as `config/users/request` describes it (reference §3.5). */
export interface User {
  general: {
    name: string;
    email?: string;
    department?: string;
    position?: string;
    user_id?: number | string;
    access_role_id?: number | string;
    mobile?: string;
    login?: string;
    use_status?: number | string | boolean;
    use_cc_numbers?: number | string | boolean;
    sips?: { number: string }[];
  };
  telephony: {
    extension?: string;
    outgoingline?: string;
    numbers?: UserNumber[];
    dial_alg?: number | string;
    line_id?: number | string;
    trunk_number_id?: number | string;
  };
  groups?: (number | string)[];
}

/** Answer of `config/users/request` (no `result` field, reference §3.5). */
export interface UsersListResponse {
  users: User[];
}

/** Employees (reference §3.5); limited to 1 request per 2 s by the vendor — cache the answer. */
export class UsersResource {
  constructor(private readonly p: RequestPipeline) {}

  /** Lists employees, optionally one extension, with extra fields. */
  list(params: UsersListParams = {}, options?: RequestOptions): Promise<UsersListResponse> {
    return this.p.call<UsersListResponse>('config/users/request', params, options);
  }
}
