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
    ['77', 'toll-free', 'sip-uac'],
  );
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
