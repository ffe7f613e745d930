import type { RequestOptions } from '../internal/requestOptions.js';
import type { RequestPipeline } from '../internal/pipeline.js';
import type { MethodInput } from '../methods/table.js';
import { requireParams } from './params.js';

/** Answer carrying only the result code. */
export interface ResultResponse {
  result: number;
}

/** `groups` filters (reference §3.6.1). */
export type GroupsListParams = MethodInput<'groups'>;

/** An operator of a group. */
export interface GroupOperator {
  id: number;
  name?: string;
  extension?: string;
  priority?: number;
  order?: number;
}

/**
 * Fields of a group, as read and written (reference §3.6.1): `dial_alg_group` 0 serial, 1 parallel
 * by priority, 2 all free, 3 random, 5 most idle; `dial_alg_users` 1 all contacts, 2 main numbers,
 * 3 SIP only, 4 all in turn, 5 as in the employee card.
 */
export type GroupFields = Partial<Omit<MethodInput<'group/create'>, 'operators'>>;

/** A group as listed. */
export type Group = GroupFields & {
  id: number;
  name: string;
  operators?: GroupOperator[];
};

/** `group/create` parameters. */
export type GroupCreateParams = MethodInput<'group/create'>;

/** `group/update` parameters: only changed fields; `operators` replaces membership. */
export type GroupUpdateParams = MethodInput<'group/update'>;

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
    requireParams('group/create', params);
    return this.p.call('group/create', params, options);
  }

  /** Changes a group. */
  async update(params: GroupUpdateParams, options?: RequestOptions): Promise<ResultResponse> {
    requireParams('group/update', params);
    return this.p.call('group/update', params, options);
  }

  /** Deletes a group (fails 5201–5204 when it is used elsewhere). */
  async delete(params: MethodInput<'group/delete'>, options?: RequestOptions): Promise<ResultResponse> {
    requireParams('group/delete', params);
    return this.p.call('group/delete', params, options);
  }
}
