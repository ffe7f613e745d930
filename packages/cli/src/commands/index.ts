import type { CommandSpec } from '../core/command.js';
import { completionCommand } from './completion.js';
import { configShow } from './config.js';
import { listen } from './listen.js';
import { profileAdd, profileList, profileRemove, profileUse } from './profile.js';

/** Every `mangokit` command, in help order within each group. */
export const COMMANDS: readonly CommandSpec[] = [
  listen,
  profileAdd,
  profileList,
  profileRemove,
  profileUse,
  configShow,
  completionCommand(() => COMMANDS),
];
