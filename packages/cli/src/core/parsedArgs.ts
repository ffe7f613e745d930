import { UsageError } from './errors.js';
import type { Text } from '../i18n/index.js';

type RawValue = string | boolean | (string | boolean)[] | undefined;

/**
 * The parsed command line of one command, with typed, validating accessors. Every accessor that
 * rejects a value throws a `UsageError` naming the option and the expected form.
 */
export class ParsedArgs {
  constructor(
    readonly command: string,
    readonly positionals: readonly string[],
    private readonly values: Readonly<Record<string, RawValue>>,
  ) {}

  /** A string option, or undefined when absent. */
  string(name: string): string | undefined {
    const v = this.values[name];
    if (Array.isArray(v)) return v.length ? String(v[v.length - 1]) : undefined;
    return typeof v === 'string' ? v : undefined;
  }

  /** A string option that must be present. */
  requireString(name: string, what: Text = (m) => m.usage.aValue): string {
    const v = this.string(name);
    if (v === undefined || v === '') {
      const command = this.command;
      throw new UsageError(
        (m) => m.usage.missingOption(name, typeof what === 'string' ? what : what(m)),
        (m) => m.usage.runHelpExamples(command),
      );
    }
    return v;
  }

  /** A boolean flag. */
  flag(name: string): boolean {
    return this.values[name] === true;
  }

  /** A repeatable string option, in the order given. */
  list(name: string): string[] {
    const v = this.values[name];
    if (v === undefined) return [];
    return (Array.isArray(v) ? v : [v]).map(String);
  }

  /** An integer option within bounds, or undefined when absent. */
  integer(name: string, min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER): number | undefined {
    const v = this.string(name);
    if (v === undefined) return undefined;
    if (!/^-?\d+$/.test(v.trim()) || Number(v) < min || Number(v) > max) {
      const range = max === Number.MAX_SAFE_INTEGER ? `≥ ${min}` : `${min}..${max}`;
      throw new UsageError((m) => m.usage.wholeNumber(name, range, v));
    }
    return Number(v);
  }

  /** The positional at `index` (validated for presence by the dispatcher), or undefined. */
  positional(index: number): string | undefined {
    return this.positionals[index];
  }

  /** The positional at `index`, which the command's spec declares required. */
  requirePositional(index: number, name: string): string {
    const v = this.positionals[index];
    if (v === undefined || v === '') {
      const command = this.command;
      throw new UsageError(
        (m) => m.usage.missing(name),
        (m) => m.usage.runHelpExamples(command),
      );
    }
    return v;
  }
}
