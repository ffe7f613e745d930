import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('../../console/', import.meta.url));
const html = readFileSync(join(dir, 'index.html'), 'utf8');

function jsFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? jsFiles(join(folder, e.name)) : e.name.endsWith('.js') ? [join(folder, e.name)] : [],
  );
}

const modules = jsFiles(join(dir, 'js')).map((f) => ({
  path: relative(dir, f),
  source: readFileSync(f, 'utf8'),
}));

test('every module the page loads is preloaded at once, and nothing else', () => {
  // Runtime imports only: `import('./types.js')` inside JSDoc is for the type checker.
  const imported = new Set<string>();
  for (const m of modules) {
    for (const [, spec] of m.source.matchAll(/^import [^;]*? from '([^']+)';$/gm)) {
      imported.add(join(m.path, '..', spec!));
    }
  }
  const preloaded = new Set(
    [...html.matchAll(/<link rel="modulepreload" href="([^"]+)">/g)].map((x) => x[1]),
  );
  assert.deepEqual([...preloaded].sort(), [...imported].sort());
});

test('every element the scripts look up by id exists in the page', () => {
  const ids = new Set([...html.matchAll(/\sid="([^"]+)"/g)].map((x) => x[1]));
  const wanted = modules.flatMap((m) => [...m.source.matchAll(/byId\('([^']+)'/g)].map((x) => x[1]!));
  assert.ok(wanted.length > 10);
  assert.deepEqual(
    wanted.filter((id) => !ids.has(id)),
    [],
  );
});

test('the page references no outside host', () => {
  for (const [name, text] of [['index.html', html], ...modules.map((m) => [m.path, m.source])] as const) {
    const code = text.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
    assert.doesNotMatch(code, /(?:src|href)=["']?(?:https?:)?\/\//, name);
    assert.doesNotMatch(code, /(?:fetch|EventSource)\(\s*['"`]https?:/, name);
  }
  assert.doesNotMatch(readFileSync(join(dir, 'console.css'), 'utf8'), /url\(\s*['"]?(?:https?:)?\/\//);
});

test('the scripts type-check against their JSDoc types (strict, DOM)', () => {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const run = spawnSync(process.execPath, [tsc, '-p', join(dir, 'tsconfig.json')], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stdout + run.stderr);
});
