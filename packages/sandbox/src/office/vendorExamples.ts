import type { CallRecord, LegRecord, RecordingRecord } from './records.js';
import type { CallArchive } from './archive.js';
import type { Employee, EmployeeNumber, Office } from './types.js';

/*
 * The office the vendor's own examples assume (sources, reference §0.1):
 * - the FAQ "Общие вопросы по API ВАТС" [VENDOR-WEB]: PHP requests with the placeholder key and salt
 *   `xxxxxxxxxxxxxxxxxxxxxxxxx`, extension 101 calling from its SIP number, line 74950000666,
 *   group 222 with line 74957777777, employee 27, the history window 1481630491–1481734491 fetched
 *   once, a recording, and "all employees" sent as PHP's `json_encode(array())` = `[]`;
 * - the 2017 API document [PDF-2017]: employees 1234 (the users/request sample), 123, 789, 1342,
 *   5555 (whose number is 74955404444), lines 74951234567, 7800123456789, 74953333357, customer
 *   numbers 12345678 and 79123456789, SMS sender PRO-TAXI, DCT number 74951112233, recordings
 *   d12a45f67b90c12345 and 0d3f60a984b45c0, stats windows in 2004;
 * - the PHP examples [PHP-EX]: a stats window in 2015 with dates as strings;
 * - the npm client's examples [JS-BOB], which the FAQ's group example shares: extension 5000,
 *   group 222 → 79260001122 on line 74957777777, recording MToxMjI3NTM6Mzc3OTkzMjA5NDow.
 * Where the examples contradict each other the office follows the majority, and the conformance
 * table (packages/sandbox/docs/conformance.md) says which example then gets which answer: 1234 is an
 * employee (users/request, callback, recording and call events) although one callback_group sample
 * uses it as a group; 222 is a group (FAQ, JS-BOB) although the 2017 SMS sample sends from it.
 */

/** The FAQ's placeholder credentials: its PHP scripts then run with nothing replaced but the host. */
const FAQ_CREDENTIAL = 'xxxxxxxxxxxxxxxxxxxxxxxxx';
const DOMAIN = 'vpbx400215406.mangosip.ru';
const ALWAYS = { items: [{ type: 'AllDays' as const, from: '00:00', until: '23:59' }] };

function sip(login: string, order = 0, wait_sec = 20): EmployeeNumber {
  return {
    number: `sip:${login}@${DOMAIN}`,
    protocol: 'sip',
    order,
    wait_sec,
    status: 'on',
    schedule: ALWAYS,
  };
}

function tel(number: string, order: number, wait_sec = 20): EmployeeNumber {
  return { number, protocol: 'tel', order, wait_sec, status: 'on', schedule: ALWAYS };
}

function employee(
  user_id: number,
  extension: string,
  name: string,
  login: string,
  numbers: EmployeeNumber[],
  extra: Partial<Employee> = {},
): Employee {
  return {
    user_id,
    name,
    email: `${login}@mango-office.example`,
    department: 'Examples',
    position: 'Employee',
    login,
    access_role_id: 2,
    extension,
    outgoingline: '74950000666',
    dial_alg: 1,
    use_status: true,
    use_cc_numbers: false,
    numbers,
    sips: [{ id: 50_000 + user_id, login, domain: DOMAIN }],
    cc_status: 1,
    recording: 'all',
    policy: { onRing: 'answer', answerAfterSec: 3, hangupAfterSec: 30 },
    ...extra,
  };
}

