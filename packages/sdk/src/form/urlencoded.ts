import { MalformedFormError } from './errors.js';
import type { EnvelopeFields, FormParseOptions } from './options.js';

/** Decodes one urlencoded component; `undefined` when its percent-encoding is broken. */
function decodeComponent(text: string): string | undefined {
  const plusless = text.indexOf('+') < 0 ? text : text.replace(/\+/g, ' ');
  if (plusless.indexOf('%') < 0) return plusless;
  try {
    return decodeURIComponent(plusless);
  } catch {
    return undefined;
  }
}

/** How a browser's `URLSearchParams` (and the vendor's PHP) reads broken percent-encoding: kept as is. */
function decodeLeniently(text: string): string {
  return new URLSearchParams(`v=${text}`).get('v') ?? '';
}

/**
 * Reads the three envelope fields (`vpbx_api_key`, `sign`, `json`, reference §1.2) from an
 * urlencoded body; other fields are skipped undecoded. Strict by default: a repeated field or
 * broken percent-encoding throws `MalformedFormError` rather than being guessed.
 */
export function parseUrlencoded(body: string, options: FormParseOptions = {}): EnvelopeFields {
  const lenient = options.lenient === true;
  const form: EnvelopeFields = {};
  let start = 0;
  const length = body.length;
  while (start <= length) {
    let end = body.indexOf('&', start);
    if (end < 0) end = length;
    if (end > start) {
      const eq = body.indexOf('=', start);
      const nameEnd = eq < 0 || eq > end ? end : eq;
      let name = body.slice(start, nameEnd);
      // An encoded name (`vpbx%5Fapi%5Fkey`) is still that name, as any form reader sees it.
      if (name.indexOf('%') >= 0 || name.indexOf('+') >= 0) name = decodeComponent(name) ?? name;
      if (name === 'vpbx_api_key' || name === 'sign' || name === 'json') {
        if (form[name] === undefined) {
          const raw = nameEnd === end ? '' : body.slice(nameEnd + 1, end);
          const value = decodeComponent(raw);
          if (value !== undefined) form[name] = value;
          else if (lenient) form[name] = decodeLeniently(raw);
          else throw new MalformedFormError('form field is not valid percent-encoding');
        } else if (!lenient) {
          throw new MalformedFormError(`form field "${name}" is repeated`);
        }
      }
    }
    start = end + 1;
  }
  return form;
}
