import { DEFAULT_STATS_FIELDS } from 'mangokit/protocol';
import type { ExchangeRecord, RecordedBody } from '../traffic/format.js';
import { maskJson, maskStatsCsv, type NumberMasker } from '../traffic/mask.js';
import { recordBody, recordHeaders, redactForm, redactLinkSign } from '../traffic/redact.js';
import type { RawExchange } from './server.js';

/** Report keys remembered with the columns their `stats/request` asked for. */
const MAX_STATS_KEYS = 1000;

function fieldsOf(json: string | undefined): string[] {
  try {
    const params = JSON.parse(json ?? '{}') as { fields?: unknown };
    if (typeof params.fields === 'string') return params.fields.split(',').map((f) => f.trim());
    if (Array.isArray(params.fields)) return params.fields.map(String);
  } catch {
    /* the default columns */
  }
  return [...DEFAULT_STATS_FIELDS];
}

function isJson(contentType: string | undefined, text: string): boolean {
  if (contentType?.toLowerCase().includes('json')) return true;
  const t = text.trimStart();
  return t.startsWith('{') || t.startsWith('[');
}

/**
 * Turns what the proxy saw into the lines of the traffic file: `sign` redacted in the request,
 * and with a masker the numbers of the request's `json` and of the answer (JSON fields, and the
 * number columns of a `stats/result` CSV, whose columns it learns from the `stats/request` that
 * asked for the report) replaced by tokens.
 */
export class ExchangeRecords {
  private readonly statsFields = new Map<string, string[]>();

  constructor(
    private readonly masker: NumberMasker | undefined,
    private readonly base64Limit: number,
  ) {}

  record(raw: RawExchange): ExchangeRecord {
    const contentType = raw.request.headers['content-type'];
    const redacted = redactForm(raw.request.body, contentType, this.masker);
    const record: ExchangeRecord = {
      type: 'exchange',
      at: raw.at,
      path: redactLinkSign(raw.path),
      ms: raw.ms,
      request: {
        method: raw.request.method,
        url: redactLinkSign(raw.request.url),
        headers: recordHeaders(raw.request.headers),
        body: recordBody(redacted.body, contentType, this.base64Limit),
        ...(redacted.form ? { form: redacted.form } : {}),
      },
    };
    if (raw.error !== undefined) record.error = raw.error;
    const response = raw.response;
    if (response) {
      const headers = recordHeaders(response.headers);
      // The recorded body is decoded; its encoding and length are those of the wire.
      if (headers['content-encoding'] !== undefined) {
        delete headers['content-encoding'];
        delete headers['content-length'];
      }
      record.response = {
        status: response.status,
        headers,
        body: this.responseBody(raw, headers['content-type'], redacted.form?.json),
      };
    }
    return record;
  }

  private responseBody(
    raw: RawExchange,
    contentType: string | undefined,
    requestJson: string | undefined,
  ): RecordedBody {
    const response = raw.response!;
    if (response.body === undefined) return { bytes: response.bytes, sha256: response.sha256 };
    const body = recordBody(response.body, contentType, this.base64Limit);
    if (typeof body !== 'string') return body;
    if (raw.path.endsWith('stats/request') && isJson(contentType, body)) {
      try {
        const key = (JSON.parse(body) as { key?: unknown }).key;
        if (typeof key === 'string') {
          this.statsFields.set(key, fieldsOf(requestJson));
          if (this.statsFields.size > MAX_STATS_KEYS)
            this.statsFields.delete(this.statsFields.keys().next().value as string);
        }
      } catch {
        /* not the key answer */
      }
    }
    if (!this.masker) return body;
    if (isJson(contentType, body)) return maskJson(body, this.masker);
    if (raw.path.endsWith('stats/result')) {
      let key: string | undefined;
      try {
        key = (JSON.parse(requestJson ?? '{}') as { key?: string }).key;
      } catch {
        key = undefined;
      }
      return maskStatsCsv(body, key === undefined ? undefined : this.statsFields.get(key), this.masker);
    }
    return body;
  }
}
