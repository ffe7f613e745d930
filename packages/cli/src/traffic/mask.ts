import { createHmac, randomBytes } from 'node:crypto';
import { DEFAULT_STATS_FIELDS, PHONE_NUMBER_FIELDS, PHONE_NUMBER_STATS_FIELDS } from 'mangokit/protocol';

/** A plain number: optional `+`, then at least six digits (shorter ones are extensions and groups). */
const PLAIN = /^(\+?)(\d)(\d{5,})$/;
/** A SIP or tel URI: `sip:user@host`. */
const URI = /^(sips?|tel):([^@;]*)(?:@([^;>]+))?(.*)$/i;
/** A Unix time in seconds (a CSV cell of unknown column that is not a number). */
const UNIX_TIME = /^1\d{9}$/;

/**
 * Replaces phone numbers and SIP addresses with tokens of the same shape: a number keeps its
 * length, its `+` and its first digit, the rest comes from an HMAC of the number; a SIP address
 * keeps its scheme and a `mangosip.ru` host suffix. The same number always gives the same token
 * under the same key, so a call's legs, its summary and the API requests about it still join;
 * two recorders given the same key (`--mask-key`) agree with each other. Without a key, a random
 * one is used: tokens are consistent within the recording and cannot be reversed by anyone.
 */
export class NumberMasker {
  private readonly key: Buffer;
  private readonly tokens = new Map<string, string>();
  private readonly taken = new Map<string, string>();

  constructor(key?: string) {
    this.key = key === undefined || key === '' ? randomBytes(32) : Buffer.from(key, 'utf8');
  }

  /** The token for `value` when it is a number or SIP address; undefined for anything else. */
  mask(value: string): string | undefined {
    const known = this.tokens.get(value);
    if (known !== undefined) return known;
    const token = this.tokenOf(value);
    if (token === undefined) return undefined;
    this.tokens.set(value, token);
    return token;
  }

  private tokenOf(value: string): string | undefined {
    const plain = PLAIN.exec(value);
    if (plain)
      return this.unique(value, (n) => plain[1]! + plain[2]! + this.digits(value, n, plain[3]!.length));
    const uri = URI.exec(value);
    if (!uri) return undefined;
    const [, scheme, user = '', host, rest = ''] = uri;
    // A number as the user part masks as that number; a short all-digit one is an extension, kept.
    const maskedUser = PLAIN.test(user)
      ? (this.mask(user) as string)
      : /^\d{0,5}$/.test(user)
        ? user
        : this.word('u', user);
    const maskedHost = host === undefined ? '' : `@${this.host(host)}`;
    return `${scheme}:${maskedUser}${maskedHost}${rest}`;
  }

  /** A token no other value of this masker has (an HMAC collision is retried with a counter). */
  private unique(value: string, make: (attempt: number) => string): string {
    for (let attempt = 0; ; attempt++) {
      const token = make(attempt);
      const owner = this.taken.get(token);
      if ((owner === undefined || owner === value) && token !== value) {
        this.taken.set(token, value);
        return token;
      }
    }
  }

  private hmac(value: string, attempt: number): Buffer {
    return createHmac('sha256', this.key).update(`${attempt}:${value}`).digest();
  }

  private digits(value: string, attempt: number, length: number): string {
    let out = '';
    for (let block = 0; out.length < length; block++) {
      out += BigInt(`0x${this.hmac(value, attempt * 1000 + block).toString('hex')}`).toString(10);
    }
    return out.slice(-length);
  }

  private word(prefix: string, value: string): string {
    return this.unique(
      value,
      (n) =>
        prefix +
        BigInt(`0x${this.hmac(value, n).toString('hex').slice(0, 12)}`)
          .toString(36)
          .slice(0, 7),
    );
  }

  private host(host: string): string {
    const lower = host.toLowerCase();
    if (lower === 'mangosip.ru') return host;
    const suffix = lower.endsWith('.mangosip.ru') ? '.mangosip.ru' : '.invalid';
    return this.word('h', lower) + suffix;
  }
}

/** A JSON container being scanned: an object (its current member name) or an array (its member's name). */
interface Frame {
  kind: 'object' | 'array';
  key: string | undefined;
  expectKey: boolean;
}

