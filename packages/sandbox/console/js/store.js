// @ts-check
/**
 * The console's view of the sandbox: filled by the control API on (re)connect, kept current by
 * the SSE stream. Views subscribe to topics and redraw only what a topic covers.
 */

/** @typedef {import('./types.js').LiveLeg} LiveLeg */
/** @typedef {import('./types.js').LiveCall} LiveCall */
/** @typedef {import('./types.js').Office} Office */
/** @typedef {import('./types.js').Delivery} Delivery */
/** @typedef {import('./types.js').CallRecord} CallRecord */
/** @typedef {import('./types.js').RecordingRecord} RecordingRecord */
/** @typedef {import('./types.js').WebhookSettings} WebhookSettings */
/** @typedef {'office' | 'calls' | 'deliveries' | 'history' | 'webhooks' | 'clock' | 'connection' | 'notification'} Topic */

/** How many finished calls and deliveries the page keeps. */
export const HISTORY_LIMIT = 100;
export const DELIVERY_LIMIT = 200;
export const NOTIFICATION_LIMIT = 100;

/** A live call as the board holds it: legs by `call_id`, in order of appearance. */
export class BoardCall {
  /** @param {string} entryId */
  constructor(entryId) {
    this.entry_id = entryId;
    /** @type {number | string | undefined} */
    this.direction = undefined;
    /** @type {number | undefined} */
    this.create_time = undefined;
    /** @type {Map<string, LiveLeg>} */
    this.legs = new Map();
  }
}

/** Everything the page shows, with a small publish/subscribe by topic. */
export class Store {
  constructor() {
    /** @type {Office | null} */
    this.office = null;
    /** @type {Map<string, BoardCall>} */
    this.calls = new Map();
    /** @type {Map<string, Delivery>} keyed by `String(id)`, in arrival order */
    this.deliveries = new Map();
    /** @type {CallRecord[]} newest first */
    this.history = [];
    /** @type {Map<string, RecordingRecord>} */
    this.recordings = new Map();
    /** @type {WebhookSettings | null} */
    this.webhooks = null;
    /** @type {{ path: string, payload: unknown, at: number }[]} newest first */
    this.notifications = [];
    /** Extensions the console drives live (`employee/manual`). @type {Set<string>} */
    this.manual = new Set();
    /** Sandbox clock: virtual ms at `syncedAt` (page ms), advancing `speed`× on a real clock. */
    this.clock = {
      nowMs: Date.now(),
      syncedAt: performance.now(),
      mode: /** @type {string} */ ('real'),
      speed: 1,
    };
    this.connected = false;
    /** @type {Map<Topic, Set<(detail: unknown) => void>>} */
    this.listeners = new Map();
  }

  /**
   * Subscribes to a topic; returns the unsubscribe function.
   * @param {Topic} topic
   * @param {(detail: unknown) => void} fn
   */
  on(topic, fn) {
    let set = this.listeners.get(topic);
    if (!set) {
      set = new Set();
      this.listeners.set(topic, set);
    }
    set.add(fn);
    return () => set.delete(fn);
  }

  /**
   * @param {Topic} topic
   * @param {unknown} [detail]
   */
  emit(topic, detail) {
    for (const fn of this.listeners.get(topic) ?? []) fn(detail);
  }

  /** The sandbox clock now, Unix ms (extrapolated on a real clock). */
  nowMs() {
    const { nowMs, syncedAt, mode, speed } = this.clock;
    return mode === 'manual' ? nowMs : nowMs + (performance.now() - syncedAt) * speed;
  }

  /**
   * @param {{ now_ms?: number, now?: number, mode?: string, speed?: number }} clock
   */
  setClock(clock) {
    const nowMs = clock.now_ms ?? (clock.now !== undefined ? clock.now * 1000 : this.nowMs());
    this.clock = {
      nowMs,
      syncedAt: performance.now(),
      mode: clock.mode ?? this.clock.mode,
      speed: clock.speed ?? this.clock.speed,
    };
    this.emit('clock');
  }

  /** @param {Office} office */
  setOffice(office) {
    this.office = office;
    this.emit('office');
  }

  /** @param {import('./types.js').LiveCall[]} calls */
  setCalls(calls) {
    this.calls.clear();
    for (const call of calls) {
      const board = this.boardCall(call.entry_id);
      board.direction = call.direction;
      board.create_time = call.create_time;
      for (const leg of call.legs ?? []) board.legs.set(leg.call_id, leg);
    }
    this.emit('calls', null);
  }

