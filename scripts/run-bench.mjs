#!/usr/bin/env node
// `npm run bench` lists the benchmarks in bench/ with the first line of each one's description;
// `npm run bench -- NAME [args …]` runs bench/NAME.ts as BENCHMARKS.md does
// (node --conditions=source --import tsx bench/NAME.ts args …).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const [name, ...args] = process.argv.slice(2);

if (!name) {
  for (const file of readdirSync(join(root, 'bench'))
    .filter((f) => f.endsWith('.ts'))
    .sort()) {
    const text = readFileSync(join(root, 'bench', file), 'utf8');
    const first = /\/\*\*\s*\n\s*\*\s*(.+)/.exec(text)?.[1] ?? '';
    console.log(`${file.replace(/\.ts$/, '').padEnd(24)} ${first}`);
  }
  console.log('\nnpm run bench -- NAME [args …]   (results and commands: BENCHMARKS.md)');
  process.exit(0);
}
const file = join(root, 'bench', `${name.replace(/\.ts$/, '')}.ts`);
if (!existsSync(file)) {
  console.error(`no benchmark bench/${name}.ts; \`npm run bench\` lists them`);
  process.exit(2);
}
const run = spawnSync(process.execPath, ['--conditions=source', '--import', 'tsx', file, ...args], {
  cwd: root,
  stdio: 'inherit',
});
process.exit(run.status ?? 1);