/**
 * Rewrites the scalar values of a JSON text in place: `replace(name, value)` sees every string and
 * number with the name of the member it belongs to (array elements take their array's name) and
 * answers a replacement or undefined. Everything else — spacing, escapes, key order — is kept
 * byte for byte. Returns undefined when the text is not JSON.
 */
export function rewriteJsonScalars(
  text: string,
  replace: (name: string | undefined, value: string | number) => string | number | undefined,
): string | undefined {
  const stack: Frame[] = [];
  let out = '';
  let i = 0;
  const top = () => stack[stack.length - 1];
  const valueName = () => top()?.key;
  while (i < text.length) {
    const c = text[i]!;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === ',' || c === ':') {
      if (c === ',') {
        const t = top();
        if (t?.kind === 'object') t.expectKey = true;
      }
      out += c;
      i++;
      continue;
    }
    if (c === '{' || c === '[') {
      stack.push({
        kind: c === '{' ? 'object' : 'array',
        key: c === '[' ? valueName() : undefined,
        expectKey: c === '{',
      });
      out += c;
      i++;
      continue;
    }
    if (c === '}' || c === ']') {
      if (stack.pop() === undefined) return undefined;
      out += c;
      i++;
      continue;
    }
    if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      if (j >= text.length) return undefined;
      const raw = text.slice(i, j + 1);
      let value: string;
      try {
        value = JSON.parse(raw) as string;
      } catch {
        return undefined;
      }
      const t = top();
      if (t?.kind === 'object' && t.expectKey) {
        t.key = value;
        t.expectKey = false;
        out += raw;
      } else {
        const next = replace(valueName(), value);
        out += next === undefined ? raw : JSON.stringify(String(next));
      }
      i = j + 1;
      continue;
    }
    const literal = /^(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i, i + 64));
    if (!literal) return undefined;
    const raw = literal[1]!;
    if (/^-?\d/.test(raw)) {
      const next = /^\d+$/.test(raw) ? replace(valueName(), raw) : undefined;
      // A number stays a number when its token is digits; anything else becomes a string.
      out +=
        next === undefined ? raw : /^\d+$/.test(String(next)) ? String(next) : JSON.stringify(String(next));
    } else out += raw;
    i += raw.length;
  }
  return stack.length === 0 ? out : undefined;
}

/**
 * Masks the numbers of a JSON text: values of the fields `mangokit/protocol` lists as carrying
 * phone numbers (`PHONE_NUMBER_FIELDS`). Text that is not JSON has every run of six or more
 * digits and every SIP address masked instead, so nothing slips through unparsed.
 */
export function maskJson(text: string, masker: NumberMasker): string {
  const rewritten = rewriteJsonScalars(text, (name, value) =>
    name !== undefined && PHONE_NUMBER_FIELDS.has(name) ? masker.mask(String(value)) : undefined,
  );
  return rewritten ?? maskLoose(text, masker);
}

/** Masks numbers found anywhere in free text (not JSON, not CSV). */
export function maskLoose(text: string, masker: NumberMasker): string {
  return text.replace(/sips?:[^\s"'&;,<>]+|\+?\d{6,}/gi, (m) => masker.mask(m) ?? m);
}

/**
 * Masks the number columns of a basic-statistics CSV answer (reference §3.1): by name when the
 * request's `fields` are known, else by the default column list when the row has its eleven
 * columns, else every cell that is a number and not a Unix time.
 */
export function maskStatsCsv(
  text: string,
  fields: readonly string[] | undefined,
  masker: NumberMasker,
): string {
  return text.replace(/[^\r\n]+/g, (row) => {
    const cells = row.split(';');
    const names = fields ?? (cells.length === DEFAULT_STATS_FIELDS.length ? DEFAULT_STATS_FIELDS : undefined);
    return cells
      .map((cell, i) => {
        const name = names?.[i];
        if (names !== undefined)
          return name !== undefined && PHONE_NUMBER_STATS_FIELDS.has(name)
            ? (masker.mask(cell) ?? cell)
            : cell;
        return UNIX_TIME.test(cell) ? cell : (masker.mask(cell) ?? cell);
      })
      .join(';');
  });
}
