import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { OFFICE_ISSUES } from '../i18n/messages.js';
import { createDemoOffice } from './demo.js';
import { OfficeValidationError } from './errors.js';
import { officePreset } from './presets.js';
import type { Office } from './types.js';
import { validateOffice } from './validate.js';

/** Parses office text (JSON or YAML; YAML is a superset, the format only sharpens error messages). */
export function parseOffice(text: string, format: 'json' | 'yaml' = 'yaml', source?: string): Office {
  let data: unknown;
  try {
    data = format === 'json' ? JSON.parse(text) : parseYaml(text, { prettyErrors: true });
  } catch (err) {
    const message = err instanceof Error ? err.message.split('\n')[0]! : String(err);
    const text = OFFICE_ISSUES.notValid(format.toUpperCase(), message);
    throw new OfficeValidationError([{ path: '', message: text.en, message_ru: text.ru }], source);
  }
  return validateOffice(data, source);
}

/** Reads and validates an office file; `.json` is parsed as JSON, anything else as YAML. */
export async function loadOfficeFile(path: string): Promise<Office> {
  const text = await readFile(path, 'utf8');
  const format = extname(path).toLowerCase() === '.json' ? 'json' : 'yaml';
  return parseOffice(text, format, path);
}

/**
 * Turns what a caller passed (nothing, an object, a preset name such as `vendor-examples`, or a
 * file path) into a validated office; nothing = the demo office.
 */
export async function resolveOffice(office: Office | string | undefined): Promise<Office> {
  if (office === undefined) return createDemoOffice();
  const preset = typeof office === 'string' ? officePreset(office) : undefined;
  if (preset) return validateOffice(preset.office());
  if (typeof office === 'string') return loadOfficeFile(office);
  return validateOffice(structuredClone(office));
}
