#!/usr/bin/env node
// Runs every test file of the workspace with node's own test runner, TypeScript loaded by tsx
// and the workspace packages resolved to their sources (the "source" export condition).
// Usage: node scripts/run-tests.mjs [path-filter ...]   (no filter: typecheck + lint + every test)
// First it makes sure the tools the tests run are there (scripts/test-tools.mjs): it installs the
// missing ones with apt-get when it runs as root, else stops with one line naming the command —
// or, outside CI, with a path filter or MANGOKIT_TEST_SKIP_MISSING=1, skips the tests that need
// them and says so at the end.
// Property tests use a fixed seed (scripts/test-setup.mjs); FC_SEED=random explores new cases.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { installCommand, missingTools, TOOLS, underCi } from './test-tools.mjs';

const root = new URL('..', import.meta.url).pathname;
const filters = process.argv.slice(2);

function collect(dir, out) {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) continue;
    const full = join(dir, name);
    if (statSync(full).isDirectory()) collect(full, out);
    else if (name.endsWith('.test.ts')) out.push(relative(root, full));
  }
  return out;
}

const files = collect(join(root, 'test'), collect(join(root, 'packages'), []))
  .filter((f) => filters.length === 0 || filters.some((flt) => f.includes(flt)))
  .sort();
if (files.length === 0) {
  console.error('no test files matched');
  process.exit(1);
}

/** Installs `names` with apt-get when this process may (root, apt-get present); true when it ran. */
function aptInstall(names) {
  if (process.getuid?.() !== 0 || spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status !== 0) {
    return false;
  }
  const debs = names.map((name) => TOOLS[name].deb);
  console.error(
    `npm test: installing ${debs.join(', ')} (Debian), which the tests run: apt-get install -y ${debs.join(' ')}`,
  );
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [
    ['update', '-qq'],
    ['install', '-y', '-qq', ...debs],
  ]) {
    // dpkg talks a lot even with -qq: its output is shown only when something fails.
    const apt = spawnSync('apt-get', args, { env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    if (apt.status !== 0) {
      console.error(`${apt.stdout ?? ''}${apt.stderr ?? ''}`.trimEnd().split('\n').slice(-20).join('\n'));
      return false;
    }
  }
  return true;
}

const debsOf = (names) => names.map((name) => TOOLS[name].deb).join(', ');
let missing = missingTools();
if (missing.length > 0 && aptInstall(missing)) missing = missingTools();
const skipMissing =
  missing.length > 0 && !underCi() && (filters.length > 0 || process.env.MANGOKIT_TEST_SKIP_MISSING === '1');
if (missing.length > 0 && !skipMissing) {
  console.error(
    `npm test needs ${debsOf(missing)}, not installed here: ${installCommand(missing)}` +
      (underCi() ? '' : ' (or MANGOKIT_TEST_SKIP_MISSING=1 npm test to skip the tests that need them)'),
  );
  process.exit(1);
}
const skipNote = () =>
  `skipped the tests that need ${debsOf(missing)} (not installed: ${installCommand(missing)})`;
if (skipMissing) console.error(`npm test: ${skipNote()}`);

// The whole suite (no filter) first type-checks and lints, as CI does.
if (filters.length === 0) {
  for (const [cmd, args] of [
    ['npx', ['tsc', '-p', 'tsconfig.json']],
    // The console is plain JavaScript with JSDoc types, checked on its own.
    ['npx', ['tsc', '-p', 'packages/sandbox/console']],
    ['npx', ['biome', 'check', '.']],
  ]) {
    const check = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
    if (check.status !== 0) {
      console.error(`${cmd} ${args.join(' ')} failed`);
      process.exit(check.status ?? 1);
    }
  }
}
const result = spawnSync(
  process.execPath,
  [
    '--conditions=source',
    '--import',
    'tsx',
    '--import',
    join(root, 'scripts', 'test-setup.mjs'),
    '--test',
    '--test-concurrency=2',
    ...files,
  ],
  {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'test', MANGOKIT_TEST_SKIP_MISSING: skipMissing ? '1' : '0' },
  },
);
if (skipMissing) console.error(`npm test: ${skipNote()}`);
process.exit(result.status ?? 1);
