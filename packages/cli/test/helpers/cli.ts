import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Repository root (the CLI runs from sources through tsx, as `npm start` does). */
export const ROOT = new URL('../../../../', import.meta.url).pathname;
const BIN = join(ROOT, 'packages/cli/src/bin.ts');
// Absolute, so the CLI can run with any working directory (tests use temporary project dirs).
const TSX = import.meta.resolve('tsx');

/** What a finished CLI process left behind. */
export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Options of `runCli` / `startCli`. */
export interface CliOptions {
  env?: Record<string, string | undefined>;
  cwd?: string;
  input?: string;
  timeoutMs?: number;
}

/** Variables that choose the language or time zone: tests set them when they mean to. */
const LOCALE_VARS = /^(LANG|LANGUAGE|LC_.*|TZ)$/;

/**
 * An environment with no MANGO_* variables, a private config and cache dir (so tests never read
 * the user's), the C locale (English) and UTC, unless `extra` says otherwise.
 */
export function cleanEnv(
  configHome: string,
  extra: Record<string, string | undefined> = {},
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (
      v !== undefined &&
      !k.startsWith('MANGO') &&
      !LOCALE_VARS.test(k) &&
      k !== 'NODE_OPTIONS' &&
      !k.startsWith('NODE_TEST')
    )
      env[k] = v;
  }
  env.LANG = 'C.UTF-8';
  env.TZ = 'UTC';
  env.XDG_CONFIG_HOME = configHome;
  env.XDG_CACHE_HOME = join(configHome, 'cache');
  for (const [k, v] of Object.entries(extra)) if (v !== undefined) env[k] = v;
  return env;
}

/** Starts `mangokit ARGS` as a real child process. */
export function startCli(args: readonly string[], options: CliOptions = {}): ChildProcess {
  return spawn(process.execPath, ['--conditions=source', '--import', TSX, BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    env: options.env ?? process.env,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
}

/** Runs `mangokit ARGS` to completion and collects its output and exit code. */
export function runCli(args: readonly string[], options: CliOptions = {}): Promise<CliResult> {
  const child = startCli(args, options);
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (d: string) => {
    stdout += d;
  });
  child.stderr?.setEncoding('utf8').on('data', (d: string) => {
    stderr += d;
  });
  child.stdin?.end(options.input ?? '');
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`mangokit ${args.join(' ')} timed out\nstdout: ${stdout}\nstderr: ${stderr}`));
    }, options.timeoutMs ?? 60_000);
    timer.unref();
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Resolves with the first line of a stream that matches `re`. */
export function waitForLine(
  stream: NodeJS.ReadableStream,
  re: RegExp,
  timeoutMs = 30_000,
): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    let buffer = '';
    const timer = setTimeout(() => {
      stream.off('data', onData);
      reject(new Error(`no line matching ${re} within ${timeoutMs} ms; got: ${buffer}`));
    }, timeoutMs);
    timer.unref();
    const onData = (d: Buffer | string) => {
      buffer += d.toString();
      const m = re.exec(buffer);
      if (m) {
        clearTimeout(timer);
        stream.off('data', onData);
        resolve(m);
      }
    };
    stream.on('data', onData);
  });
}

/** A fresh temporary directory, removed by the returned cleanup. */
export async function tempDir(
  prefix = 'mangokit-cli-',
): Promise<{ path: string; cleanup: () => Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), prefix));
  return { path, cleanup: () => rm(path, { recursive: true, force: true }) };
}
