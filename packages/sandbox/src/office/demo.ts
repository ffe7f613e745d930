import type { Employee, Office, PhonePolicy, Schedule } from './types.js';

const WORKDAY: Schedule = { items: [{ type: 'WorkingDays', from: '09:00', until: '18:00' }] };
const ALWAYS: Schedule = { items: [{ type: 'AllDays', from: '00:00', until: '23:59' }] };

function employee(
  user_id: number,
  name: string,
  extension: string,
  department: string,
  position: string,
  policy: PhonePolicy,
  extra: Partial<Employee> = {},
): Employee {
  const login = `${name.split(' ')[0]!.toLowerCase()}${extension}`;
  return {
    user_id,
    name,
    email: `${login}@demo-office.example`,
    department,
    position,
    mobile: `7916555${extension.padStart(4, '0')}`,
    login,
    access_role_id: 2,
    extension,
    outgoingline: '74951234567',
    dial_alg: 1,
    use_status: true,
    use_cc_numbers: false,
    numbers: [
      {
        number: `sip:${login}@demo.mangosip.ru`,
        protocol: 'sip',
        order: 0,
        wait_sec: 20,
        status: 'on',
        schedule: ALWAYS,
      },
      {
        number: `7916555${extension.padStart(4, '0')}`,
        protocol: 'tel',
        order: 1,
        wait_sec: 25,
        status: 'on',
        schedule: WORKDAY,
      },
    ],
    sips: [{ id: 9000 + user_id, login, domain: 'demo.mangosip.ru', description: `${name} desk phone` }],
    cc_status: 1,
    recording: 'none',
    policy,
    ...extra,
  };
}

/**
 * A realistic small office: sales, support and a manager, five lines (DID, 7-800, SIP, and two
 * call-tracking numbers: a dynamic one bound to a site visitor, a static one for ads), an IVR
 * menu (1 sales, 2 support, 3 "enter your order number" DISA), audio files, SMS senders and a
 * balance. Phones answer within seconds and talks last well under a minute, so a call placed
 * through the API rings, is answered, talks, is recorded and ends by itself. Fresh copy per call.
 */
