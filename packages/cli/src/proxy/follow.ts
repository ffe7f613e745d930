/**
 * Redirects the proxy passes through itself. The API answers a recording request with 302 to a
 * one-time file URL on another host (reference §3.3); a client follows that `Location` directly,
 * past the proxy, and the download would be neither recorded nor replayable offline. So the
 * `Location` of a redirect is rewritten to `<proxy>/_mangokit/follow?url=<original>`, and a request
 * there is forwarded to the original URL. The recording keeps the original `Location`.
 * `mangokit sandbox --replay` answers the same path from the recording.
 */

/** The proxy's (and the replaying sandbox's) path for a followed redirect. */
export const FOLLOW_PATH = '/_mangokit/follow';

/** The `Location` a client is given for `location` (absolute or relative to `requestUrl`). */
export function followLocation(location: string, requestUrl: URL, selfOrigin: string): string {
  let target: URL;
  try {
    target = new URL(location, requestUrl);
  } catch {
    return location;
  }
  return `${selfOrigin}${FOLLOW_PATH}?url=${encodeURIComponent(target.href)}`;
}

/** The original URL of a follow request (`/_mangokit/follow?url=…`), or undefined for any other. */
export function followTarget(requestUrl: string): string | undefined {
  const url = new URL(requestUrl, 'http://proxy.invalid');
  if (url.pathname.replace(/\/+$/, '') !== FOLLOW_PATH) return undefined;
  const target = url.searchParams.get('url');
  if (!target) return undefined;
  try {
    const parsed = new URL(target);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}
