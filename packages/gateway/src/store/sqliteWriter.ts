import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { InsertOutcome, NotificationInput } from './types.js';

/**
 * The worker's program, plain JavaScript run with `eval`: it needs no TypeScript loader, so
 * the same code runs from sources (tsx) and from compiled output. It owns one connection and
 * commits the batches waiting for it together in one `BEGIN IMMEDIATE` transaction.
 */
const WORKER_SOURCE = `
const { parentPort, receiveMessageOnPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = ' + workerData.synchronous);
db.pragma('busy_timeout = 5000');
const insert = db.prepare(workerData.insertSql);
const MAX_ROWS = workerData.maxRows;
// A batch comes packed (see SqliteWriter.insert): its seven text fields of each row in one
// string, their lengths (-1 for null) in lens, seq (NaN for null) and received_at in nums.
const run = db.transaction((batches) => {
  const out = new Array(batches.length);
  for (let b = 0; b < batches.length; b++) {
    const { count, text, lens, nums } = batches[b];
    const ids = new Array(count);
    const s = new Array(7);
    let at = 0;
    for (let j = 0; j < count; j++) {
      for (let k = 0; k < 7; k++) {
        const len = lens[j * 7 + k];
        if (len < 0) s[k] = null;
        else { s[k] = text.slice(at, at + len); at += len; }
      }
      const seq = nums[j * 2];
      const r = insert.get(s[0], s[1], s[2], s[3], s[4], s[5], Number.isNaN(seq) ? null : seq, s[6], nums[j * 2 + 1]);
      ids[j] = r ? r.id : null;
    }
    out[b] = ids;
  }
  return out;
}).immediate;
let closing = false;
parentPort.on('message', (m) => {
  if (closing) return;
  if (m.close) { closing = true; db.close(); parentPort.close(); return; }
  // Group commit: every batch that arrived while the previous commit (and its fsync) ran joins
  // this one transaction, up to maxRows rows; each batch is answered only after the commit.
  const batches = [m];
  let size = m.count;
  let close = false;
  while (size < MAX_ROWS) {
    const next = receiveMessageOnPort(parentPort);
    if (!next) break;
    if (next.message.close) { close = true; break; }
    batches.push(next.message);
    size += next.message.count;
  }
  const ns = batches.map((b) => b.n);
  try { parentPort.postMessage({ ns, ids: run(batches) }); }
  catch (e) { parentPort.postMessage({ ns, error: String(e && e.message || e) }); }
  if (close) { closing = true; db.close(); parentPort.close(); }
});
`;

/** One batch as it is posted to the writer thread (see `SqliteWriter.insert`). */
interface Batch {
  n: number;
  count: number;
  text: string;
  lens: Int32Array;
  nums: Float64Array;
}

/**
 * Commits notification batches on a worker thread. better-sqlite3 is synchronous, so with
 * `synchronous=FULL` every commit's fsync (milliseconds on a loaded disk) would otherwise stall
 * the event loop and every request waiting on it; on a worker, the next batch keeps being read,
 * verified and parsed while the previous one is being made durable.
 */
export class SqliteWriter {
  private readonly worker: Worker;
  private readonly pending = new Map<
    number,
    { resolve: (r: InsertOutcome[]) => void; reject: (e: Error) => void }
  >();
  private next = 0;
  private failed: Error | null = null;
  private exited: Promise<void>;

