import type { RequestOptions } from '../internal/requestOptions.js';
import type { RequestPipeline } from '../internal/pipeline.js';
import type { MethodInput } from '../methods/table.js';
import type { ResultResponse } from './groups.js';
import { requireParams } from './params.js';

/** An auto-secretary rule of an employee (reference §3.6.3). */
export interface AutosecretaryRule {
  rule_id: number;
  name: string;
  active: number | boolean;
  direction?: unknown[];
  schedule?: unknown;
  wait_time?: number;
  melody_id?: number;
  actions?: { action: string; param?: unknown; wait_time?: number }[];
  notifications?: { action: string; param?: unknown }[];
}

/** Auto-secretary rules (reference §3.6.3). */
export class AutosecretaryResource {
  constructor(private readonly p: RequestPipeline) {}

  /** Rules of an employee (optionally only some `rules`). */
  async rules(
    params: MethodInput<'autosecretary/rules'>,
    options?: RequestOptions,
  ): Promise<ResultResponse & { rules: AutosecretaryRule[] }> {
    requireParams('autosecretary/rules', params);
    return this.p.call('autosecretary/rules', params, options);
  }

  /** Turns a rule on (1) or off (0). */
  async changeStatus(
    params: MethodInput<'autosecretary/status/change'>,
    options?: RequestOptions,
  ): Promise<ResultResponse> {
    requireParams('autosecretary/status/change', params);
    return this.p.call('autosecretary/status/change', params, options);
  }
}
