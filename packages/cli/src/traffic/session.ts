import { resolve } from 'node:path';
import type { OptionSpec } from '../core/command.js';
import { ConfigError, UsageError } from '../core/errors.js';
import type { CliIO } from '../core/io.js';
import type { ParsedArgs } from '../core/parsedArgs.js';
import { NumberMasker } from './mask.js';
import { TrafficWriter } from './writer.js';

/** The options every recorder takes (`listen`, `proxy`). */
export const RECORD_OPTIONS: Readonly<Record<string, OptionSpec>> = {
  record: { type: 'string', value: 'FILE', complete: 'file' },
  'mask-numbers': { type: 'boolean' },
  'mask-key': { type: 'string', value: 'KEY', complete: 'none' },
};

/** An open recording: where it goes and how numbers are masked. */
export interface RecordingSession {
  writer: TrafficWriter;
  masker: NumberMasker | undefined;
}

/**
 * Opens the file of `--record` for appending (undefined without it), with the masker of
 * `--mask-numbers` / `--mask-key` (or `MANGOKIT_MASK_KEY`).
 */
export async function openRecordingSession(
  args: ParsedArgs,
  io: CliIO,
  recorder: string,
  upstream?: string,
): Promise<RecordingSession | undefined> {
  const file = args.string('record');
  const mask = args.flag('mask-numbers');
  const key = args.string('mask-key') ?? io.env.MANGOKIT_MASK_KEY;
  if (file === undefined) {
    if (mask || args.string('mask-key') !== undefined)
      throw new UsageError(
        (m) => m.traffic.maskNeedsRecord,
        (m) => m.traffic.addRecord,
      );
    return undefined;
  }
  if (args.string('mask-key') !== undefined && !mask)
    throw new UsageError(
      (m) => m.traffic.keyNeedsMask,
      (m) => m.traffic.addMask,
    );
  const path = resolve(io.cwd, file);
  let writer: TrafficWriter;
  try {
    writer = await TrafficWriter.open(path, {
      recorder,
      maskedNumbers: mask,
      ...(upstream !== undefined ? { upstream } : {}),
    });
  } catch (err) {
    const detail = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
    throw new ConfigError(
      (m) => m.traffic.cannotRecord(file, detail),
      (m) => m.traffic.pickFile,
    );
  }
  return { writer, masker: mask ? new NumberMasker(key) : undefined };
}
