import type { RequestOptions } from '../internal/requestOptions.js';
import type { RequestPipeline } from '../internal/pipeline.js';
import type { MethodInput } from '../methods/table.js';
import type { ResultResponse } from './groups.js';
import { requireParams } from './params.js';

/** Which incoming list is active. */
export type ListType = ListAddParams['list_type'];

/** A number of a black/white list. */
export interface ListedNumber {
  number_id: number;
  number: string;
  comment?: string;
  number_type?: 'tel' | 'sip';
}

/** One list with its settings. */
export interface NumberList {
  allow_unknown_number?: number | boolean;
  numbers: ListedNumber[];
}

/** `bwlists/number/add/` parameters; masks `*` (any sequence), `#` (one char), ranges with `-`; `comment` ≤ 255. */
export type ListAddParams = MethodInput<'bwlists/number/add'>;

/** Incoming black/white lists (reference §3.7); paths keep the vendor's trailing slash. */
export class ListsResource {
  constructor(private readonly p: RequestPipeline) {}

  /** Which list is active. */
  state(options?: RequestOptions): Promise<ResultResponse & { active: ListType }> {
    return this.p.call('bwlists/state/', {}, options);
  }

  /** Both lists with their numbers. */
  numbers(
    options?: RequestOptions,
  ): Promise<ResultResponse & { data: { active: ListType; black: NumberList; white: NumberList } }> {
    return this.p.call('bwlists/numbers/', {}, options);
  }

  /** Adds a number (limit 20 000, code 5222). */
  async add(params: ListAddParams, options?: RequestOptions): Promise<ResultResponse> {
    requireParams('bwlists/number/add', params);
    return this.p.call('bwlists/number/add/', params, options);
  }

  /** Deletes a number. */
  async delete(
    params: MethodInput<'bwlists/number/delete'>,
    options?: RequestOptions,
  ): Promise<ResultResponse> {
    requireParams('bwlists/number/delete', params);
    return this.p.call('bwlists/number/delete/', params, options);
  }
}
