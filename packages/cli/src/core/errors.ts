import { ExitCode, type ExitCodeValue } from './exitCodes.js';

/**
 * An error the CLI reports itself: a message, what to do about it (`hint`), and the exit code.
 * Anything else thrown by a command is mapped by `describeError`.
 */
export class CliError extends Error {
  override name = 'CliError';
  constructor(
    message: string,
    readonly exitCode: ExitCodeValue,
    readonly hint?: string,
  ) {
    super(message);
  }
}

/** The command line is wrong (exit 2). */
export class UsageError extends CliError {
  override name = 'UsageError';
  constructor(message: string, hint?: string) {
    super(message, ExitCode.Usage, hint);
  }
}

/** Credentials or configuration are missing or unusable (exit 3). */
export class ConfigError extends CliError {
  override name = 'ConfigError';
  constructor(message: string, hint?: string) {
    super(message, ExitCode.Config, hint);
  }
}
