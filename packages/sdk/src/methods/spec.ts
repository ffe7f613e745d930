/*
 * The vocabulary of the method parameter table (`methods/table.ts`): how one parameter of a
 * vendor method is described, and the TypeScript types derived from a description. The SDK's
 * parameter types, the sandbox's validation (reference §1.3: a code per bad field) and the
 * engine's typed command parameters all come from the same rows.
 *
 * Each kind says what a tolerant reader accepts (reference §1.2: "accept both forms") and what a
 * sender is typed to send (the exact form): a reader takes a JSON number for a string and a
 * numeric string for an integer; the SDK's types ask for the string and the number.
 */
import type { FormatName } from './formats.js';

/**
 * Whether a parameter must be present. `true`: absent → 3103. `'documented'`: the vendor's table
 * marks it required but real clients omit it and the PBX accepts that — the SDK always sends it
 * (exact when writing), a reader accepts its absence (tolerant when reading).
 */
export type Requiredness = true | 'documented';

interface ParamBase {
  readonly required?: Requiredness;
  /**
   * Other names a reader takes for the parameter when it is absent under its own (the vendor's
   * text and examples disagree); a sender uses the parameter's own name.
   */
  readonly aliases?: readonly string[];
}

/** A string parameter; a JSON number is read as its decimal string (reference §1.2). */
export interface StringParam extends ParamBase {
  readonly type: 'string';
  /** Longest value in UTF-8 bytes; longer → 3109. */
  readonly maxBytes?: number;
  /** Fewest characters; fewer → 3108. */
  readonly minLength?: number;
  /** The only values allowed; another → 3104. */
  readonly oneOf?: readonly string[];
  /** A value format of `methods/formats.ts` (a date, an e-mail…); a value not in it → the format's code. */
  readonly format?: FormatName;
  /** Only a JSON string: a number → 3104. */
  readonly strict?: true;
}

/** An integer parameter; a numeric string is read as its number (reference §1.2). */
export interface IntegerParam extends ParamBase {
  readonly type: 'integer';
  /** Smallest value; smaller → 3108. */
  readonly min?: number;
  /** Largest value; larger → 3109. */
  readonly max?: number;
  /** The only values allowed; another → 3104. */
  readonly oneOf?: readonly number[];
  /** The key must be present, but `""` or `null` is a valid "no value" (e.g. `play/start` `internal_id`). */
  readonly emptyAllowed?: true;
  /** Callers may pass the number as a string (ids the vendor prints as strings). */
  readonly acceptsString?: true;
  /**
   * What a numeric string means here, when not the number (the default): `'refuse'` → 3104;
   * `'keep'` — accepted as it is, the string reaching the method (`stats/calls/request`
   * `user_ids`: the PBX takes the request and the job fails with 5004, reference §1.2).
   */
  readonly numericString?: 'keep' | 'refuse';
}

/**
 * A yes/no parameter: a reader takes `true`/`false`, `1`/`0` and their strings (and the extra
 * words a method allows, e.g. `"online"`); a sender sends the form `wire` names.
 */
export interface BooleanParam extends ParamBase {
  readonly type: 'boolean';
  /** `'bit'`: the vendor documents `0`/`1`; `'boolean'`: `true`/`false`; absent: either. */
  readonly wire?: 'bit' | 'boolean';
  /** Further words read as yes and as no (`/cc/set_session_status`: `"online"`, `"offline"`). */
  readonly words?: { readonly yes: readonly string[]; readonly no: readonly string[] };
}

/** SMS text: at most four segments, 153 GSM-7 or 67 UCS-2 characters each (reference §2.4). */
export interface SmsTextParam extends ParamBase {
  readonly type: 'smsText';
}

/** A JSON object with named fields of its own; a missing required object names its missing fields too. */
export interface ObjectParam extends ParamBase {
  readonly type: 'object';
  readonly fields: ParamTable;
  /**
   * The object belongs to one value of a sibling (`forward_to_group` when `forward_type` is
   * `group`): read, its required fields required, only then; ignored otherwise.
   */
  readonly when?: { readonly field: string; readonly is: string };
}

/**
 * `sip_headers` (reference §2.12): an object of `"<header>/<part>"` keys with string values; the
 * PBX uses the keys it allows for the method and silently ignores the rest.
 */
export interface SipHeadersParam {
  readonly type: 'sipHeaders';
  readonly required?: undefined;
  readonly aliases?: undefined;
  /** The keys this method uses. */
  readonly keys: readonly string[];
  /** Longest value of a known key, bytes. */
  readonly maxBytes: number;
}

/** An item of a list: a parameter without a name of its own (never "required"). */
export type ItemSpec =
  | Omit<StringParam, 'required' | 'aliases'>
  | Omit<IntegerParam, 'required' | 'aliases' | 'emptyAllowed'>
  | Omit<BooleanParam, 'required' | 'aliases'>
  | ObjectItem;

/** An object item of a list. */
export interface ObjectItem {
  readonly type: 'object';
  readonly fields: ParamTable;
  /** A bare string or number stands for `{ [shorthand]: value }` (`numbers: ["7916…"]`). */
  readonly shorthand?: string;
}

/**
 * A list. A bad scalar item is reported as the list's own code (`user_ids: 3104`); a bad field of
 * an object item under its index (`numbers[1].number: 3300`).
 */
