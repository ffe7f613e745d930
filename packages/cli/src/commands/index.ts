import type { CommandSpec } from '../core/command.js';
import { api } from './api.js';
import { archive } from './archive.js';
import {
  callGroup,
  call,
  cancelTransfer,
  connect,
  hangup,
  hold,
  play,
  record,
  route,
  sms,
  transfer,
} from './calls.js';
import { completionCommand } from './completion.js';
import { configShow } from './config.js';
import { gateway } from './gateway.js';
import { history } from './history.js';
import { listen } from './listen.js';
import { balance, groups, lines, users } from './office.js';
import { profileAdd, profileList, profileRemove, profileUse } from './profile.js';
import { recordingDownload, recordingLink } from './recording.js';
import { sandbox } from './sandbox.js';
import { sdk } from './sdk.js';
import { trigger } from './trigger.js';

/** Every `mangokit` command, in help order within each group. */
export const COMMANDS: readonly CommandSpec[] = [
  call,
  callGroup,
  hangup,
  route,
  transfer,
  hold,
  connect,
  cancelTransfer,
  record,
  play,
  sms,
  users,
  groups,
  balance,
  lines,
  history,
  recordingDownload,
  recordingLink,
  archive,
  sandbox,
  trigger,
  listen,
  gateway,
  api,
  sdk,
  profileAdd,
  profileList,
  profileRemove,
  profileUse,
  configShow,
  completionCommand(() => COMMANDS),
];
