/** The API base URL of the running command's client (set by `createClient`). */
let baseUrl: string | undefined;

/** Remembers the API base URL a command talks to, so a failure can look at the sandbox behind it. */
export function rememberBaseUrl(url: string | undefined): void {
  baseUrl = url;
}

const LOCAL = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$/;

/**
 * When the API answered 401 and the base URL is a sandbox on this machine: its invalid-request
 * lock-out, read from its control API (`GET /_sandbox/state`) — the real PBX does not say why it
 * answers 401, the sandbox can. Undefined when there is no such sandbox or it is not locked.
 */
export async function sandboxLockout(): Promise<{ until: number } | undefined> {
  if (!baseUrl) return undefined;
  try {
    const url = new URL(baseUrl);
    if (!LOCAL.test(url.hostname)) return undefined;
    const res = await fetch(new URL('/_sandbox/state', url), { signal: AbortSignal.timeout(1500) });
    if (!res.ok) return undefined;
    const state = (await res.json()) as { lockout?: { locked?: unknown; until?: unknown } };
    const l = state.lockout;
    return l?.locked === true && typeof l.until === 'number' ? { until: l.until } : undefined;
  } catch {
    return undefined;
  }
}
