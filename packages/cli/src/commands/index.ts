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
const gateway = lazy(() => import('./gateway.js'));
const api = lazy(() => import('./api.js'));
const sdk = lazy(() => import('./sdk.js'));
const profile = lazy(() => import('./profile.js'));
const config = lazy(() => import('./config.js'));

/** Every `mangokit` command, in help order within each group: what the main help lists, and where it lives. */
export const COMMANDS: readonly CommandEntry[] = [
  {
    name: 'call',
    group: 'Calls',
    summary: 'ring an employee, then dial a number when they answer (click-to-call)',
    load: calls('call'),
  },
  {
    name: 'call-group',
    group: 'Calls',
    summary: 'connect a group and a number: ring whoever is free (callback_group)',
    load: calls('callGroup'),
  },
  { name: 'hangup', group: 'Calls', summary: 'end a call leg', load: calls('hangup') },
  {
    name: 'route',
    group: 'Calls',
    summary: 'send a call waiting in IVR or a queue elsewhere, or intercept a ringing call',
    load: calls('route'),
  },
  {
    name: 'transfer',
    group: 'Calls',
    summary: 'transfer a connected call, blind or consultative',
    load: calls('transfer'),
  },
  {
    name: 'hold',
    group: 'Calls',
    summary: 'put a call on hold (the API has no un-hold)',
    load: calls('hold'),
  },
  {
    name: 'connect',
    group: 'Calls',
    summary: 'join a held call with the consult leg (finish a consultative transfer)',
    load: calls('connect'),
  },
  {
    name: 'cancel-transfer',
    group: 'Calls',
    summary: 'cancel a transfer of a held call',
    load: calls('cancelTransfer'),
  },
  {
    name: 'record',
    group: 'Calls',
    summary: 'start recording a live call (there is no stop command)',
    load: calls('record'),
  },
  {
    name: 'play',
    group: 'Calls',
    summary: 'play an audio file to a caller waiting in IVR or a queue',
    load: calls('play'),
  },
  { name: 'sms', group: 'Messages', summary: 'send an SMS on behalf of an employee', load: calls('sms') },
  { name: 'users', group: 'Office', summary: 'list employees (or one, by extension)', load: office('users') },
  { name: 'groups', group: 'Office', summary: 'list groups with their operators', load: office('groups') },
  { name: 'balance', group: 'Office', summary: 'show the account balance', load: office('balance') },
  {
    name: 'lines',
    group: 'Office',
    summary: "list the PBX's lines (numbers calls come in on and go out through)",
    load: office('lines'),
  },
  {
    name: 'history',
    group: 'Statistics',
    summary: 'call history (one row per call leg) as a table, CSV or JSON',
    load: history('history'),
  },
  {
    name: 'recording download',
    group: 'Recordings',
    summary: 'download a call recording (MP3)',
    load: recording('recordingDownload'),
  },
  {
    name: 'recording link',
    group: 'Recordings',
    summary: 'print a self-signed link to a recording that works until it expires',
    load: recording('recordingLink'),
  },
  {
    name: 'archive',
    group: 'Recordings',
    summary: 'download every matching recording with a manifest (CSV + JSON); resumable',
    load: archive('archive'),
  },
  {
    name: 'sandbox',
    group: 'Tools',
    summary: 'run a local Virtual PBX (same API, live calls, signed webhooks, web console)',
    load: sandbox('sandbox'),
  },
  {
    name: 'trigger',
    group: 'Tools',
    summary: 'drive a running sandbox: incoming calls, answers, key presses, faults, the clock',
    load: trigger('trigger'),
  },
  {
    name: 'listen',
    group: 'Tools',
    summary: 'receive PBX notifications, verify them, print them live, forward them',
    load: listen('listen'),
  },
  {
    name: 'proxy',
    group: 'Tools',
    summary: 'forward API requests to the real API (or a sandbox) and record every exchange',
    load: proxy('proxy'),
  },
  {
    name: 'gateway',
    group: 'Tools',
    summary: 'run the durable webhook gateway (verify, store, de-duplicate, forward, archive)',
    load: gateway('gateway'),
  },
  {
    name: 'api',
    group: 'Tools',
    summary: 'call any API method by path with a JSON body (signed for you)',
    load: api('api'),
  },
  {
    name: 'sdk',
    group: 'Tools',
    summary: 'call any SDK method by name (resource.method) with JSON parameters',
    load: sdk('sdk'),
  },
  {
    name: 'profile add',
    group: 'Setup',
    summary: 'save API credentials under a profile name',
    load: profile('profileAdd'),
  },
  {
    name: 'profile list',
    group: 'Setup',
    summary: 'list saved profiles (salts are never shown)',
    load: profile('profileList'),
  },
  {
    name: 'profile remove',
    group: 'Setup',
    summary: 'delete a saved profile',
    load: profile('profileRemove'),
  },
  {
    name: 'profile use',
    group: 'Setup',
    summary: 'make a saved profile the default',
    load: profile('profileUse'),
  },
  {
    name: 'config',
    group: 'Setup',
    summary: 'show the credentials and base URL commands will use, and where each comes from',
    load: config('configShow'),
  },
  {
    name: 'completion',
    group: 'Setup',
    summary: 'print a shell completion script (bash, zsh or fish)',
    load: async () => (await import('./completion.js')).completionCommand(() => COMMANDS),
  },
];
