/*
 * The vocabulary of the method parameter table (`methods/commands.ts`): how one parameter of a
 * vendor method is described, and the TypeScript types derived from a description. The SDK's
 * parameter types, the sandbox's validation (reference §1.3: a code per bad field) and the
 * engine's typed command parameters all come from the same rows.
 */

/**
 * Whether a parameter must be present. `true`: absent → 3103. `'documented'`: the vendor's table
 * marks it required but real clients omit it and the PBX accepts that — the SDK always sends it
 * (exact when writing), a reader accepts its absence (tolerant when reading).
 */
export type Requiredness = true | 'documented';

/** A string parameter; a JSON number is read as its decimal string (reference §1.2). */
export interface StringParam {
  readonly type: 'string';
  readonly required?: Requiredness;
  /** Longest value in UTF-8 bytes; longer → 3109. */
  readonly maxBytes?: number;
  /** The only values allowed; another → 3104. */
  readonly oneOf?: readonly string[];
}

/** An integer parameter; a numeric string is read as its number (reference §1.2). */
export interface IntegerParam {
  readonly type: 'integer';
  readonly required?: Requiredness;
  /** Smallest value; smaller → 3108. */
  readonly min?: number;
  /** Largest value; larger → 3109. */
  readonly max?: number;
  /** The key must be present, but `""` or `null` is a valid "no value" (e.g. `play/start` `internal_id`). */
  readonly emptyAllowed?: true;
  /** Callers may pass the number as a string (ids the vendor prints as strings). */
  readonly acceptsString?: true;
}

/** SMS text: at most four segments, 153 GSM-7 or 67 UCS-2 characters each (reference §2.4). */
export interface SmsTextParam {
  readonly type: 'smsText';
  readonly required?: Requiredness;
}

/** A JSON object with named fields of its own. */
export interface ObjectParam {
  readonly type: 'object';
  readonly required?: Requiredness;
  readonly fields: ParamTable;
}

/**
 * `sip_headers` (reference §2.12): an object of `"<header>/<part>"` keys with string values; the
 * PBX uses the keys it allows for the method and silently ignores the rest.
 */
export interface SipHeadersParam {
  readonly type: 'sipHeaders';
  readonly required?: undefined;
  /** The keys this method uses. */
  readonly keys: readonly string[];
  /** Longest value of a known key, bytes. */
  readonly maxBytes: number;
}

/** One parameter of a vendor method. */
export type ParamSpec = StringParam | IntegerParam | SmsTextParam | ObjectParam | SipHeadersParam;

/** The parameters of one method, by name. */
export type ParamTable = { readonly [name: string]: ParamSpec };

type Simplify<T> = { [K in keyof T]: T[K] } & {};

/** Which side of the wire a type describes. */
type Side = 'send' | 'read';

type RequiredOn<P, S extends Side> = P extends { required: true }
  ? true
  : P extends { required: 'documented' }
    ? S extends 'send'
      ? true
      : false
    : false;

type ValueOf<P, S extends Side> = P extends { type: 'string'; oneOf: readonly (infer O)[] }
  ? O
  : P extends { type: 'string' | 'smsText' }
    ? string
    : P extends { type: 'integer' }
      ? S extends 'send'
        ? P extends { acceptsString: true }
          ? number | string
          : number
        : number
      : P extends { type: 'object'; fields: infer F extends ParamTable }
        ? ParamsOf<F, S>
        : P extends { type: 'sipHeaders'; keys: readonly (infer K extends string)[] }
          ? { [H in K]?: string }
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
