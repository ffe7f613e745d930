import { type Sandbox, startSandbox } from '@mangokit/sandbox';

/** A sandbox on port 0 with a fast real clock (calls finish in about a second) and no lock-out. */
export async function startTestSandbox(): Promise<Sandbox> {
  return startSandbox({ port: 0, clock: 'real', speed: 40, lockout: false });
}

/** The environment pointing the CLI at the sandbox with its own credentials. */
export function sandboxEnv(sb: Sandbox): Record<string, string> {
  return {
    MANGO_BASE_URL: sb.apiBaseUrl,
    MANGO_API_KEY: sb.office.api_key,
    MANGO_API_SALT: sb.office.api_salt,
  };
}

/** POSTs to the sandbox control API and returns the JSON answer. */
export async function control<T = Record<string, unknown>>(
  sb: Sandbox,
  path: string,
  body: object = {},
  method = 'POST',
): Promise<T> {
  const res = await fetch(`${sb.url}/_sandbox/${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(method === 'GET' ? {} : { body: JSON.stringify(body) }),
  });
  if (!res.ok) throw new Error(`${method} ${path}: HTTP ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/**
 * Places `rounds` click-to-call calls from each recording employee (101, 102 record everything,
 * 300 records outgoing calls) and waits until all of them are over and recorded.
 * Resolves with the number of recordings.
 */
export async function makeRecordedCalls(sb: Sandbox, rounds: number): Promise<number> {
  const before = (await control<{ recordings: unknown[] }>(sb, 'recordings', {}, 'GET')).recordings.length;
  let n = 0;
  for (let round = 0; round < rounds; round++) {
    for (const extension of ['101', '102', '300']) {
      await control(sb, 'calls/callback', { extension, to_number: `7926100${round}${extension}` });
      n++;
    }
    // Wait for this round's calls to end before the same employees are rung again.
    const deadline = Date.now() + 30_000;
    for (;;) {
      const live = await control<{ calls: unknown[] }>(sb, 'calls', {}, 'GET');
      if (live.calls.length === 0) break;
      if (Date.now() > deadline) throw new Error('calls did not finish');
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  const deadline = Date.now() + 30_000;
  for (;;) {
    const recs = (await control<{ recordings: unknown[] }>(sb, 'recordings', {}, 'GET')).recordings.length;
    if (recs - before >= n) return recs;
    if (Date.now() > deadline) throw new Error(`only ${recs - before} of ${n} recordings appeared`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
