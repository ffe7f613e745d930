/**
 * Exit codes of every `mangokit` command. Scripts branch on them, so they never change meaning.
 */
export const ExitCode = {
  /** The command did what was asked. */
  Ok: 0,
  /** The API (or the sandbox) answered with an error result code or HTTP status. */
  ApiError: 1,
  /** The command line was wrong: unknown command or option, missing or malformed argument. */
  Usage: 2,
  /** Credentials or configuration are missing or rejected (bad key/sign, 401, unreadable config). */
  Config: 3,
  /** The server could not be reached or did not answer in time. */
  Connection: 4,
  /** A batch finished but some items failed (archive); the run can be resumed. */
  Partial: 5,
  /** The sandbox's notifications differ from a recording (conformance). */
  Differs: 6,
  /** Interrupted by Ctrl-C / SIGINT / SIGTERM. */
  Interrupted: 130,
} as const;

/** One of the values of `ExitCode`. */
export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];