export function createDemoOffice(): Office {
  return {
    product_id: 400_100_200,
    name: 'Demo Office LLC',
    api_key: 'demokey0sandbox0mangokit0000001',
    api_salt: 'demosalt0sandbox0mangokit000001',
    account: {
      balance: 5000,
      currency: 'RUB',
      tariffs: { outgoing_per_minute: 1.5, incoming_per_minute: 0, sms: 2.5 },
    },
    employees: [
      employee(
        1001,
        'Anna Petrova',
        '101',
        'Sales',
        'Sales manager',
        {
          onRing: 'answer',
          answerAfterSec: 3,
          hangupAfterSec: 35,
        },
        { recording: 'all' },
      ),
      employee(
        1002,
        'Boris Ivanov',
        '102',
        'Sales',
        'Sales manager',
        {
          onRing: 'answer',
          answerAfterSec: 6,
          hangupAfterSec: 25,
        },
        { recording: 'all' },
      ),
      employee(1003, 'Vera Sokolova', '103', 'Sales', 'Junior sales manager', {
        onRing: 'answer',
        answerAfterSec: 9,
        hangupAfterSec: 40,
      }),
      employee(
        1004,
        'Grigory Smirnov',
        '201',
        'Support',
        'Support engineer',
        {
          onRing: 'answer',
          answerAfterSec: 4,
          hangupAfterSec: 45,
        },
        { recording: 'incoming' },
      ),
      employee(
        1005,
        'Daria Kuznetsova',
        '202',
        'Support',
        'Support engineer',
        {
          onRing: 'answer',
          answerAfterSec: 5,
          hangupAfterSec: 30,
        },
        { recording: 'incoming' },
      ),
      employee(1006, 'Egor Popov', '203', 'Support', 'Support engineer (part-time)', {
        onRing: 'never',
      }),
      employee(1007, 'Zhanna Volkova', '204', 'Support', 'Team lead', { onRing: 'dnd' }, { cc_status: 2 }),
      employee(
        1008,
        'Ilya Morozov',
        '300',
        'Management',
        'Director',
        {
          onRing: 'answer',
          answerAfterSec: 8,
          hangupAfterSec: 20,
        },
        { access_role_id: 1, recording: 'outgoing' },
      ),
    ],
    groups: [
      {
        id: 501,
        name: 'Sales',
        description: 'New customers and orders',
        extension: '500',
        dial_alg_group: 0,
        dial_alg_users: 2,
        operators: [
          { id: 1001, priority: 1, order: 1 },
          { id: 1002, priority: 1, order: 2 },
          { id: 1003, priority: 2, order: 3 },
        ],
        ring_sec: 15,
        queue: { max_size: 10, max_wait_sec: 120 },
      },
      {
        id: 502,
        name: 'Support',
        description: 'Existing customers',
        extension: '600',
        dial_alg_group: 2,
        dial_alg_users: 2,
        operators: [
          { id: 1004, priority: 1 },
          { id: 1005, priority: 1 },
          { id: 1006, priority: 1 },
          { id: 1007, priority: 2 },
        ],
        ring_sec: 20,
        queue: { max_size: 5, max_wait_sec: 90 },
      },
      {
        id: 503,
        name: 'Management',
        extension: '700',
        dial_alg_group: 5,
        dial_alg_users: 2,
        operators: [
          { id: 1008, priority: 1 },
          { id: 1001, priority: 2 },
        ],
        ring_sec: 20,
      },
    ],
    lines: [
      { line_id: 1, number: '74951234567', name: 'Moscow main', region: '77', schema_id: 10 },
      { line_id: 2, number: '78005553535', name: 'Toll-free', region: 'toll-free', schema_id: 10 },
      {
        line_id: 3,
        number: 'sip:office@demo.mangosip.ru',
        name: 'office-trunk',
        comment: 'SIP line for the web site widget',
        region: 'sip-uac',
        schema_id: 11,
      },
      {
        line_id: 4,
        number: '74952150101',
        name: 'Call tracking: web site',
        comment: 'Dynamic call-tracking number shown to site visitors',
        region: '77',
        schema_id: 10,
      },
      {
        line_id: 5,
        number: '74952150202',
        name: 'Call tracking: Yandex Direct',
        comment: 'Static call-tracking number of the search ads',
        region: '77',
        schema_id: 10,
      },
    ],
    schemes: [
      {
        schema_id: 10,
        name: 'Main menu',
        description: '1 sales, 2 support, 3 order status',
        start: 'greeting',
        nodes: [
          { id: 'greeting', type: 'play', audio_id: 7001, duration_sec: 3, next: 'menu' },
          {
            id: 'menu',
            type: 'menu',
            audio_id: 7002,
            timeout_sec: 8,
            items: { '1': 'sales', '2': 'support', '3': 'order' },
            timeout: 'sales',
          },
          { id: 'sales', type: 'group', group_id: 501, fallback: 'voicemail' },
          { id: 'support', type: 'group', group_id: 502, fallback: 'sales' },
          {
            id: 'order',
            type: 'disa',
            audio_id: 7003,
            wait_sec: 5,
            max_digits: 8,
            timeout_sec: 20,
            next: 'support',
            timeout: 'support',
          },
          { id: 'voicemail', type: 'play', audio_id: 7004, duration_sec: 6, next: 'bye' },
          { id: 'bye', type: 'hangup' },
        ],
      },
      {
        schema_id: 11,
        name: 'Web widget',
        start: 'sales',
        nodes: [
          { id: 'sales', type: 'group', group_id: 501, fallback: 'bye' },
          { id: 'bye', type: 'hangup' },
        ],
      },
    ],
    audiofiles: [
      { id: 7001, name: 'Welcome to Demo Office.mp3', duration_sec: 3 },
      { id: 7002, name: 'Press 1 for sales, 2 for support, 3 for order status.mp3', duration_sec: 6 },
      { id: 7003, name: 'Enter your order number.mp3', duration_sec: 3 },
      { id: 7004, name: 'Everyone is busy, leave a message.mp3', duration_sec: 6 },
      { id: 7005, name: 'Please hold.mp3', duration_sec: 4 },
    ],
    sms_senders: ['DemoOffice', 'MangoTest'],
    roles: [
      { role_id: 1, name: 'Administrator', permissions: [{ code: 'admin' }] },
      { role_id: 2, name: 'Employee', permissions: [{ code: 'calls' }, { code: 'stats', param: 'own' }] },
    ],
    domains: ['demo.mangosip.ru'],
    trunk_numbers: [
      { trunk_number_id: 1, trunk_id: 1, number: '74951234567', options: 6, desc: 'Main DID' },
      { trunk_number_id: 2, trunk_id: 1, number: '78005553535', options: 4, desc: 'Toll-free' },
    ],
    bwlists: {
      active: 'black',
      black: {
        allow_unknown_number: true,
        numbers: [{ number_id: 1, number: '79990000000', comment: 'Known spammer', number_type: 'tel' }],
      },
      white: { allow_unknown_number: true, numbers: [] },
    },
    outbound_blacklist: {
      enabled: true,
      numbers: [{ number: '79998887766', mode: 3, description: 'Asked never to be called', enabled: true }],
    },
    forwarding_rules: [
      {
        forward_id: 1,
        client_phone_number: '79161112233',
        client_phone_type: 0,
        status: 1,
        comment: 'Key account: straight to the director',
        forward_type: 'user',
        forward_to_user: { forward_user_id: 1008 },
      },
    ],
    autosecretary_rules: [],
    call_tracking: [
      {
        number: '74952150101',
        type: 1,
        visitor: {
          uid: '1f6c2a9e-5b7d-4e21-9c3a-7d80b4e2a615',
          widget_id: 31,
          widget_name: 'Demo Office site',
          product_id: 400_100_200,
          ga_cid: '1187293645.1795772110',
          ya_cid: '1795772108613524871',
          ip: '95.26.114.83',
          region_id: 43,
          location: { country_code: 'RU', region_code: '16', region: 'Republic of Tatarstan', city: 'Kazan' },
          channel: {
            source: 'yandex',
            medium: 'cpc',
            campaign: 'office_phones_autumn',
            content: 'ad_42',
            term: 'virtual pbx for business',
          },
          duration: 412,
          current_page: {
            url: 'https://demo-office.example/pricing',
            date: '2026-11-23T06:58:41Z',
            title: 'Pricing — Demo Office',
          },
          device: 'desktop',
        },
        history: [
          {
            url: 'https://demo-office.example/?utm_source=yandex&utm_medium=cpc&utm_campaign=office_phones_autumn',
            date: '2026-11-23T06:51:49Z',
            title: 'Demo Office — virtual PBX for business',
          },
          {
            url: 'https://demo-office.example/features/call-recording',
            date: '2026-11-23T06:54:12Z',
            title: 'Call recording — Demo Office',
          },
          {
            url: 'https://demo-office.example/pricing',
            date: '2026-11-23T06:58:41Z',
            title: 'Pricing — Demo Office',
          },
        ],
      },
      { number: '74952150202', type: 2 },
    ],
    customers: {
      '79035550101': { onRing: 'answer', answerAfterSec: 4, hangupAfterSec: 30, digits: '1' },
      '79035550202': { onRing: 'answer', answerAfterSec: 3, hangupAfterSec: 25, digits: '2' },
      '79035550303': { onRing: 'answer', answerAfterSec: 5, hangupAfterSec: 20, digits: '3123456' },
      '79035550404': { onRing: 'busy' },
      '79035550505': { onRing: 'never' },
    },
    default_customer_policy: { onRing: 'answer', answerAfterSec: 4, hangupAfterSec: 30, digits: '1' },
  };
}
