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

const addressBookOff: RouteHandler = () => fail(5300);
const campaignsOff: RouteHandler = () => fail(5101);

/** Every listed address-book and campaign path, answering that the option is not enabled. */
export const unavailableRoutes: RouteTable = Object.fromEntries([
  ...ADDRESS_BOOK.map((path) => [`vpbx/${path}`, addressBookOff]),
  ...CAMPAIGNS.map((path) => [`vpbx/${path}`, campaignsOff]),
]);
