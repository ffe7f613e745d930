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
/** @typedef {import('./types.js').ApiRequest} ApiRequest */
/** @typedef {import('./types.js').LockoutState} LockoutState */
/** @typedef {'office' | 'calls' | 'deliveries' | 'history' | 'webhooks' | 'clock' | 'connection' | 'notification' | 'requests' | 'lockout' | 'lang'} Topic */

/** How many finished calls and deliveries the page keeps. */
export const HISTORY_LIMIT = 100;
export const DELIVERY_LIMIT = 1000;
export const NOTIFICATION_LIMIT = 100;
export const REQUEST_LIMIT = 200;

/** A live call as the board holds it: legs by `call_id`, in order of appearance. */
export class BoardCall {
  /** @param {string} entryId */
  constructor(entryId) {
    this.entry_id = entryId;
    /** @type {number | string | undefined} */
    this.direction = undefined;
    /** @type {number | undefined} */
    this.create_time = undefined;
    /** @type {import('./types.js').Party | undefined} */
    this.from = undefined;
    /** @type {import('./types.js').Party | undefined} */
    this.to = undefined;
    /** @type {string | undefined} */
    this.line_number = undefined;
    /** @type {{ number?: string, type: number } | undefined} */
    this.dct = undefined;
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
    /** API requests the sandbox answered (`GET /_sandbox/requests`), newest first. @type {ApiRequest[]} */
    this.requests = [];
    /** The vendor's result and disconnect codes with their texts (`GET /_sandbox/codes`). @type {Map<number, { en: string, ru: string }>} */
    this.codes = new Map();
    /** The invalid-request lock-out of the API (`GET /_sandbox/state`). @type {LockoutState | null} */
    this.lockout = null;
    /** Disconnect reasons by `call_id`, from `events/call` notifications. @type {Map<string, number>} */
    this.reasons = new Map();
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
      this.describeCall(board, call);
      for (const leg of call.legs ?? []) board.legs.set(leg.call_id, leg);
    }
    this.emit('calls', null);
  }

  /**
   * Call-level facts (direction, parties, line) that `leg` events do not carry.
   * @param {BoardCall} board
   * @param {import('./types.js').LiveCall} call
   */
  describeCall(board, call) {
    board.direction = call.direction;
    board.create_time = call.create_time ?? board.create_time;
    board.from = call.from;
    board.to = call.to;
    board.line_number = call.line_number;
    board.dct = call.dct;
  }

  /**
   * Merges a call fetched after its first leg appeared.
   * @param {import('./types.js').LiveCall} call
   */
  mergeCall(call) {
    const board = this.calls.get(call.entry_id);
    if (!board) return;
    this.describeCall(board, call);
    for (const leg of call.legs ?? []) {
      const known = board.legs.get(leg.call_id);
      if (!known || (known.seq ?? 0) < (leg.seq ?? 0)) board.legs.set(leg.call_id, this.withReason(leg));
    }
    this.emit('calls', call.entry_id);
  }

  /**
   * Adds the disconnect reason seen in the leg's `events/call` notification (the live leg
   * view does not carry it).
   * @param {LiveLeg} leg
   * @returns {LiveLeg}
   */
  withReason(leg) {
    if (leg.disconnect_reason !== undefined || leg.state !== 'Disconnected') return leg;
    const reason = this.reasons.get(leg.call_id);
    return reason === undefined ? leg : { ...leg, disconnect_reason: reason };
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
   * @returns {boolean} whether the leg started a call the page did not know
   */
  upsertLeg(leg) {
    const isNew = !this.calls.has(leg.entry_id);
    const call = this.boardCall(leg.entry_id);
    const known = call.legs.get(leg.call_id);
    if (known && known.seq !== undefined && leg.seq !== undefined && leg.seq < known.seq) return isNew;
    call.legs.set(leg.call_id, this.withReason(leg));
    if (call.create_time === undefined) call.create_time = leg.started;
    this.emit('calls', call.entry_id);
    return isNew;
  }

  /**
   * A call finished (SSE `call`): off the board, onto the history.
   * @param {string} entryId
   * @param {CallRecord | undefined} record
   */
  endCall(entryId, record) {
    const call = this.calls.get(entryId);
    for (const id of call?.legs.keys() ?? []) this.reasons.delete(id);
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

  /** @param {Record<string, { en: string, ru: string }>} codes by code, as `GET /_sandbox/codes` answers */
  setCodes(codes) {
    this.codes = new Map(Object.entries(codes).map(([k, v]) => [Number(k), v]));
    this.emit('history');
    this.emit('calls', null);
  }

  /** @param {LockoutState | null | undefined} lockout */
  setLockout(lockout) {
    this.lockout = lockout ?? null;
    this.emit('lockout');
  }

  /** @param {ApiRequest[]} list oldest first, as the control API answers */
  setRequests(list) {
    this.requests = [...list].reverse().slice(0, REQUEST_LIMIT);
    this.emit('requests');
  }

  /** @param {ApiRequest} request */
  addRequest(request) {
    this.requests = [request, ...this.requests].slice(0, REQUEST_LIMIT);
    this.emit('requests');
  }

  /**
   * @param {string} path
   * @param {unknown} payload
   */
  addNotification(path, payload) {
    if (path === 'events/recording' && payload && typeof payload === 'object') this.markRecording(payload);
    if (path === 'events/call' && payload && typeof payload === 'object') {
      const p = /** @type {{ call_id?: unknown, disconnect_reason?: unknown }} */ (payload);
      if (typeof p.call_id === 'string' && p.disconnect_reason !== undefined) {
        this.reasons.set(p.call_id, Number(p.disconnect_reason));
      }
    }
    this.notifications = [{ path, payload, at: this.nowMs() }, ...this.notifications].slice(
      0,
      NOTIFICATION_LIMIT,
    );
    this.emit('notification');
  }

  /**
   * Shows a recording on its leg as it starts and stops (reference §4.3): leg events carry
   * `recording_id` only when the leg itself changes.
   * @param {object} payload
   */
  markRecording(payload) {
    const p =
      /** @type {{ call_id?: unknown, entry_id?: unknown, recording_id?: unknown, recording_state?: unknown }} */ (
        payload
      );
    if (typeof p.call_id !== 'string' || typeof p.entry_id !== 'string') return;
    const call = this.calls.get(p.entry_id);
    const leg = call?.legs.get(p.call_id);
    if (!call || !leg) return;
    const recording = p.recording_state === 'Completed' ? undefined : String(p.recording_id ?? '');
    if (leg.recording_id === recording) return;
    call.legs.set(p.call_id, { ...leg, recording_id: recording });
    this.emit('calls', p.entry_id);
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
