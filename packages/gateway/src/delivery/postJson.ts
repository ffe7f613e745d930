import { createHmac } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';

const httpAgent = new http.Agent({ keepAlive: true, maxSockets: 16 });
const httpsAgent = new https.Agent({ keepAlive: true, maxSockets: 16 });

/** Outcome of one POST to a consumer. */
export interface PostResult {
  ok: boolean;
  status: number | null;
  error?: string;
}

/**
 * POSTs a JSON body over keep-alive node:http(s) and resolves (never rejects) with the outcome:
 * only a 2xx counts as delivered. With `secret`, the body is signed in
 * `x-mangokit-signature: sha256=<hmac hex>` so the consumer can check its origin.
 */
export function postJson(
  url: string,
  body: string,
  options: { timeoutMs: number; secret?: string; headers?: Record<string, string> },
): Promise<PostResult> {
  return new Promise((resolve) => {
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      resolve({ ok: false, status: null, error: 'invalid consumer url' });
      return;
    }
    const isHttps = target.protocol === 'https:';
    const headers: Record<string, string | number> = {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body),
      ...options.headers,
    };
    if (options.secret)
      headers['x-mangokit-signature'] =
        `sha256=${createHmac('sha256', options.secret).update(body).digest('hex')}`;
    const req = (isHttps ? https : http).request(
      target,
      { method: 'POST', headers, agent: isHttps ? httpsAgent : httpAgent, timeout: options.timeoutMs },
      (res) => {
        const status = res.statusCode ?? 0;
        res.resume();
        res.on('end', () => {
          resolve(
            status >= 200 && status < 300
              ? { ok: true, status }
              : { ok: false, status, error: `HTTP ${status}` },
          );
        });
        res.on('error', (err) => resolve({ ok: false, status, error: err.message }));
      },
    );
    req.on('timeout', () => req.destroy(new Error(`timed out after ${options.timeoutMs} ms`)));
    req.on('error', (err) => resolve({ ok: false, status: null, error: err.message }));
    req.end(body);
  });
}
