/** A stream the CLI writes text to (process.stdout/stderr, or a buffer in tests). */
export interface TextSink {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

/** Everything a command touches outside itself: streams, environment, working directory, abort. */
export interface CliIO {
  stdout: TextSink;
  stderr: TextSink;
  env: Record<string, string | undefined>;
  cwd: string;
  /** Aborted on SIGINT/SIGTERM: long-running commands stop cleanly when it fires. */
  signal: AbortSignal;
  /** Where a secret is asked for at a hidden prompt (a terminal) or piped in; absent in-process. */
  stdin?: InputSource;
}

/** The standard input as the CLI reads it (process.stdin). */
export interface InputSource extends AsyncIterable<Buffer | string> {
  isTTY?: boolean;
  setRawMode?(raw: boolean): unknown;
  on(event: 'data', listener: (chunk: Buffer | string) => void): unknown;
  off(event: 'data', listener: (chunk: Buffer | string) => void): unknown;
  resume(): unknown;
  pause(): unknown;
}
