/**
 * What the load benchmarks share: command-line options, medians, wrk's p99, a process's CPU
 * time, building the packages under test, and pinning processes to cores.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The repository root. */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The number after `--name` on the command line, or `fallback`. */
export function numberOption(name: string, fallback: number, args = process.argv.slice(2)): number {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
}

/** The median; the mean of the middle two for an even count. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The 99th-percentile latency of a `wrk --latency` report, in ms (NaN when absent). */
export function wrkP99Ms(report: string): number {
  const m = /99%\s+([\d.]+)(us|ms|s)\b/.exec(report);
  if (!m) return Number.NaN;
  const value = Number(m[1]);
  return m[2] === 'us' ? value / 1000 : m[2] === 's' ? value * 1000 : value;
}

/** User + system CPU seconds of a process so far, from Linux /proc (NaN when unreadable). */
export function processCpuSeconds(pid: number | undefined): number {
  if (pid === undefined) return Number.NaN;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in 10 ms ticks
  } catch {
    return Number.NaN;
  }
}

/** Builds a workspace package and what it depends on (`tsc -b`): benchmarks measure `dist/`. */
export async function buildPackage(dir: string): Promise<void> {
  await run(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-b', dir], {
    cwd: ROOT,
  });
}

let pinning: Promise<boolean> | undefined;

/** True when `taskset` can pin processes and the machine has two cores or more (probed once). */
export function canPin(): Promise<boolean> {
  pinning ??= run('taskset', ['-c', '0', 'true']).then(
    () => availableParallelism() >= 2,
    () => false,
  );
  return pinning;
}

/** `command argv` run on core `cpu` when pinning is possible, else as is. */
export async function pinned(cpu: number, command: string, argv: string[]): Promise<[string, string[]]> {
  return (await canPin()) ? ['taskset', ['-c', String(cpu), command, ...argv]] : [command, argv];
}
