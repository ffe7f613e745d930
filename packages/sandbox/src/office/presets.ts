import type { CallArchive } from './archive.js';
import { createDemoOffice } from './demo.js';
import type { Office } from './types.js';
import { vendorExamplesArchive, vendorExamplesOffice } from './vendorExamples.js';

/** A built-in office, by name: `startSandbox({ office: 'vendor-examples' })`, `mangokit sandbox --office demo`. */
export interface OfficePreset {
  /** One line on what the office is for. */
  description: string;
  /** A fresh copy of the office. */
  office(): Office;
  /** The office's past calls, if it has any. */
  archive?(): CallArchive;
}

/** The built-in offices. */
export const OFFICE_PRESETS: Readonly<Record<string, OfficePreset>> = {
  demo: {
    description: 'a small office with sales, support and a manager, an IVR menu and call tracking',
    office: createDemoOffice,
  },
  'vendor-examples': {
    description: "every identifier the vendor's FAQ and API document examples use, so they run as written",
    office: vendorExamplesOffice,
    archive: vendorExamplesArchive,
  },
};

/** The preset named `name`, if there is one. */
export function officePreset(name: string): OfficePreset | undefined {
  return Object.hasOwn(OFFICE_PRESETS, name) ? OFFICE_PRESETS[name] : undefined;
}
