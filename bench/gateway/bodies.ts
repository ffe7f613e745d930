import { createWriteStream } from 'node:fs';
import { createEnvelope, encodeEnvelope } from 'mangokit/protocol';

/** Benchmark credentials (made up). */
export const BENCH_KEY = 'benchkey0000000000000000000000';
export const BENCH_SALT = 'benchsalt000000000000000000000';

const STATES = ['Appeared', 'Connected', 'OnHold', 'Disconnected'] as const;

/** The i-th unique signed `events/call` body (8 events per call, reference §4.1). */
export function benchBody(i: number): string {
  const entry = Math.floor(i / 8);
  const payload = {
    entry_id: `MToxMDE2MTY0NzoxMjM6${entry.toString(36).padStart(10, '0')}`,
    call_id: `MToxMDE2MTY0NzoxMjM6MTAw${entry.toString(36).padStart(10, '0')}`,
    timestamp: 1_767_225_600 + (i % 1000),
    seq: (i % 8) + 1,
    call_state: STATES[i % 4],
    location: 'abonent',
    from: { number: '79001234567' },
    to: {
      extension: '101',
      number: 'sip:user101@vpbx400000000.mangosip.ru',
      line_number: '74951234567',
      acd_group: '303',
    },
    dct: { type: 0 },
  };
  return encodeEnvelope(createEnvelope({ apiKey: BENCH_KEY, apiSalt: BENCH_SALT }, payload));
}

/** Writes `count` unique bodies, one per line (urlencoded bodies contain no newline). */
export async function writeBodies(file: string, count: number): Promise<void> {
  const out = createWriteStream(file);
  for (let i = 0; i < count; i++) {
    if (!out.write(`${benchBody(i)}\n`)) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((r) => out.end(r));
}

/**
 * A wrk script that sends the bodies of `file` in order, each once, starting at line
 * `$START` (one wrk thread: no partitioning needed). Past the end it wraps around, which the
 * gateway answers as duplicates.
 */
export function luaScript(file: string): string {
  return `local bodies = {}
for line in io.lines(${JSON.stringify(file)}) do bodies[#bodies + 1] = line end
local i = tonumber(os.getenv("START") or "0")
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
request = function()
  i = i + 1
  if i > #bodies then i = 1 end
  return wrk.format(nil, nil, nil, bodies[i])
end
`;
}
