/**
 * The storage contract shared by the SQLite and PostgreSQL stores. Times are Unix milliseconds
 * unless a field says seconds (vendor times are Unix seconds, reference §4.1).
 */

/** One verified notification, ready to be stored. */
export interface NotificationInput {
  /** Identity of the event; a second notification with the same key is a duplicate. */
  dedupKey: string;
  /** Path relative to the integrator base, e.g. `events/call` (reference §4). */
  path: string;
  /** `MangoEvent['type']` of the parsed event. */
  type: string;
  /** `MangoEvent['name']` of the parsed event. */
  name: string;
  entryId: string | null;
  callId: string | null;
  seq: number | null;
  /** The exact signed `json` string as received. */
  json: string;
  receivedAt: number;
}

/** A stored notification with its position in the store's total order. */
export interface StoredEvent extends Omit<NotificationInput, 'dedupKey'> {
  id: number;
}

/** What happened to one notification of a batch. */
export interface InsertOutcome {
  /** The new row's id, or null when an identical event was already stored. */
  id: number | null;
  duplicate: boolean;
}

/** A call (reference §4.1 `entry_id`) as folded from its events. */
export interface CallRow {
  entryId: string;
  /** `incoming`, `outgoing`, `internal` or null while unknown. */
  direction: string | null;
  fromNumber: string | null;
  toNumber: string | null;
  lineNumber: string | null;
  /** Extension of the employee who answered (or was rung last). */
  employee: string | null;
  /** `ringing`, `active`, `answered`, `missed`, … as the tracker reports it. */
  outcome: string;
  /** Unix seconds. */
  startedAt: number | null;
  answeredAt: number | null;
  endedAt: number | null;
  talkSeconds: number | null;
  updatedAt: number;
  /** The tracker's full view of the call, JSON. */
  data: string;
}

/** A leg (reference §4.1 `call_id`) of a call. */
export interface LegRow {
  callId: string;
  entryId: string;
  state: string | null;
  fromNumber: string | null;
  fromExtension: string | null;
  toNumber: string | null;
  toExtension: string | null;
  startedAt: number | null;
  answeredAt: number | null;
  endedAt: number | null;
  disconnectReason: number | null;
  data: string;
}

/** A recording seen in `events/recording` or `events/record/added` (reference §4.3, §4.6). */
export interface RecordingSeen {
  recordingId: string;
  entryId: string | null;
  state: string | null;
  /** True once the file can be downloaded. */
  ready: boolean;
}

/** A recording row, with its archive state. */
export interface RecordingRow extends RecordingSeen {
  archiveStatus: 'pending' | 'working' | 'archived' | 'failed' | null;
  attempts: number;
  filePath: string | null;
  lastError: string | null;
}

/** The projection of one call written after folding its events. */
export interface CallProjection {
  call: CallRow | null;
  legs: LegRow[];
  recordings: RecordingSeen[];
}

/**
 * Folds newly stored events of one call into its projection, starting from the call's previous
 * state (`calls.data`, null for a new call).
 */
export type CallFolder = (entryId: string, previous: string | null, events: StoredEvent[]) => CallProjection;

/** Filters of `GET /calls`. */
export interface CallQuery {
  /** Unix seconds, inclusive, on the call's start. */
  from?: number;
  to?: number;
  number?: string;
  employee?: string;
  outcome?: string;
  limit?: number;
  /** Entry id to continue after (calls are ordered by start time, then entry id, newest first). */
  offset?: number;
}

/** An event waiting for another delivery attempt, or dead-lettered. */
export interface ParkedRow {
  consumer: string;
  eventId: number;
  /** The call the event belongs to; events of one call are delivered in order. */
  entryKey: string | null;
  attempts: number;
  nextAt: number;
  status: 'pending' | 'dead';
  lastError: string | null;
}

/** Delivery state of one consumer. */
export interface ConsumerStatus {
  name: string;
  url: string;
  cursor: number;
  pending: number;
  dead: number;
}

/** An archive job claimed by one worker. */
export interface ArchiveJob {
  recordingId: string;
  entryId: string | null;
  attempts: number;
}

