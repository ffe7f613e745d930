import type { RequestOptions } from '../internal/requestOptions.js';
import type { RequestPipeline } from '../internal/pipeline.js';
import { requireFields } from './command.js';

/** Answer carrying only the result code. */
export interface ResultResponse {
  result: number;
}

/** `groups` filters (reference §3.6.1). */
export interface GroupsListParams {
  group_id?: number;
  /** An employee's `user_id`. */
  operator_id?: number;
  operator_extension?: string;
  /** 1 to include operators. */
  show_users?: 0 | 1;
}

/** An operator of a group. */
export interface GroupOperator {
  id: number;
  name?: string;
  extension?: string;
  priority?: number;
  order?: number;
}

/** Fields of a group, as read and written (reference §3.6.1). */
export interface GroupFields {
  name?: string;
  description?: string;
  extension?: string;
  /** 0 serial, 1 parallel by priority, 2 all free, 3 random, 5 most idle. */
  dial_alg_group?: number;
  /** 1 all contacts, 2 main numbers, 3 SIP only, 4 all in turn, 5 as in the employee card. */
  dial_alg_users?: number;
  auto_redirect?: number;
  auto_dial?: number;
  line_id?: number;
  use_dynamic_ivr?: number;
  use_dynamic_seq_num?: number;
  melody_id?: number;
}

/** A group as listed. */
export interface Group extends GroupFields {
  id: number;
  name: string;
  operators?: GroupOperator[];
}

/** `group/create` parameters. */
export interface GroupCreateParams extends GroupFields {
  name: string;
  operators?: { id: number; priority?: number }[];
}

/** `group/update` parameters: only changed fields; `operators` replaces membership. */
export interface GroupUpdateParams {
  group_id: number;
  group: Partial<GroupCreateParams>;
}

/** Groups and their CRUD (reference §3.6.1); writes need the cabinet option, else 5201. */
export class GroupsResource {
  constructor(private readonly p: RequestPipeline) {}

  /** Lists groups, optionally with operators. */
  list(
    params: GroupsListParams = {},
    options?: RequestOptions,
  ): Promise<ResultResponse & { groups: Group[] }> {
    return this.p.call('groups', params, options);
  }

  /** Creates a group. */
  async create(
    params: GroupCreateParams,
    options?: RequestOptions,
  ): Promise<ResultResponse & { group_id: number }> {
    requireFields('group/create', params, ['name']);
    return this.p.call('group/create', params, options);
  }

  /** Changes a group. */
  async update(params: GroupUpdateParams, options?: RequestOptions): Promise<ResultResponse> {
    requireFields('group/update', params, ['group_id']);
    return this.p.call('group/update', params, options);
  }

  /** Deletes a group (fails 5201–5204 when it is used elsewhere). */
  async delete(params: { group_id: number }, options?: RequestOptions): Promise<ResultResponse> {
    requireFields('group/delete', params, ['group_id']);
    return this.p.call('group/delete', params, options);
  }
}
