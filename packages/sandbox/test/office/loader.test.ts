import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { stringify } from 'yaml';
import {
  createDemoOffice,
  loadOfficeFile,
  OfficeValidationError,
  parseOffice,
  validateOffice,
} from '../../src/index.js';

function issues(fn: () => unknown): string[] {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof OfficeValidationError, `expected OfficeValidationError, got ${String(err)}`);
    return err.issues.map((i) => `${i.path}: ${i.message}`);
  }
  assert.fail('expected a validation error');
}

test('the demo office is valid and realistic', () => {
  const demo = createDemoOffice();
  const office = validateOffice(demo);
  assert.equal(office.employees.length, 8);
  assert.deepEqual(
    office.groups.map((g) => g.dial_alg_group),
    [0, 2, 5],
  );
  assert.deepEqual(
    office.lines.map((l) => l.region),
    ['77', 'toll-free', 'sip-uac', '77', '77'],
  );
  // Two of the lines are call-tracking numbers, routed like the main line.
  assert.deepEqual(
    office.call_tracking?.map((t) => [t.number, t.type, t.visitor !== undefined, t.history?.length ?? 0]),
    [
      ['74952150101', 1, true, 3],
      ['74952150202', 2, false, 0],
    ],
  );
  for (const t of office.call_tracking ?? []) {
    assert.equal(office.lines.find((l) => l.number === t.number)?.schema_id, office.lines[0]!.schema_id);
  }
  const menu = office.schemes[0]!.nodes.find((n) => n.type === 'menu');
  assert.ok(menu && menu.type === 'menu');
  assert.deepEqual(Object.keys(menu.items), ['1', '2', '3']);
  assert.ok(office.schemes[0]!.nodes.some((n) => n.type === 'disa'));
  assert.notEqual(createDemoOffice(), createDemoOffice(), 'a fresh copy each time');
});

