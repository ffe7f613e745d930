/**
 * How long a report takes to prepare, by its size. Clients written against production fetch
 * `stats/result` once, right after the request (the vendor FAQ and four PHP/Python libraries,
 * reference §9 item 16), so small reports are ready at once there; bigger ones take longer and
 * answer 204 meanwhile (polling clients keep working). A slow report for any size is a fault:
 * `POST /_sandbox/faults {"path":"stats/result","status":204,"times":N}`.
 */
export interface StatsTiming {
  /** Reports of at most this many rows (legs for `stats/request`, calls for `stats/calls`) are ready at once. */
  instantRows: number;
  /** Engine seconds per 1000 rows beyond `instantRows`. */
  secPerThousandRows: number;
  /** The longest preparation, engine seconds. */
  maxSec: number;
}

/** The default {@link StatsTiming}: up to 1000 rows at once, then 2 s per 1000 rows, at most 60 s. */
export const DEFAULT_STATS_TIMING: StatsTiming = { instantRows: 1000, secPerThousandRows: 2, maxSec: 60 };

/** Engine seconds a report of `rows` rows takes to prepare under `timing`. */
export function preparationSec(rows: number, timing: StatsTiming): number {
  if (rows <= timing.instantRows) return 0;
  const sec = Math.ceil(((rows - timing.instantRows) / 1000) * timing.secPerThousandRows);
  return Math.min(timing.maxSec, Math.max(1, sec));
}
