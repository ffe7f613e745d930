import type { CommandEntry } from '../core/command.js';

/**
 * The loader of one export of a command module: `calls('call')` imports `./calls.js` only when
 * `mangokit call` runs or shows its help, so a command loads only what it runs.
 */
function lazy<M>(load: () => Promise<M>) {
  return <K extends keyof M>(key: K) =>
    async () =>
      (await load())[key];
}

const calls = lazy(() => import('./calls.js'));
const office = lazy(() => import('./office.js'));
const history = lazy(() => import('./history.js'));
const recording = lazy(() => import('./recording.js'));
const archive = lazy(() => import('./archive.js'));
const sandbox = lazy(() => import('./sandbox.js'));
const trigger = lazy(() => import('./trigger.js'));
const listen = lazy(() => import('./listen.js'));
const proxy = lazy(() => import('./proxy.js'));
const logs = lazy(() => import('./logs.js'));
const conformanceCmd = lazy(() => import('./conformance.js'));
const gateway = lazy(() => import('./gateway.js'));
const api = lazy(() => import('./api.js'));
const sdk = lazy(() => import('./sdk.js'));
const profile = lazy(() => import('./profile.js'));
const config = lazy(() => import('./config.js'));

/**
 * Every `mangokit` command, in help order within each group: what the main help lists, and where
 * it lives. Summaries and help texts are in the catalogue (`../i18n/en.ts`), under the name.
 */
export const COMMANDS: readonly CommandEntry[] = [
  {
    name: 'call',
    group: 'Calls',
    load: calls('call'),
  },
  {
    name: 'call-group',
    group: 'Calls',
    load: calls('callGroup'),
  },
  { name: 'hangup', group: 'Calls', load: calls('hangup') },
  {
    name: 'route',
    group: 'Calls',
    load: calls('route'),
  },
  {
    name: 'transfer',
    group: 'Calls',
    load: calls('transfer'),
  },
  {
    name: 'hold',
    group: 'Calls',
    load: calls('hold'),
  },
  {
    name: 'connect',
    group: 'Calls',
    load: calls('connect'),
  },
  {
    name: 'cancel-transfer',
    group: 'Calls',
    load: calls('cancelTransfer'),
  },
  {
    name: 'record',
    group: 'Calls',
    load: calls('record'),
  },
  {
    name: 'play',
    group: 'Calls',
    load: calls('play'),
  },
  { name: 'sms', group: 'Messages', load: calls('sms') },
  { name: 'users', group: 'Office', load: office('users') },
  { name: 'groups', group: 'Office', load: office('groups') },
  { name: 'balance', group: 'Office', load: office('balance') },
  {
    name: 'lines',
    group: 'Office',
    load: office('lines'),
  },
  {
    name: 'history',
    group: 'Statistics',
    load: history('history'),
  },
  {
    name: 'recording download',
    group: 'Recordings',
    load: recording('recordingDownload'),
  },
  {
    name: 'recording link',
    group: 'Recordings',
    load: recording('recordingLink'),
  },
  {
    name: 'archive',
    group: 'Recordings',
    load: archive('archive'),
  },
  {
    name: 'sandbox',
    group: 'Tools',
    load: sandbox('sandbox'),
  },
  {
    name: 'trigger',
    group: 'Tools',
    load: trigger('trigger'),
  },
  {
    name: 'listen',
    group: 'Tools',
    load: listen('listen'),
  },
  { name: 'logs tail', group: 'Tools', load: logs('logsTail') },
  {
    name: 'proxy',
    group: 'Tools',
    load: proxy('proxy'),
  },
  {
    name: 'conformance',
    group: 'Tools',
    load: conformanceCmd('conformance'),
  },
  {
    name: 'gateway',
    group: 'Tools',
    load: gateway('gateway'),
  },
  {
    name: 'api',
    group: 'Tools',
    load: api('api'),
  },
  {
    name: 'sdk',
    group: 'Tools',
    load: sdk('sdk'),
  },
  {
    name: 'profile add',
    group: 'Setup',
    load: profile('profileAdd'),
  },
  {
    name: 'profile list',
    group: 'Setup',
    load: profile('profileList'),
  },
  {
    name: 'profile remove',
    group: 'Setup',
    load: profile('profileRemove'),
  },
  {
    name: 'profile use',
    group: 'Setup',
    load: profile('profileUse'),
  },
  {
    name: 'config',
    group: 'Setup',
    load: config('configShow'),
  },
  {
    name: 'completion',
    group: 'Setup',
    load: async () => (await import('./completion.js')).completionCommand(() => COMMANDS),
  },
];
