import { t } from '../i18n/index.js';
import type { TextSink } from './io.js';
import { formatBytes, formatDecimal, formatDuration } from './output.js';

/** Options of `ProgressBar`. */
export interface ProgressBarOptions {
  /** Where to draw (stderr, so stdout stays clean for `--json`). */
  sink: TextSink;
  total: number;
  label?: string;
  /** The rate's unit, e.g. `recordings/s` (default `/s`). */
  rateUnit?: string;
  /** Bar width in characters (default 24). */
  width?: number;
  /** Redraw at most this often (default 100 ms) so a fast loop does not flood the terminal. */
  intervalMs?: number;
  /** Injected clock for tests. */
  now?: () => number;
}

/**
 * A one-line progress bar, its rates with their units:
 * `label [#######.........] 12/40 30%  3.1 MB  2.0 recordings/s  1.2 MB/s  eta 0:14`.
 * On a terminal it redraws in place with `\r`; elsewhere (a pipe, a CI log) it prints a line at
 * every tenth of the way, so logs stay short.
 */
export class ProgressBar {
  private done = 0;
  private bytes = 0;
  private lastDraw = 0;
  private lastDecile = -1;
  private lastPrinted = -1;
  private readonly started: number;
  private readonly now: () => number;

  constructor(private readonly options: ProgressBarOptions) {
    this.now = options.now ?? Date.now;
    this.started = this.now();
  }

  /** Raises the total (work discovered while running). */
  setTotal(total: number): void {
    this.options.total = total;
    this.draw(false);
  }

  /** Counts finished items and transferred bytes. */
  tick(items = 1, bytes = 0): void {
    this.done += items;
    this.bytes += bytes;
    this.draw(false);
  }

  /** Counts bytes of an item still in flight. */
  addBytes(bytes: number): void {
    this.bytes += bytes;
    this.draw(false);
  }

  /** The current line, without control characters. */
  render(): string {
    const { total, label } = this.options;
    const units = t().units;
    const width = this.options.width ?? 24;
    const ratio = total > 0 ? Math.min(1, this.done / total) : 1;
    const filled = Math.round(ratio * width);
    const elapsed = Math.max(0.001, (this.now() - this.started) / 1000);
    const rate = this.done / elapsed;
    const eta = rate > 0 && total > this.done ? formatDuration((total - this.done) / rate) : '0:00';
    const parts = [
      `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]`,
      `${this.done}/${total}`,
      `${Math.floor(ratio * 100)}%`,
      formatBytes(this.bytes),
      `${formatDecimal(rate)}${this.options.rateUnit ? ` ${this.options.rateUnit}` : units.perSecond}`,
      `${formatBytes(this.bytes / elapsed)}${units.perSecond}`,
      `${units.eta} ${eta}`,
    ];
    return (label ? `${label} ` : '') + parts.join('  ');
  }

  /** Draws the final state and ends the line. */
  finish(): void {
    this.draw(true);
    if (this.options.sink.isTTY) this.options.sink.write('\n');
  }

  private draw(force: boolean): void {
    const { sink } = this.options;
    if (sink.isTTY) {
      const t = this.now();
      if (!force && t - this.lastDraw < (this.options.intervalMs ?? 100)) return;
      this.lastDraw = t;
      const line = this.render();
      const max = (sink.columns ?? 120) - 1;
      sink.write(`\r${line.length > max ? line.slice(0, max) : line}\x1b[K`);
      return;
    }
    const total = this.options.total;
    const decile = total > 0 ? Math.floor((this.done / total) * 10) : 10;
    if (decile > this.lastDecile || (force && this.lastPrinted !== this.done)) {
      sink.write(this.render() + '\n');
      this.lastDecile = decile;
      this.lastPrinted = this.done;
    }
  }
}