  /** `insertSql` stores one notification (nine parameters, `RETURNING id`). */
  constructor(
    file: string,
    synchronous: 'FULL' | 'NORMAL',
    insertSql: string,
    /** Most rows committed in one transaction when batches are joined (default 4,096). */
    maxRows = 4096,
  ) {
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    this.worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { file, synchronous, driver, insertSql, maxRows },
    });
    this.worker.on('message', (m: { ns: number[]; ids?: Array<Array<number | null>>; error?: string }) => {
      for (let b = 0; b < m.ns.length; b++) {
        const p = this.pending.get(m.ns[b]!);
        if (!p) continue;
        this.pending.delete(m.ns[b]!);
        if (m.ids)
          p.resolve(
            m.ids[b]!.map((id) => (id === null ? { id: null, duplicate: true } : { id, duplicate: false })),
          );
        else p.reject(new Error(`sqlite insert failed: ${m.error}`));
      }
      this.settled();
    });
    this.exited = new Promise<void>((resolve) => {
      this.worker.once('exit', () => resolve());
    });
    const fail = (err: Error) => {
      // A dead writer can store nothing: every waiting request answers 503, never 200.
      this.failed = err;
      for (const p of this.pending.values()) p.reject(err);
      this.pending.clear();
      this.held = [];
      this.settled();
    };
    this.worker.on('error', fail);
    this.worker.once('exit', (code) => fail(new Error(`sqlite writer exited (${code})`)));
  }

  private holds = 0;
  private held: Batch[] = [];

  /**
   * Holds new batches back and resolves once none is in flight, with a release function: a
   * write on another connection run synchronously before `release()` cannot meet the writer's
   * lock. Otherwise SQLite's busy wait would block the event loop, and under steady load the
   * writer would re-take the lock before the waiter's retry.
   */
  async hold(): Promise<() => void> {
    this.holds++;
    try {
      while (this.inFlight > 0) await this.idle();
    } catch (err) {
      this.release();
      throw err;
    }
    return () => this.release();
  }

  private release(): void {
    if (--this.holds > 0) return;
    const held = this.held;
    this.held = [];
    for (const m of held) this.worker.postMessage(m);
  }

  /** Batches posted to the worker and not yet answered. */
  private get inFlight(): number {
    return this.pending.size - this.held.length;
  }

  private idleWaiters: Array<() => void> = [];

  /** Resolves when no batch is in flight (held ones do not count). */
  idle(): Promise<void> {
    if (this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private settled(): void {
    if (this.inFlight > 0 || this.idleWaiters.length === 0) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w();
  }

  /** Inserts a batch in one transaction; resolves after it has committed. */
  insert(items: NotificationInput[]): Promise<InsertOutcome[]> {
    if (this.failed) return Promise.reject(this.failed);
    // Packed for the copy between threads: one string and two typed arrays are each copied
    // whole, where an array of 9 values per row costs the structured clone ~1 µs per row.
    const count = items.length;
    const lens = new Int32Array(count * 7);
    const nums = new Float64Array(count * 2);
    let text = '';
    for (let j = 0; j < count; j++) {
      const n = items[j]!;
      const o = j * 7;
      text += n.dedupKey;
      lens[o] = n.dedupKey.length;
      text += n.path;
      lens[o + 1] = n.path.length;
      text += n.type;
      lens[o + 2] = n.type.length;
      text += n.name;
      lens[o + 3] = n.name.length;
      if (n.entryId === null) lens[o + 4] = -1;
      else {
        text += n.entryId;
        lens[o + 4] = n.entryId.length;
      }
      if (n.callId === null) lens[o + 5] = -1;
      else {
        text += n.callId;
        lens[o + 5] = n.callId.length;
      }
      text += n.json;
      lens[o + 6] = n.json.length;
      nums[j * 2] = n.seq ?? Number.NaN;
      nums[j * 2 + 1] = n.receivedAt;
    }
    const n = this.next++;
    return new Promise((resolve, reject) => {
      this.pending.set(n, { resolve, reject });
      const batch: Batch = { n, count, text, lens, nums };
      if (this.holds > 0) this.held.push(batch);
      else this.worker.postMessage(batch);
    });
  }

  /** Waits for batches in flight, then closes the worker's connection. */
  async close(): Promise<void> {
    if (this.failed) return;
    await this.idle();
    this.failed = new Error('sqlite writer closed');
    this.worker.postMessage({ close: true });
    await this.exited;
  }
}