export interface ArrayParam extends ParamBase {
  readonly type: 'array';
  readonly items: ItemSpec;
  /** Most items; more → 3109. */
  readonly maxItems?: number;
  /** An empty list (after splitting) → 3104. */
  readonly nonEmpty?: true;
  /**
   * A lone value stands for a one-item list: `'documented'` — the vendor documents both forms
   * (`context_type`: "int or int[]"), senders may send either; `'tolerated'` — only readers take it
   * (`recording_id: "…"`).
   */
  readonly single?: 'documented' | 'tolerated';
  /** A JSON-encoded array string is read as the array (the vendor's `"[\"id\"]"`, reference §3.3.4). */
  readonly encoded?: true;
  /** A string is the list written with this separator, blanks around items dropped (`"start, finish"`). */
  readonly split?: string;
}

/** One parameter of a vendor method. */
export type ParamSpec =
  | StringParam
  | IntegerParam
  | BooleanParam
  | SmsTextParam
  | ObjectParam
  | SipHeadersParam
  | ArrayParam;

/** The parameters of one method, by name. */
export type ParamTable = { readonly [name: string]: ParamSpec };

/**
 * A rule over several parameters of a method (checked after each parameter on its own):
 * - `together`: both or neither; the missing one → 3125 (`member/create` `login` + `password`);
 * - `exclusive`: `field` only without `others`; together → 3123 on `field` (`call_party`);
 * - `either`: exactly one of the two; both → 3123 on the second, neither → 3135 on the first
 *   (reported only when every parameter is otherwise right; `schema/set` `line_id` / `trunk_number_id`).
 */
export type ParamRule =
  | { readonly kind: 'together'; readonly fields: readonly [string, string] }
  | { readonly kind: 'exclusive'; readonly field: string; readonly others: readonly string[] }
  | { readonly kind: 'either'; readonly fields: readonly [string, string] };

/** One vendor method: its parameters and how it is called. */
export interface MethodSpec {
  readonly params: ParamTable;
  readonly rules?: readonly ParamRule[];
  /**
   * The reference lists the path but not its parameters (§3.8: address book, campaigns, CC
   * tasks and deals): parameters pass through as given, those named here are checked.
   */
  readonly open?: true;
  /** Not a POST with a `json` field: `'get'` — a GET whose parameters are path segments, in order. */
  readonly http?: 'get';
  /** A multipart POST with a `file` part besides `json` (reference §3.8). */
  readonly upload?: true;
}

type Simplify<T> = { [K in keyof T]: T[K] } & {};

/** Which side of the wire a type describes. */
export type Side = 'send' | 'read';

type RequiredOn<P, S extends Side> = P extends { required: true }
  ? true
  : P extends { required: 'documented' }
    ? S extends 'send'
      ? true
      : false
    : false;

type IntegerOf<P, S extends Side> = (
  P extends { oneOf: readonly (infer O extends number)[] }
    ? O
    : number
) extends infer N
  ? S extends 'send'
    ? P extends { acceptsString: true }
      ? N | string
      : N
    : P extends { numericString: 'keep' }
      ? N | string
      : N
  : never;

type BooleanOf<P, S extends Side> = S extends 'read'
  ? boolean
  : P extends { wire: 'bit' }
    ? 0 | 1
    : P extends { wire: 'boolean' }
      ? boolean
      : boolean | 0 | 1;

type ItemOf<I, S extends Side> = I extends { type: 'object'; fields: infer F extends ParamTable }
  ? S extends 'send'
    ? I extends { shorthand: string }
      ? ParamsOf<F, S> | string
      : ParamsOf<F, S>
    : ParamsOf<F, S>
  : ValueOf<I, S>;

// A sender sends the list; a written-out list (`split`) is a form the vendor documents too.
type ArrayOf<P, S extends Side> = P extends { items: infer I }
  ? S extends 'send'
    ? P extends { split: string }
      ? ItemOf<I, S>[] | string
      : P extends { single: 'documented' }
        ? ItemOf<I, S>[] | ItemOf<I, S>
        : ItemOf<I, S>[]
    : ItemOf<I, S>[]
  : never;

type ValueOf<P, S extends Side> = P extends { type: 'string'; oneOf: readonly (infer O)[] }
  ? O
  : P extends { type: 'string' | 'smsText' }
    ? string
    : P extends { type: 'integer' }
      ? IntegerOf<P, S>
      : P extends { type: 'boolean' }
        ? BooleanOf<P, S>
        : P extends { type: 'object'; fields: infer F extends ParamTable }
          ? ParamsOf<F, S>
          : P extends { type: 'sipHeaders'; keys: readonly (infer K extends string)[] }
            ? { [H in K]?: string }
            : P extends { type: 'array' }
              ? ArrayOf<P, S>
              : never;

type RequiredKeys<T extends ParamTable, S extends Side> = {
  [K in keyof T]: RequiredOn<T[K], S> extends true
    ? S extends 'read'
      ? T[K] extends { emptyAllowed: true }
        ? never
        : K
      : K
    : never;
}[keyof T];

/**
 * The parameters a table describes, as a TypeScript object type. `'send'`: what a caller passes
 * (documented-required fields required). `'read'`: what a tolerant reader has after checking
 * (numbers from strings converted, documented-required fields optional, empty values absent).
 */
export type ParamsOf<T extends ParamTable, S extends Side = 'read'> = Simplify<
  { -readonly [K in keyof T as K extends RequiredKeys<T, S> ? K : never]: ValueOf<T[K], S> } & {
    -readonly [K in keyof T as K extends RequiredKeys<T, S> ? never : K]?: ValueOf<T[K], S>;
  }
>;