/** The durable store behind a gateway: SQLite (one instance) or PostgreSQL (many instances). */
export interface GatewayStore {
  readonly kind: 'sqlite' | 'postgres';
  /** Creates the schema if needed. */
  init(): Promise<void>;
  /** Stores a batch in one transaction; resolves only after the commit. */
  insertBatch(items: NotificationInput[]): Promise<InsertOutcome[]>;
  /** Events with `id > afterId`, in id order. */
  eventsAfter(afterId: number, limit: number): Promise<StoredEvent[]>;
  /** Every event of one call, in id order. */
  eventsOfCall(entryId: string): Promise<StoredEvent[]>;
  /** Number of stored events (reads the whole table on PostgreSQL: not for frequent calls). */
  countEvents(): Promise<number>;
  /**
   * Number of stored events without reading the events table: exact on SQLite (the newest id),
   * the server's live-row statistics on PostgreSQL (may lag by seconds; see the dialects).
   */
  estimateEvents(): Promise<number>;
  /** Id of the newest event (0 when empty). */
  latestEventId(): Promise<number>;
  /** Folds up to `limit` not-yet-projected events' calls; returns how many events it projected. */
  projectPending(limit: number, fold: CallFolder): Promise<number>;
  /** Calls matching the query, newest first. */
  queryCalls(query: CallQuery): Promise<CallRow[]>;
  getCall(entryId: string): Promise<CallRow | null>;
  legsOfCall(entryId: string): Promise<LegRow[]>;
  recordingsOfCall(entryId: string): Promise<RecordingRow[]>;

  /** Registers (or re-points) a consumer; a new consumer starts at the first event. */
  ensureConsumer(name: string, url: string): Promise<void>;
  /** Renames a consumer with its cursor and parked events (no-op if `from` is unknown or `to` exists). */
  renameConsumer(from: string, to: string): Promise<void>;
  /** Takes or renews the delivery lease of a consumer; false while another instance holds it. */
  leaseConsumer(name: string, owner: string, ms: number): Promise<boolean>;
  /** Gives the lease back (on shutdown). */
  releaseConsumer(name: string, owner: string): Promise<void>;
  getCursor(name: string): Promise<number>;
  /** Moves the cursor and parks events in one transaction. */
  advanceCursor(name: string, cursor: number, park: ParkedRow[]): Promise<void>;
  /** Pending parked rows of a consumer with their events, in event order. */
  pendingParked(name: string, limit: number): Promise<Array<ParkedRow & { event: StoredEvent }>>;
  /** Removes delivered parked rows. */
  resolveParked(name: string, eventIds: number[]): Promise<void>;
  /** Records a failed attempt: reschedules, or dead-letters rows whose attempts reached `maxAttempts`. */
  failParked(
    name: string,
    eventIds: number[],
    nextAt: number,
    maxAttempts: number,
    error: string,
  ): Promise<number>;
  /** Dead letters of a consumer (or all consumers). */
  deadLetters(name: string | null, limit: number): Promise<ParkedRow[]>;
  /** Puts dead letters back in the queue (all of the consumer's, or the listed events); returns how many. */
  redeliver(name: string, eventIds: number[] | null): Promise<number>;
  consumerStatus(): Promise<ConsumerStatus[]>;

  /** Claims one ready recording to archive (skipping ones other workers hold). */
  claimArchiveJob(owner: string, leaseMs: number): Promise<ArchiveJob | null>;
  /** Marks an archive job done. */
  completeArchiveJob(recordingId: string, filePath: string): Promise<void>;
  /** Records a failed download: retry at `nextAt`, or `failed` after `maxAttempts`. */
  failArchiveJob(recordingId: string, nextAt: number, maxAttempts: number, error: string): Promise<void>;

  /** A cheap round trip, for `/health`. */
  ping(): Promise<void>;
  /** A small write that fails when notifications could not be stored (full disk, read-only server). */
  probeWrite(): Promise<void>;
  close(): Promise<void>;
  /**
   * Whether an error of this store means the database cannot be reached (a refused, broken or
   * timed-out connection) rather than a refused statement. The gateway then refuses store calls
   * at once until a probe succeeds, and starts without the store when its first connection
   * fails this way. Optional: a store without it is never taken for unreachable by an error.
   */
  isUnreachableError?(err: unknown): boolean;
}