test('JSON and YAML files load the same office', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'office-'));
  try {
    const demo = createDemoOffice();
    await writeFile(join(dir, 'office.json'), JSON.stringify(demo));
    await writeFile(join(dir, 'office.yaml'), stringify(demo));
    const a = await loadOfficeFile(join(dir, 'office.json'));
    const b = await loadOfficeFile(join(dir, 'office.yaml'));
    assert.deepEqual(a, b);
    assert.deepEqual(a.employees[0], demo.employees[0]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('a minimal office gets defaults', () => {
  const office = parseOffice(
    [
      'name: Mini',
      'api_key: minikey',
      'api_salt: minisalt',
      'employees:',
      '  - user_id: 7',
      '    name: Olga',
      '    extension: 15',
      'lines: [{ line_id: 1, number: "74950000001" }]',
    ].join('\n'),
  );
  assert.equal(office.employees[0]!.extension, '15', 'numbers accepted for strings (reference §1.2)');
  assert.equal(office.employees[0]!.policy.onRing, 'answer');
  assert.deepEqual(office.groups, []);
  assert.equal(office.bwlists.active, 'black');
  assert.equal(office.account.currency, 'RUB');
});

test('errors name the path and what is wrong, all at once', () => {
  const found = issues(() =>
    validateOffice({
      name: 'Broken',
      api_key: 'k e y',
      api_salt: 's',
      employees: [
        { user_id: 1, name: 'A', extension: '10', numbers: [{ number: '1', protocol: 'pigeon' }] },
        { user_id: 1, name: 'B', extension: '10', policy: { onRing: 'sing', answerAfterSec: -1 } },
        { name: 'C' },
      ],
      lines: [{ line_id: 1, number: '7495', schema_id: 5 }],
    }),
  );
  assert.ok(found.includes('api_key: must be 4–64 letters, digits, _ or -'), found.join('\n'));
  assert.ok(found.some((f) => f.startsWith('employees[0].numbers[0].protocol: must be one of')));
  assert.ok(found.some((f) => f.startsWith('employees[1].policy.onRing: must be one of')));
  assert.ok(found.includes('employees[1].policy.answerAfterSec: must be ≥ 0, got -1'));
  assert.ok(found.includes('employees[2].user_id: is required (a number)'));
});

test('cross references are checked: operators, schemes, nodes, audio files, duplicates', () => {
  const demo = createDemoOffice();
  demo.groups[0]!.operators.push({ id: 4242, priority: 1 });
  demo.lines[0]!.schema_id = 77;
  const menu = demo.schemes[0]!.nodes.find((n) => n.type === 'menu')!;
  if (menu.type === 'menu') menu.items['4'] = 'nowhere';
  demo.schemes[0]!.nodes.push({ id: 'x', type: 'play', audio_id: 1, duration_sec: 1 });
  demo.employees[1]!.extension = '101';
  const found = issues(() => validateOffice(demo));
  assert.ok(found.includes('groups[0].operators[3].id: no employee with user_id 4242'), found.join('\n'));
  assert.ok(found.includes('lines[0].schema_id: no scheme with schema_id 77'));
  assert.ok(found.includes('schemes[0].nodes[1].items.4: no node with id "nowhere"'));
  assert.ok(found.includes('schemes[0].nodes[7].audio_id: no audio file with id 1'));
  assert.ok(found.some((f) => f.startsWith('employees[1]: duplicate extension "101"')));
});

test('syntax errors and non-objects are reported, not thrown raw', () => {
  assert.match(issues(() => parseOffice('{ "name": ', 'json'))[0]!, /not valid JSON/);
  assert.match(issues(() => parseOffice('name: [unclosed', 'yaml'))[0]!, /not valid YAML/);
  assert.deepEqual(
    issues(() => validateOffice([1, 2])),
    [': must be an object, got an array'],
  );
  const err = (() => {
    try {
      parseOffice('employees: 3', 'yaml', 'office.yaml');
    } catch (e) {
      return e as Error;
    }
  })();
  assert.match(err!.message, /^invalid office \(office\.yaml\)/);
  assert.doesNotMatch(err!.message, /api_salt.*demosalt/);
});

test('lists, outbound bans and forwarding rules are validated too', () => {
  const demo = createDemoOffice() as unknown as Record<string, unknown>;
  demo.bwlists = { active: 'grey', black: { numbers: [{ number_type: 'fax' }] } };
  demo.outbound_blacklist = { enabled: 'yes', numbers: [{ number: '7900', mode: 9 }] };
  demo.forwarding_rules = [{ client_phone_number: '7911', forward_type: 'user', forward_to_user: {} }];
  const found = issues(() => validateOffice(demo));
  assert.ok(
    found.some((f) => f.startsWith('bwlists.active: must be one of "black", "white"')),
    found.join('\n'),
  );
  assert.ok(found.includes('bwlists.black.numbers[0].number: is required (a string)'));
  assert.ok(found.some((f) => f.startsWith('bwlists.black.numbers[0].number_type: must be one of')));
  assert.ok(found.includes('outbound_blacklist.enabled: must be true or false, got "yes"'));
  assert.ok(found.some((f) => f.startsWith('outbound_blacklist.numbers[0].mode: must be one of 1, 2, 3')));
  assert.ok(found.includes('forwarding_rules[0].forward_to_user.forward_user_id: is required (a number)'));
});

test('call-tracking numbers load from YAML and are validated path by path', () => {
  const base = [
    'name: Tracked',
    'api_key: trackkey',
    'api_salt: tracksalt',
    'employees: [{ user_id: 1, name: Solo, extension: "10" }]',
    'lines:',
    '  - { line_id: 1, number: "74950000001" }',
    '  - { line_id: 2, number: "74950000002" }',
  ];
  const office = parseOffice(
    [
      ...base,
      'call_tracking:',
      '  - number: 74950000001',
      '    type: 1',
      '    visitor:',
      '      uid: v-1',
      '      widget_id: 7',
      '      location: { city: Kazan }',
      '      current_page: { url: "https://x.example/a", date: "2026-11-23T06:58:41Z" }',
      '    history:',
      '      - { url: "https://x.example/a", date: "2026-11-23T06:58:41Z" }',
      '  - { number: "74950000002", type: 2 }',
    ].join('\n'),
  );
  assert.deepEqual(office.call_tracking, [
    {
      number: '74950000001',
      type: 1,
      visitor: {
        uid: 'v-1',
        widget_id: 7,
        location: { city: 'Kazan' },
        current_page: { url: 'https://x.example/a', date: '2026-11-23T06:58:41Z' },
      },
      history: [{ url: 'https://x.example/a', date: '2026-11-23T06:58:41Z', title: '' }],
    },
    { number: '74950000002', type: 2 },
  ]);
  assert.equal(parseOffice(base.join('\n')).call_tracking, undefined, 'absent stays absent');

  const found = issues(() =>
    parseOffice(
      [
        ...base,
        'call_tracking:',
        '  - { number: "74950000009", type: 1 }',
        '  - { number: "74950000002", type: 3 }',
        '  - number: "74950000001"',
        '    type: 2',
        '    visitor: { uid: v-2 }',
        '  - number: "74950000002"',
        '    type: 1',
        '    visitor:',
        '      widget_id: [1]',
        '      device: tablet',
        '      duration: -5',
        '      channel: utm',
        '      current_page: { url: "ftp://x", date: "yesterday" }',
        '    history:',
        '      - { url: "https://x.example/", date: "2026-11-23" }',
        '      - page',
      ].join('\n'),
    ),
  );
  const expected = [
    'call_tracking[1].type: must be one of 1, 2, got number 3',
    'call_tracking[2].visitor: only a dynamic number (type 1) has a site visitor',
    'call_tracking[3].visitor.uid: is required (a string)',
    'call_tracking[3].visitor.widget_id: must be a number or a string, got an array',
    'call_tracking[3].visitor.duration: must be ≥ 0, got -5',
    'call_tracking[3].visitor.device: must be one of "mobile", "desktop", got "tablet"',
    'call_tracking[3].visitor.channel: must be an object, got "utm"',
    'call_tracking[3].visitor.current_page.url: must be an http(s) URL, got "ftp://x"',
    'call_tracking[3].visitor.current_page.date: must be an ISO 8601 date-time like "2026-11-27T09:15:00Z", got "yesterday"',
    'call_tracking[3].history[0].date: must be an ISO 8601 date-time like "2026-11-27T09:15:00Z", got "2026-11-23"',
    'call_tracking[3].history[1]: must be an object, got "page"',
  ];
  assert.deepEqual(found, expected);

  // Lines and duplicates are cross-checked once each entry reads well.
  const refs = issues(() =>
    parseOffice(
      [
        ...base,
        'call_tracking:',
        '  - { number: "74950000009", type: 1 }',
        '  - { number: "74950000002", type: 2 }',
        '  - { number: "74950000002", type: 1 }',
      ].join('\n'),
    ),
  );
  assert.deepEqual(refs, [
    'call_tracking[2]: duplicate number "74950000002" (also at call_tracking[1])',
    'call_tracking[0].number: no line with number "74950000009"',
  ]);
  assert.deepEqual(
    issues(() => validateOffice({ ...createDemoOffice(), call_tracking: { number: '74952150101' } })),
    ['call_tracking: must be an array, got an object'],
  );
});