/** A fresh copy of the `vendor-examples` office. */
export function vendorExamplesOffice(): Office {
  return {
    product_id: 400_215_406,
    name: 'Vendor examples',
    api_key: FAQ_CREDENTIAL,
    api_salt: FAQ_CREDENTIAL,
    account: {
      balance: 963_592.45,
      currency: 'RUB',
      tariffs: { outgoing_per_minute: 1.5, incoming_per_minute: 0, sms: 2.5 },
    },
    employees: [
      // FAQ: "внутренний номер, за счет которого производится звонок (например 101)", calling from its SIP number.
      employee(101, '101', 'Иван Иванов', 'user1', [sip('user1')]),
      employee(27, '27', 'Пётр Петров', 'user27', [sip('user27')]),
      // PDF-2017 users/request sample: extension 1234, "Ivan", two devices.
      employee(
        1234,
        '1234',
        'Ivan',
        'ivan',
        [
          { number: 'sip:ivan@apidomain.mangosip.ru', protocol: 'sip', order: 0, wait_sec: 12, status: 'on' },
          { number: '74952223311', protocol: 'tel', order: 1, wait_sec: 5, status: 'on' },
        ],
        {
          email: 'john@mango-office.com',
          department: 'IT',
          position: 'lead developer',
          outgoingline: '74951234567',
        },
      ),
      employee(123, '123', 'Анна Смирнова', 'user123', [sip('user123')]),
      employee(789, '789', 'Ольга Кузнецова', 'user789', [sip('user789')]),
      employee(1342, '1342', 'Сергей Попов', 'user1342', [sip('user1342')]),
      // PDF-2017 behaviour example: 74955404444 "was identified as employee 5555's number".
      employee(5555, '5555', 'Мария Соколова', 'user5555', [tel('74955404444', 0)], {
        // … and rejects the call before answering.
        policy: { onRing: 'reject', answerAfterSec: 3 },
      }),
      // JS-BOB examples call from extension 5000.
      employee(5000, '5000', 'Алексей Морозов', 'user5000', [sip('user5000')]),
    ],
    groups: [
      {
        id: 222,
        name: 'Отдел продаж',
        description: 'The group of the FAQ and npm examples (short number 222)',
        extension: '222',
        dial_alg_group: 2,
        dial_alg_users: 2,
        operators: [
          { id: 101, priority: 1 },
          { id: 27, priority: 1 },
        ],
        ring_sec: 20,
        queue: { max_size: 10, max_wait_sec: 120 },
      },
    ],
    lines: [
      { line_id: 1, number: '74950000666', name: 'FAQ line', region: '77', schema_id: 1 },
      { line_id: 2, number: '74957777777', name: 'FAQ group line', region: '77', schema_id: 1 },
      { line_id: 3, number: '74951234567', name: 'API document line', region: '77', schema_id: 1 },
      {
        line_id: 4,
        number: '7800123456789',
        name: 'API document 8-800 line',
        region: 'toll-free',
        schema_id: 1,
      },
      { line_id: 5, number: '74953333357', name: 'API document summary line', region: '77', schema_id: 1 },
      { line_id: 6, number: '74951111111', name: 'npm example line', region: '77', schema_id: 1 },
      { line_id: 7, number: '74951112233', name: 'DCT example number', region: '77', schema_id: 1 },
    ],
    schemes: [
      {
        schema_id: 1,
        name: 'To the group',
        start: 'group',
        nodes: [
          { id: 'group', type: 'group', group_id: 222, fallback: 'bye' },
          { id: 'bye', type: 'hangup' },
        ],
      },
    ],
    audiofiles: [{ id: 1000237176, name: 'Пожалуйста, подождите.mp3', duration_sec: 5 }],
    sms_senders: ['PRO-TAXI'],
    roles: [
      { role_id: 1, name: 'Administrator', permissions: [{ code: 'admin' }] },
      { role_id: 2, name: 'Employee', permissions: [{ code: 'calls' }] },
    ],
    domains: [DOMAIN, 'apidomain.mangosip.ru'],
    trunk_numbers: [{ trunk_number_id: 1, trunk_id: 1, number: '74950000666', options: 6, desc: 'FAQ line' }],
    bwlists: {
      active: 'black',
      black: { allow_unknown_number: true, numbers: [] },
      white: { allow_unknown_number: true, numbers: [] },
    },
    outbound_blacklist: { enabled: false, numbers: [] },
    forwarding_rules: [],
    autosecretary_rules: [],
    call_tracking: [
      {
        number: '74951112233',
        type: 1,
        visitor: { uid: 'vendor-example-visitor', widget_id: 1, widget_name: 'Example site' },
        history: [
          { url: 'http://example.ru/orders/123?param=1', date: '2017-12-24T10:00:00Z', title: 'Orders' },
        ],
      },
    ],
    customers: {
      '12345678': { onRing: 'answer', answerAfterSec: 3, hangupAfterSec: 20 },
      '79260001122': { onRing: 'answer', answerAfterSec: 3, hangupAfterSec: 20 },
      '74952129298': { onRing: 'answer', answerAfterSec: 3, hangupAfterSec: 20 },
      '79123456789': { onRing: 'answer', answerAfterSec: 3, hangupAfterSec: 20 },
    },
    default_customer_policy: { onRing: 'answer', answerAfterSec: 3, hangupAfterSec: 20 },
  };
}