  /** @param {string} entryId */
  boardCall(entryId) {
    let call = this.calls.get(entryId);
    if (!call) {
      call = new BoardCall(entryId);
      this.calls.set(entryId, call);
    }
    return call;
  }

  /**
   * A leg changed (SSE `leg`). Events can arrive out of order after a reconnect: an older `seq`
   * never overwrites a newer one.
   * @param {LiveLeg} leg
   */
  upsertLeg(leg) {
    const call = this.boardCall(leg.entry_id);
    const known = call.legs.get(leg.call_id);
    if (known && known.seq !== undefined && leg.seq !== undefined && leg.seq < known.seq) return;
    call.legs.set(leg.call_id, leg);
    if (call.create_time === undefined) call.create_time = leg.started;
    this.emit('calls', call.entry_id);
  }

  /**
   * A call finished (SSE `call`): off the board, onto the history.
   * @param {string} entryId
   * @param {CallRecord | undefined} record
   */
  endCall(entryId, record) {
    this.calls.delete(entryId);
    this.emit('calls', entryId);
    if (record) {
      this.history = [record, ...this.history.filter((c) => c.entry_id !== record.entry_id)].slice(
        0,
        HISTORY_LIMIT,
      );
      this.emit('history');
    }
  }

  /** @param {CallRecord[]} calls oldest first, as the API answers */
  setHistory(calls) {
    this.history = [...calls].reverse().slice(0, HISTORY_LIMIT);
    this.emit('history');
  }

  /** @param {RecordingRecord[]} recordings */
  setRecordings(recordings) {
    this.recordings = new Map(recordings.map((r) => [r.recording_id, r]));
    this.emit('history');
  }

  /** @param {Delivery[]} deliveries oldest first */
  setDeliveries(deliveries) {
    this.deliveries = new Map(deliveries.map((d) => [String(d.id), d]));
    this.emit('deliveries', null);
  }

  /** @param {Delivery} delivery */
  upsertDelivery(delivery) {
    const key = String(delivery.id);
    this.deliveries.set(key, delivery);
    while (this.deliveries.size > DELIVERY_LIMIT) {
      const oldest = this.deliveries.keys().next().value;
      if (oldest === undefined) break;
      this.deliveries.delete(oldest);
    }
    this.emit('deliveries', key);
  }

  /** @param {WebhookSettings} settings */
  setWebhooks(settings) {
    this.webhooks = settings;
    this.emit('webhooks');
  }

  /**
   * @param {string} path
   * @param {unknown} payload
   */
  addNotification(path, payload) {
    this.notifications = [{ path, payload, at: this.nowMs() }, ...this.notifications].slice(
      0,
      NOTIFICATION_LIMIT,
    );
    this.emit('notification');
  }

  /** @param {boolean} connected */
  setConnected(connected) {
    if (this.connected === connected) return;
    this.connected = connected;
    this.emit('connection');
  }

  /**
   * What an employee is doing now, from the live legs: `ringing`, `talking`, `on hold`, or
   * undefined when idle.
   * @param {string | undefined} extension
   * @returns {{ activity: 'ringing' | 'talking' | 'on hold' | 'calling', leg: LiveLeg } | undefined}
   */
  activityOf(extension) {
    if (!extension) return undefined;
    /** @type {{ activity: 'ringing' | 'talking' | 'on hold' | 'calling', leg: LiveLeg } | undefined} */
    let found;
    const rank = { 'on hold': 3, talking: 4, ringing: 2, calling: 1 };
    for (const call of this.calls.values()) {
      for (const leg of call.legs.values()) {
        if (leg.state === 'Disconnected') continue;
        const called = leg.to?.extension === extension;
        const calling = leg.from?.extension === extension;
        if (!called && !calling) continue;
        /** @type {'ringing' | 'talking' | 'on hold' | 'calling'} */
        const activity =
          leg.state === 'Connected'
            ? 'talking'
            : leg.state === 'OnHold'
              ? 'on hold'
              : called
                ? 'ringing'
                : 'calling';
        if (!found || rank[activity] > rank[found.activity]) found = { activity, leg };
      }
    }
    return found;
  }
}
