import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

// Builds and packs the SDK as npm would publish it, installs the tarball into a fresh consumer
// project (no registry needed: the package has no dependencies), and uses it from plain Node and
// from TypeScript through the shipped declarations.
const root = new URL('../../../../', import.meta.url).pathname;
const sdkDir = join(root, 'packages/sdk');
let work: string;
let consumer: string;

before(() => {
  work = mkdtempSync(join(tmpdir(), 'mangokit-pack-'));
  execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-b', sdkDir], {
    stdio: 'pipe',
  });
  execFileSync('npm', ['pack', sdkDir, '--pack-destination', work, '--silent'], { cwd: work, stdio: 'pipe' });
  const tarball = readdirSync(work).find((f) => f.endsWith('.tgz'));
  assert.ok(tarball, 'npm pack produced a tarball');
  consumer = join(work, 'consumer');
  execFileSync('mkdir', ['-p', consumer]);
  writeFileSync(
    join(consumer, 'package.json'),
    JSON.stringify({ name: 'consumer', private: true, type: 'module' }),
  );
  execFileSync('npm', ['install', join(work, tarball), '--offline', '--no-audit', '--no-fund', '--silent'], {
    cwd: consumer,
    stdio: 'pipe',
  });
});

after(() => rmSync(work, { recursive: true, force: true }));

test('the published package has no runtime dependencies and ships only built files', () => {
  const pkg = JSON.parse(readFileSync(join(consumer, 'node_modules/mangokit/package.json'), 'utf8'));
  assert.equal(pkg.dependencies, undefined);
  const shipped = readdirSync(join(consumer, 'node_modules/mangokit'));
  assert.ok(shipped.includes('dist'));
  assert.ok(!shipped.includes('src') && !shipped.includes('test'), `shipped: ${shipped.join(', ')}`);
});

test('a plain Node consumer signs, verifies and parses with the installed package', () => {
  // The reference's worked examples (§1.2) and an events/call round trip.
  writeFileSync(
    join(consumer, 'use.mjs'),
    `import { verifyNotification, parseEvent, MangoClient } from 'mangokit';
import { signJson, signRecordingLink, signNotification } from 'mangokit/protocol';
const json = '{"command_id":"cb-1","from":{"extension":"101"},"to_number":"74951234567"}';
const form = signNotification({ apiKey: 'k', apiSalt: 's' }, { entry_id: 'e', call_id: 'c', timestamp: 1, seq: 1, call_state: 'Appeared', location: 'abonent', from: { number: '7900' }, to: { extension: '101' } });
verifyNotification({ apiKey: 'k', apiSalt: 's' }, form);
const event = parseEvent('events/call', form.json);
console.log(JSON.stringify({
  sign: signJson({ apiKey: 'testkey123', apiSalt: 'testsalt456' }, json),
  link: signRecordingLink({ apiKey: 'testkey123', apiSalt: 'testsalt456' }, 1767225600, 'TESTREC=='),
  type: event.type,
  client: typeof new MangoClient({ apiKey: 'k', apiSalt: 's' }).calls.callback,
}));
`,
  );
  const out = JSON.parse(execFileSync(process.execPath, ['use.mjs'], { cwd: consumer, encoding: 'utf8' }));
  assert.equal(out.sign, '9f6524031cbc8a57597f6ceb08a2bae616c0b868b5817c6a85bce09e2a60cadd');
  assert.equal(out.link, '0f0a91dd15b627ed0eea57b7214febfe1088b9cc48981f96a84d71e61ac7d4e7');
  assert.equal(out.type, 'call');
  assert.equal(out.client, 'function');
});

test('a TypeScript consumer type-checks against the shipped declarations, and wrong parameters fail', () => {
  writeFileSync(
    join(consumer, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        strict: true,
        noEmit: true,
        // The node:http adapter's declarations name Node's types, as a Node consumer has them.
        typeRoots: [join(root, 'node_modules/@types')],
        types: ['node'],
      },
      include: ['*.ts'],
    }),
  );
  const tsc = join(root, 'node_modules/typescript/bin/tsc');
  writeFileSync(
    join(consumer, 'good.ts'),
    `import { MangoClient, parseEvent } from 'mangokit';
const client = new MangoClient({ apiKey: 'k', apiSalt: 's' });
export async function run(): Promise<string> {
  const { command_id } = await client.calls.callback({ from: { extension: '101' }, to_number: '74951234567' });
  const event = parseEvent('events/call', '{}');
  return event.type === 'call' ? event.payload.call_id + command_id : command_id;
}
`,
  );
  execFileSync(process.execPath, [tsc, '-p', consumer], { cwd: consumer, stdio: 'pipe' });
  writeFileSync(
    join(consumer, 'bad.ts'),
    `import { MangoClient } from 'mangokit';
new MangoClient({ apiKey: 'k', apiSalt: 's' }).calls.callback({ from: { extension: 101 }, to_numbr: '7' });
`,
  );
  assert.throws(
    () => execFileSync(process.execPath, [tsc, '-p', consumer], { cwd: consumer, stdio: 'pipe' }),
    (err: { stdout?: Buffer }) => /bad\.ts/.test(String(err.stdout)),
  );
});
