import type { AudioFile, Employee, Group, Line, Office, PhonePolicy, Scheme } from '../../office/types.js';
import type { Party, Target } from '../model.js';

/** Look-ups in the live office: who and what a number, an extension or an id names. */
export interface Directory {
  /** The live office (read live: the API edits it in place, the control API replaces it). */
  office(): Office;
  employeeByExtension(ext: string): Employee | undefined;
  employeeById(id: number): Employee | undefined;
  /** The employee owning a device number (or extension), if any. */
  employeeByNumber(num: string): Employee | undefined;
  groupByExtension(ext: string): Group | undefined;
  groupById(id: number): Group | undefined;
  /** A line by its number or its name. */
  line(numberOrName: string): Line | undefined;
  scheme(schemaId: number): Scheme | undefined;
  audio(id: number): AudioFile | undefined;
  /** Resolves a dialled string: employee extension, group short number, employee device, or outside number. */
  resolveTarget(to: string): Target;
  /** A customer party with the office's policy for that number (unless given). */
  customer(number: string, policy?: PhonePolicy): Party;
  /** An employee party on a device (the active one unless given). */
  employeeParty(emp: Employee, device?: string): Party;
}
