#!/usr/bin/env node
// Builds every workspace package with `tsc -b`: each `packages/*/tsconfig*.json` (the packages'
// ESM builds, and the SDK's CommonJS build, tsconfig.cjs.json). A CommonJS build gets a
// package.json saying so in its output directory, because the package itself is
// "type": "module": that is what makes Node and TypeScript read dist/cjs/*.js and *.d.ts as
// CommonJS. `--clean` first deletes every output directory and build-info file, so nothing of an
// older build (a deleted module, a source map) survives into a package.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const root = new URL('..', import.meta.url).pathname;

/** Every build config of the workspaces, in the order root package.json lists them. */
export function buildConfigs() {
  const { workspaces } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  return workspaces.flatMap((dir) =>
    readdirSync(join(root, dir))
      .filter((name) => /^tsconfig(\.[\w-]+)?\.json$/.test(name))
      .sort()
      .map((name) => join(root, dir, name)),
  );
}

/** `module`, and the absolute `outDir` and `tsBuildInfoFile` of a config, following `extends`. */
function options(config) {
  const json = JSON.parse(readFileSync(config, 'utf8'));
  const base = json.extends ? options(resolve(dirname(config), json.extends)) : {};
  const own = json.compilerOptions ?? {};
  const path = (p) => (p ? resolve(dirname(config), p) : undefined);
  return {
    module: own.module ?? base.module,
    outDir: path(own.outDir) ?? base.outDir,
    tsBuildInfoFile: path(own.tsBuildInfoFile) ?? base.tsBuildInfoFile,
  };
}

/** Builds every package; with `clean`, from nothing. */
export async function build({ clean = false } = {}) {
  const configs = buildConfigs();
  if (clean) {
    for (const config of configs) {
      const { outDir, tsBuildInfoFile } = options(config);
      for (const path of [outDir, tsBuildInfoFile]) if (path) rmSync(path, { recursive: true, force: true });
    }
  }
  const tsc = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-b', ...configs], {
    cwd: root,
    stdio: 'inherit',
  });
  if (tsc.status !== 0) process.exit(tsc.status ?? 1);
  for (const config of configs) {
    const { module, outDir } = options(config);
    if (String(module).toLowerCase() === 'commonjs') {
      writeFileSync(join(outDir, 'package.json'), '{ "type": "commonjs" }\n');
    }
  }
}

if (process.argv[1] === new URL(import.meta.url).pathname)
  await build({ clean: process.argv.includes('--clean') });
