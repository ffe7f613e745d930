import http from 'node:http';

/** Outcome of one request: the HTTP status, or `error` when no answer came. */
export type SendOutcome = number | 'error';

/** POSTs one urlencoded body over a keep-alive agent. */
export function postForm(agent: http.Agent, url: string, body: string): Promise<SendOutcome> {
  return new Promise((resolve) => {
    const req = http.request(
      url,
      {
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'content-length': Buffer.byteLength(body),
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', () => resolve('error'));
      },
    );
    req.on('error', () => resolve('error'));
    req.setTimeout(10_000, () => req.destroy());
    req.end(body);
  });
}

/**
 * Sends every body with `concurrency` requests in flight; `onProgress` sees the number of
 * answers so far (e.g. to kill the server mid-way). Returns one outcome per body.
 */
export async function sendAll(
  url: (i: number) => string,
  bodies: string[],
  concurrency: number,
  onProgress?: (done: number, ok: number) => void,
): Promise<SendOutcome[]> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const out: SendOutcome[] = new Array(bodies.length);
  let next = 0;
  let done = 0;
  let ok = 0;
  const worker = async () => {
    while (next < bodies.length) {
      const i = next++;
      out[i] = await postForm(agent, url(i), bodies[i]!);
      done++;
      if (out[i] === 200) ok++;
      onProgress?.(done, ok);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  agent.destroy();
  return out;
}

/** One request of a continuous load: what it got and when (ms since the epoch). */
export interface LoadRecord {
  index: number;
  outcome: SendOutcome;
  start: number;
  end: number;
}

/** A load that runs until stopped. */
export interface RunningLoad {
  /** Every answered request so far, in completion order. */
  readonly records: LoadRecord[];
  /** Stops sending, waits for the requests in flight, and returns every record. */
  stop(): Promise<LoadRecord[]>;
}

/**
 * Sends `body(0)`, `body(1)`, … with `concurrency` requests in flight until stopped, recording
 * each outcome with its timing (a PBX that keeps posting through an outage).
 */
export function startLoad(url: string, body: (i: number) => string, concurrency: number): RunningLoad {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const records: LoadRecord[] = [];
  let next = 0;
  let stopped = false;
  const worker = async () => {
    while (!stopped) {
      const index = next++;
      const start = Date.now();
      const outcome = await postForm(agent, url, body(index));
      records.push({ index, outcome, start, end: Date.now() });
    }
  };
  const workers = Promise.all(Array.from({ length: concurrency }, worker));
  return {
    records,
    async stop() {
      stopped = true;
      await workers;
      agent.destroy();
      return records;
    },
  };
}
