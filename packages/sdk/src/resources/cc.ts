import type { RequestOptions } from '../internal/requestOptions.js';
import type { RequestPipeline } from '../internal/pipeline.js';
import type { MethodInput } from '../methods/table.js';
import type { ResultResponse } from './groups.js';
import { requireParams } from './params.js';

/** Contact-Center user status: 1 on line, 2 do-not-disturb, 3 break, 4 offline, 5 outbound dialling, 6 all calls, > 6 custom (reference §4.9). */
export type CcStatus = number;

/** Presence of one abonent; `calls[]` is undocumented (reference §3.8). */
export interface CcPresence {
  abonent_id: number;
  status: CcStatus;
  status_alias?: string;
  calls?: unknown[];
  [field: string]: unknown;
}

/** Contact-Center data of one call (`vpbx/cc/call/`, reference §3.8). */
export interface CcCallData {
  conversion?: unknown[];
  tag_id?: number[];
  call_comment?: string;
  script_id?: number | number[];
  mark_client?: number | null;
  mark_controller?: unknown;
  recording_id?: string[];
}

/**
 * The Contact-Center API (reference §1.1, §3.8): statuses and presence live under `/cc/`
 * beside the vpbx base; call data under `vpbx/cc/`. Tasks, deals and chat: `client.request('../cc/...')`.
 */
export class CcResource {
  constructor(private readonly p: RequestPipeline) {}

  /** Starts (`1`) or ends (`0`) an abonent's working session. */
  async setSessionStatus(
    params: MethodInput<'../cc/set_session_status'>,
    options?: RequestOptions,
  ): Promise<ResultResponse> {
    requireParams('../cc/set_session_status', params);
    return this.p.call('../cc/set_session_status', params, options);
  }

  /** Sets an abonent's status. */
  async setAbonentStatus(
    params: MethodInput<'../cc/set_abonent_status'>,
    options?: RequestOptions,
  ): Promise<ResultResponse> {
    requireParams('../cc/set_abonent_status', params);
    return this.p.call('../cc/set_abonent_status', params, options);
  }

  /** Presence of abonents (all when `abonent_ids` is absent). */
  getPresence(
    params: MethodInput<'../cc/get_presence'> = {},
    options?: RequestOptions,
  ): Promise<ResultResponse & { data: CcPresence[] }> {
    return this.p.call('../cc/get_presence', params, options);
  }

  /** The status catalogue. */
  getStatuses(
    options?: RequestOptions,
  ): Promise<ResultResponse & { statuses: { id: number; alias?: string; name?: string }[] }> {
    return this.p.call('../cc/get_statuses', {}, options);
  }

  /** Contact-Center data (tags, comment, marks, recordings) of a call group. */
  async callData(
    params: MethodInput<'cc/call'>,
    options?: RequestOptions,
  ): Promise<ResultResponse & { call: CcCallData }> {
    requireParams('cc/call', params);
    return this.p.call('cc/call/', params, options);
  }

  /** Contact-Center tags. */
  tags(options?: RequestOptions): Promise<ResultResponse & Record<string, unknown>> {
    return this.p.call('cc/tags/', {}, options);
  }
}
