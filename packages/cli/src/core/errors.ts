import { english, render, type Text } from '../i18n/index.js';
import { ExitCode, type ExitCodeValue } from './exitCodes.js';

/**
 * An error the CLI reports itself: a message, what to do about it (`hint`), and the exit code.
 * Both are texts, rendered in the reader's language when reported (`Error.message` is the
 * English one). Anything else thrown by a command is mapped by `describeError`.
 */
export class CliError extends Error {
  override name = 'CliError';
  constructor(
    readonly text: Text,
    readonly exitCode: ExitCodeValue,
    readonly hint?: Text,
  ) {
    super(render(text, english));
  }
}

/** The command line is wrong (exit 2). */
export class UsageError extends CliError {
  override name = 'UsageError';
  constructor(message: Text, hint?: Text) {
    super(message, ExitCode.Usage, hint);
  }
}

/** Credentials or configuration are missing or unusable (exit 3). */
export class ConfigError extends CliError {
  override name = 'ConfigError';
  constructor(message: Text, hint?: Text) {
    super(message, ExitCode.Config, hint);
  }
}
