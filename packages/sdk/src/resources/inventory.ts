import type { RequestOptions } from '../internal/requestOptions.js';
import type { RequestPipeline } from '../internal/pipeline.js';
import type { MethodInput } from '../methods/table.js';
import type { ResultResponse } from './groups.js';
import { requireParams } from './params.js';

/** Answer of `account/balance` (reference §3.6.2). */
export interface BalanceResponse extends ResultResponse {
  balance: number;
  currency: string;
  /** e.g. `2019-01-24 17:55:24`. */
  response_at?: string;
}

/** Account (reference §3.6.2). */
export class AccountResource {
  constructor(private readonly p: RequestPipeline) {}

  /** Current balance (2 requests/s). */
  balance(options?: RequestOptions): Promise<BalanceResponse> {
    return this.p.call('account/balance', {}, options);
  }
}

/** An incoming line. `region`: `sip-uac` active SIP, `sip` passive, `toll-free` 7-800, else a region code. */
export interface IncomingLine {
  line_id: number;
  number: string;
  name?: string;
  comment?: string;
  region?: string;
  schema_id?: number;
  schema_name?: string;
}

/** Incoming lines (reference §3.6.2). */
export class LinesResource {
  constructor(private readonly p: RequestPipeline) {}

  /** Lists the PBX's lines. */
  list(options?: RequestOptions): Promise<ResultResponse & { lines: IncomingLine[] }> {
    return this.p.call('incominglines', {}, options);
  }
}

/** Audio files (reference §3.6.2): ids feed `calls.play({ internal_id })` and `melody_id`. */
export class AudioResource {
  constructor(private readonly p: RequestPipeline) {}

  /** Lists common and product melodies/messages. */
  list(options?: RequestOptions): Promise<ResultResponse & { audiofiles: { id: number; name: string }[] }> {
    return this.p.call('audiofiles', {}, options);
  }
}

/** A forwarding scheme. */
export interface Schema {
  schema_id: number;
  name: string;
  description?: string;
  incominglines?: number[];
  sip_trunks_numbers?: number[];
}

/** `schema/set`: switch the scheme of a line or trunk number (trunk options 2 or 6). */
export type SchemaSetParams = MethodInput<'schema/set'>;

/** Forwarding schemes (reference §3.6.2). */
export class SchemasResource {
  constructor(private readonly p: RequestPipeline) {}

  /** Lists schemes; `ext_fields: ['trunks_numbers']` adds trunk numbers. */
  list(
    params: MethodInput<'schemas'> = {},
    options?: RequestOptions,
  ): Promise<ResultResponse & { data: Schema[] }> {
    return this.p.call('schemas', params, options);
  }

  /** Sets the scheme of a line or trunk number. */
  async set(params: SchemaSetParams, options?: RequestOptions): Promise<ResultResponse> {
    requireParams('schema/set', params);
    return this.p.call('schema/set', params, options);
  }
}

/** An access role. */
export interface Role {
  role_id: number;
  name: string;
  permissions: { code: string; param?: unknown }[];
}

/** Access roles (reference §3.6.2). */
export class RolesResource {
  constructor(private readonly p: RequestPipeline) {}

  /** Lists roles. */
  list(options?: RequestOptions): Promise<ResultResponse & { roles: Role[] }> {
    return this.p.call('roles', {}, options);
  }
}

/** SIP domains (reference §3.6.2). */
export class DomainsResource {
  constructor(private readonly p: RequestPipeline) {}

  /** Lists the PBX's SIP domains. */
  list(options?: RequestOptions): Promise<ResultResponse & { domains: string[] }> {
    return this.p.call('domains', {}, options);
  }
}

/** A SIP-trunk number; `options` 2 receive, 4 call, 6 both. */
export interface TrunkNumber {
  trunk_number_id: number;
  trunk_id: number;
  number: string;
  options: number;
  desc?: string;
}

/** SIP trunks (reference §3.6.2). */
export class TrunksResource {
  constructor(private readonly p: RequestPipeline) {}

  /** Lists trunk numbers. */
  numbers(options?: RequestOptions): Promise<ResultResponse & { data: TrunkNumber[] }> {
    return this.p.call('trunks/numbers', {}, options);
  }
}
