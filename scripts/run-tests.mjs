#!/usr/bin/env node
// Runs every test file of the workspace with node's own test runner, TypeScript loaded by tsx
// and the workspace packages resolved to their sources (the "source" export condition).
// Usage: node scripts/run-tests.mjs [path-filter ...]   (no filter: typecheck + lint + every test)
// Property tests use a fixed seed (scripts/test-setup.mjs); FC_SEED=random explores new cases.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

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
  { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'test' } },
);
process.exit(result.status ?? 1);
