import { RESULT } from 'mangokit/protocol';
import { fail } from '../http/answer.js';
import type { RouteHandler, RouteTable } from '../route.js';

/**
 * The address book (`ab/*`) and outbound campaigns and tasks: the reference lists their paths
 * but not their fields (§3.8), so the sandbox does not invent them. Its office has neither
 * option, and answers as such an account does (reference §5): 5300 "API_CONNECT not enabled"
 * for the address book, 5101 "no Contact-Center product" for campaigns and tasks — signed,
 * rate-limited and logged like every other method, never a 404 for a path the PBX has.
 */
const ADDRESS_BOOK = [
  'ab/organization',
  'ab/organizations/init',
  'ab/organizations/cursor',
  'ab/organizations/create',
  'ab/organizations/update',
  'ab/organizations/delete',
  'ab/group',
  'ab/groups/init',
  'ab/groups/cursor',
  'ab/groups/create',
  'ab/groups/update',
  'ab/groups/delete',
  'ab/contact',
  'ab/contact/init',
  'ab/contact/cursor',
  'ab/contacts/create',
  'ab/contacts/update',
  'ab/contacts/delete',
  'ab/custom_fields',
];

const CAMPAIGNS = [
  'campaign',
  'campaign/list',
  'campaign/add',
  'campaign/update',
  'campaign/start',
  'campaign/stop',
  'campaign/delete',
  'v2/campaign/tasks',
  'tasks/push',
  'tasks/finished',
  'tasks/reset',
  'task',
  'task/add',
  'task/start',
  'task/stop',
  'task/delete',
  'task/update',
  'campaign-report/create',
  'custom-type/list',
];

/**
 * Contact-Center tasks, deals, appeals and chat (reference §3.8: listed without fields; PY-DAS
 * implements deals). The office has the CC statuses but not these options: 5008 "service
 * unavailable (not subscribed)", the code the CC API answers with (reference §1.3, §5).
 */
const CONTACT_CENTER = [
  'task/add',
  'task/update',
  'task/get',
  'task/list',
  'task/done',
  'task/cancel',
  'deal/create',
  'deal/update',
  'deal/get',
  'deal/list',
  'deal/custom_fields.list',
  'deal/documents.list',
  'deal/documents.add',
  'deal/funnels.list',
  'appeals/create-closed-appeals',
  'send_message',
  'user_typing',
];

/** CC call scripts and quality-control questions (reference §3.8), which the office does not have either. */
const CONTACT_CENTER_VPBX = ['script', 'quality/control/question'];

const addressBookOff: RouteHandler = () => fail(RESULT.API_CONNECT_NOT_ENABLED);
const campaignsOff: RouteHandler = () => fail(RESULT.NO_CONTACT_CENTER);
const contactCenterOff: RouteHandler = () => fail(RESULT.SERVICE_UNAVAILABLE);

/** Every listed address-book, campaign and Contact-Center option path, answering that the option is not enabled. */
export const unavailableRoutes: RouteTable = Object.fromEntries([
  ...ADDRESS_BOOK.map((path) => [`vpbx/${path}`, addressBookOff]),
  ...CAMPAIGNS.map((path) => [`vpbx/${path}`, campaignsOff]),
  ...CONTACT_CENTER.map((path) => [`cc/${path}`, contactCenterOff]),
  ...CONTACT_CENTER_VPBX.map((path) => [`vpbx/${path}`, contactCenterOff]),
]);
