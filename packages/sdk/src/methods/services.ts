/*
 * DATA FILE — the rows of `METHOD_SPECS` for the Contact-Center API (`/cc/`, beside the vpbx
 * base, and its call data under `vpbx/cc/`), the address book and the outbound campaigns of
 * reference §3.8 and §4.9. Many of these the reference lists by path only: their rows are open
 * (parameters pass through as given) until the reference names their parameters.
 */
import type { MethodSpec } from './spec.js';

/** A method the reference lists without its parameters. */
const listed = { params: {}, open: true } as const;

/** The abonent: `abonent_id` in the doc's table, `abonent` in its example (reference §4.9). */
const abonentId = { type: 'integer', required: true, aliases: ['abonent'] } as const;

export const SERVICE_SPECS = {
  /** Starts (1) or ends (0) an abonent's working session (reference §3.8, §4.9). */
  '../cc/set_session_status': {
    params: {
      abonent_id: abonentId,
      /** 1 start, 0 end; readers also take `session_status` and the words `online`/`start`, `offline`/`end`. */
      status: {
        type: 'boolean',
        required: true,
        wire: 'bit',
        aliases: ['session_status'],
        words: { yes: ['online', 'start'], no: ['offline', 'end'] },
      },
    },
  },
  /** Sets an abonent's status: 1 on line, 2 DND, 3 break, 4 offline, 5 outbound, 6 all calls, > 6 custom. */
  '../cc/set_abonent_status': {
    params: { abonent_id: abonentId, status: { type: 'integer', required: true, min: 1 } },
  },
  /** Presence of abonents, all when `abonent_ids` is absent (reference §3.8). */
  '../cc/get_presence': {
    params: { abonent_ids: { type: 'array', items: { type: 'integer', numericString: 'refuse' } } },
  },
  /** The status catalogue (reference §4.9). */
  '../cc/get_statuses': { params: {} },
  '../cc/task/add': listed,
  '../cc/task/update': listed,
  '../cc/task/get': listed,
  '../cc/task/list': listed,
  '../cc/task/done': listed,
  '../cc/task/cancel': listed,
  '../cc/deal/create': listed,
  '../cc/deal/update': listed,
  '../cc/deal/get': listed,
  '../cc/deal/list': listed,
  '../cc/deal/custom_fields.list': listed,
  '../cc/deal/documents.list': listed,
  '../cc/deal/documents.add': listed,
  '../cc/deal/funnels.list': listed,
  '../cc/appeals/create-closed-appeals': listed,
  '../cc/send_message': listed,
  '../cc/user_typing': listed,
  /** Contact-Center data (tags, comment, marks, recordings) of a call group (reference §3.8). */
  'cc/call': { params: { entry_id: { type: 'string', required: true } } },
  /** Contact-Center tags (reference §3.8). */
  'cc/tags': { params: {} },
  /** Contact-Center call scripts (reference §3.8). */
  script: listed,
  /** Quality-control questions (reference §3.8). */
  'quality/control/question': listed,

  /** The address book (reference §3.8): `…/init` opens a cursor, `…/cursor` reads the next page. */
  'ab/organization': listed,
  'ab/organizations/init': listed,
  'ab/organizations/cursor': listed,
  'ab/organizations/create': listed,
  'ab/organizations/update': listed,
  'ab/organizations/delete': listed,
  'ab/group': listed,
  'ab/groups/init': listed,
  'ab/groups/cursor': listed,
  'ab/groups/create': listed,
  'ab/groups/update': listed,
  'ab/groups/delete': listed,
  'ab/contact': listed,
  'ab/contact/init': listed,
  'ab/contact/cursor': listed,
  /** More than 500 contacts → 3503. */
  'ab/contacts/create': listed,
  'ab/contacts/update': listed,
  'ab/contacts/delete': listed,
  'ab/custom_fields': listed,

  /** Outbound campaigns and their tasks (reference §3.8; codes 5101–5114). */
  campaign: listed,
  'campaign/list': listed,
  'campaign/add': listed,
  'campaign/update': listed,
  'campaign/start': listed,
  'campaign/stop': listed,
  'campaign/delete': listed,
  'v2/campaign/tasks': listed,
  'tasks/push': listed,
  'tasks/finished': listed,
  'tasks/reset': listed,
  task: listed,
  'task/add': listed,
  'task/start': listed,
  'task/stop': listed,
  'task/delete': listed,
  'task/update': listed,
  'campaign-report/create': listed,
  'custom-type/list': listed,
} as const satisfies Record<string, MethodSpec>;
