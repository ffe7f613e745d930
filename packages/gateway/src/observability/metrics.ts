type Labels = Record<string, string>;

interface Series {
  help: string;
  type: 'counter' | 'gauge' | 'histogram';
}

const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

/** The series key of a label set; `''` for none (the hot path: counted per notification). */
function key(labels: Labels | undefined): string {
  if (labels === undefined) return '';
  const names = Object.keys(labels);
  if (names.length === 0) return '';
  return names
    .sort()
    .map((k) => `${k}="${String(labels[k]).replace(/["\\\n]/g, '_')}"`)
    .join(',');
}

/** In-process metrics rendered in the Prometheus text exposition format (`GET /metrics`). */
export class Metrics {
  private readonly meta = new Map<string, Series>();
  private readonly values = new Map<string, Map<string, number>>();
  private readonly histograms = new Map<
    string,
    Map<string, { buckets: number[]; sum: number; count: number }>
  >();
  private readonly gauges = new Map<string, () => number | Promise<number>>();

  constructor() {
    this.describe('mangokit_gateway_requests_total', 'counter', 'Notification requests by HTTP status.');
    this.describe('mangokit_gateway_events_stored_total', 'counter', 'Notifications stored (new).');
    this.describe(
      'mangokit_gateway_events_duplicate_total',
      'counter',
      'Notifications recognised as duplicates.',
    );
    this.describe('mangokit_gateway_batch_size', 'histogram', 'Notifications per storage commit.');
    this.describe('mangokit_gateway_ack_seconds', 'histogram', 'Time from request start to acknowledgement.');
    this.describe(
      'mangokit_gateway_deliveries_total',
      'counter',
      'Events forwarded to consumers, by result.',
    );
    this.describe(
      'mangokit_gateway_dead_letters_total',
      'counter',
      'Events dead-lettered after the last attempt.',
    );
    this.describe('mangokit_gateway_archive_total', 'counter', 'Recording downloads by result.');
    this.describe('mangokit_gateway_sse_clients', 'gauge', 'Open server-sent-event streams.');
  }

  /** Declares a series. */
  describe(name: string, type: Series['type'], help: string): void {
    this.meta.set(name, { help, type });
  }

  /** Adds `by` to a counter. */
  inc(name: string, labels?: Labels, by = 1): void {
    const m = this.series(name);
    const k = key(labels);
    m.set(k, (m.get(k) ?? 0) + by);
  }

  /** Sets a gauge to a value. */
  set(name: string, value: number, labels?: Labels): void {
    this.series(name).set(key(labels), value);
  }

  /** Registers a gauge computed at scrape time. */
  gauge(name: string, help: string, read: () => number | Promise<number>): void {
    this.describe(name, 'gauge', help);
    this.gauges.set(name, read);
  }

  /** Records one observation of a histogram (seconds for latencies). */
  observe(name: string, value: number, labels?: Labels, buckets = LATENCY_BUCKETS): void {
    let m = this.histograms.get(name);
    if (!m) {
      m = new Map();
      this.histograms.set(name, m);
    }
    const k = key(labels);
    let h = m.get(k);
    if (!h) {
      h = { buckets: buckets.map(() => 0), sum: 0, count: 0 };
      m.set(k, h);
    }
    for (let i = 0; i < buckets.length; i++) if (value <= buckets[i]!) h.buckets[i]!++;
    h.sum += value;
    h.count++;
  }

  private series(name: string): Map<string, number> {
    let m = this.values.get(name);
    if (!m) {
      m = new Map();
      this.values.set(name, m);
    }
    return m;
  }

  /** Current value of a counter or gauge (0 when never touched). */
  value(name: string, labels?: Labels): number {
    return this.values.get(name)?.get(key(labels)) ?? 0;
  }

  /** Renders every series in the Prometheus text format. */
  async render(): Promise<string> {
    const lines: string[] = [];
    for (const [name, read] of this.gauges) {
      try {
        this.set(name, await read());
      } catch {
        // A failing gauge (e.g. database down) is left out rather than failing the scrape.
      }
    }
    for (const [name, s] of this.meta) {
      lines.push(`# HELP ${name} ${s.help}`, `# TYPE ${name} ${s.type}`);
      if (s.type === 'histogram') {
        const bucketsOf = name === 'mangokit_gateway_batch_size' ? BATCH_BUCKETS : LATENCY_BUCKETS;
        for (const [k, h] of this.histograms.get(name) ?? []) {
          const pre = k ? `${k},` : '';
          bucketsOf.forEach((b, i) => {
            lines.push(`${name}_bucket{${pre}le="${b}"} ${h.buckets[i]}`);
          });
          lines.push(`${name}_bucket{${pre}le="+Inf"} ${h.count}`);
          lines.push(
            `${name}_sum${k ? `{${k}}` : ''} ${h.sum}`,
            `${name}_count${k ? `{${k}}` : ''} ${h.count}`,
          );
        }
      } else {
        for (const [k, v] of this.values.get(name) ?? []) lines.push(`${name}${k ? `{${k}}` : ''} ${v}`);
      }
    }
    return `${lines.join('\n')}\n`;
  }
}

/** Buckets of the batch-size histogram. */
export const BATCH_BUCKETS = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512];
