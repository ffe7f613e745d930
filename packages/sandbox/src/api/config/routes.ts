import type { RouteTable } from '../route.js';
import { autosecretaryRules, autosecretaryStatus, dctUserHistory, dctUserInfo } from './extras.js';
import { forwardingAdd, forwardingChange, forwardingList, forwardingRemove } from './forwarding.js';
import { groupCreate, groupDelete, groupUpdate, groupsList } from './groups.js';
import {
  accountBalance,
  audioFiles,
  domainsList,
  incomingLines,
  rolesList,
  schemaSet,
  schemasList,
  trunkNumbers,
} from './inventory.js';
import { listRoutes } from './lists.js';
import { memberCreate, memberDelete, memberUpdate } from './members.js';
import { sipCreate, sipDelete, sipUpdate, sipsList } from './sips.js';
import { unavailableRoutes } from './unavailable.js';
import { usersRequest } from './users.js';

/** Configuration, account, lists and DCT methods (reference §3.4–§3.7). */
export const configRoutes: RouteTable = {
  'vpbx/config/users/request': usersRequest,
  'vpbx/groups': groupsList,
  'vpbx/group/create': groupCreate,
  'vpbx/group/update': groupUpdate,
  'vpbx/group/delete': groupDelete,
  'vpbx/member/create': memberCreate,
  'vpbx/member/update': memberUpdate,
  'vpbx/member/delete': memberDelete,
  'vpbx/sips': sipsList,
  'vpbx/sip/create': sipCreate,
  'vpbx/sip/update': sipUpdate,
  'vpbx/sip/delete': sipDelete,
  'vpbx/account/balance': accountBalance,
  'vpbx/incominglines': incomingLines,
  'vpbx/audiofiles': audioFiles,
  'vpbx/schemas': schemasList,
  'vpbx/schema/set': schemaSet,
  'vpbx/roles': rolesList,
  'vpbx/domains': domainsList,
  'vpbx/trunks/numbers': trunkNumbers,
  'vpbx/autosecretary/rules': autosecretaryRules,
  'vpbx/autosecretary/status/change': autosecretaryStatus,
  'vpbx/forwarding/numbers': forwardingList,
  'vpbx/forwarding/number/add': forwardingAdd,
  'vpbx/forwarding/number/change': forwardingChange,
  'vpbx/forwarding/number/remove': forwardingRemove,
  'vpbx/queries/user_info_by_dct_number': dctUserInfo,
  'vpbx/queries/user_history_by_dct_number': dctUserHistory,
  ...listRoutes,
  ...unavailableRoutes,
};