/** One archived, answered, recorded two-party call (a leg each way is enough for history). */
function archivedCall(
  entry_id: string,
  direction: 1 | 2,
  start: number,
  employeeExt: string,
  employeeId: number,
  customer: string,
  line: string,
  recordings: string[],
): CallRecord {
  const answer = start + 6;
  const finish = start + 85;
  const leg: LegRecord = {
    entry_id,
    call_id: `${entry_id}:1`,
    records: recordings,
    start,
    finish,
    answer,
    ...(direction === 2
      ? { from_extension: employeeExt, from_number: line, to_number: customer }
      : { from_number: customer, to_extension: employeeExt, to_number: `sip:${employeeExt}@${DOMAIN}` }),
    disconnect_reason: 1110,
    line_number: line,
    location: 'abonent',
    create: start,
    user_ids: [employeeId],
  };
  return {
    entry_id,
    call_direction: direction,
    from: direction === 2 ? { extension: employeeExt, number: line } : { number: customer },
    to: direction === 2 ? { number: customer } : { extension: employeeExt },
    line_number: line,
    create_time: start,
    forward_time: start,
    talk_time: answer,
    end_time: finish,
    entry_result: 1,
    disconnect_reason: 1110,
    cost: direction === 2 ? 3 : 0,
    legs: [leg],
  };
}

/** The recording ids the examples name, each on an archived call. */
const ARCHIVE: Array<Parameters<typeof archivedCall>> = [
  // PDF-2017 stats samples (1072915200–1072997812): calls of 789, from and to 123, with 79123456789.
  ['vendor-2004-1', 1, 1_072_915_314, '789', 789, '79123456789', '74951234567', ['d12a45f67b90c12345']],
  ['vendor-2004-2', 2, 1_072_915_516, '123', 123, '79123456789', '74951234567', ['0d3f60a984b45c0']],
  ['vendor-2004-3', 1, 1_072_915_789, '123', 123, '74959988654', '74951234567', ['r100:777:500:256']],
  // PHP-EX stats sample (1445288400–1445374859).
  ['vendor-2015-1', 1, 1_445_300_000, '1234', 1234, '74955404444', '74951234567', ['r500:256']],
  // FAQ history window (1481630491–1481734491).
  [
    'vendor-2016-1',
    2,
    1_481_650_000,
    '101',
    101,
    '79260001122',
    '74950000666',
    ['MToxMjI3NTM6Mzc3OTkzMjA5NDow'],
  ],
  ['vendor-2016-2', 1, 1_481_700_000, '27', 27, '74952129298', '74957777777', ['TESTREC==']],
];

/** The `vendor-examples` office's past calls and their recordings. */
export function vendorExamplesArchive(): CallArchive {
  const calls = ARCHIVE.map((args) => archivedCall(...args));
  const recordings: RecordingRecord[] = calls.flatMap((call) =>
    call.legs.flatMap((leg) =>
      leg.records.map((recording_id) => {
        const rec: RecordingRecord = {
          recording_id,
          entry_id: call.entry_id,
          call_id: leg.call_id,
          started_at: leg.answer,
          completed_at: leg.finish,
          duration_sec: leg.finish - leg.answer,
        };
        const extension = leg.from_extension ?? leg.to_extension;
        if (extension !== undefined) rec.extension = extension;
        if (leg.user_ids[0] !== undefined) rec.user_id = leg.user_ids[0];
        return rec;
      }),
    ),
  );
  return { calls, recordings };
}
