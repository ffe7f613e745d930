#!/usr/bin/env node
// Builds every workspace package with `tsc -b`: each `packages/*/tsconfig*.json` (the packages'
// ESM builds, and the SDK's CommonJS build, tsconfig.cjs.json). A CommonJS build gets a
// package.json saying so in its output directory, because the package itself is
// "type": "module": that is what makes Node and TypeScript read dist/cjs/*.js and *.d.ts as
// CommonJS. `--clean` first deletes every output directory and build-info file, so nothing of an
// older build (a deleted module, a source map) survives into a package.
//
// Then the CLI's bin is rebuilt as one file: src/bin.ts with the modules `mangokit --help` runs
// inlined (main, the command table, dispatch, the top-level help and its catalogue), every dynamic
// import — each command, the whole message catalogue, a command's help, error reporting — left to
// the modules tsc emitted beside it. Loading those nine modules one by one cost `--help` about 5 ms
// of CPU, a quarter of an empty `node` (bench/cli-startup.ts). A module whose state the commands
// read must not be inlined (its copy in the bin would not be theirs): the build refuses the
// catalogue `i18n/index.ts`; the bin hands the language over to it before any command loads.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const root = new URL('..', import.meta.url).pathname;

/** Bins rebuilt as one file after tsc: entry, its source root, tsc's file for it, modules never inlined. */
const STARTUP_BUNDLES = [
  {
    entry: 'packages/cli/src/bin.ts',
    srcDir: 'packages/cli/src',
    outfile: 'packages/cli/dist/bin.js',
    shared: ['packages/cli/src/i18n/index.ts', 'packages/cli/src/i18n/en.ts', 'packages/cli/src/i18n/ru.ts'],
    // The version, written in: `--help` and `--version` then read no package.json (src/main.ts).
    versionDefine: { name: '__MANGOKIT_CLI_VERSION__', from: 'packages/cli/package.json' },
  },
];

/** Inlines `entry`'s static imports into `outfile`; dynamic imports stay, pointing at tsc's output. */
async function bundleStartup({ entry, srcDir, outfile, shared, versionDefine }) {
  const { build: esbuild } = await import('esbuild');
  const src = join(root, srcDir);
  const { version } = JSON.parse(readFileSync(join(root, versionDefine.from), 'utf8'));
  const { metafile } = await esbuild({
    entryPoints: [join(root, entry)],
    outfile: join(root, outfile),
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    allowOverwrite: true,
    absWorkingDir: root,
    define: { [versionDefine.name]: JSON.stringify(version) },
    metafile: true,
    logLevel: 'warning',
    plugins: [
      {
        name: 'dynamic-imports-stay',
        setup(b) {
          b.onResolve({ filter: /^\./ }, (args) =>
            args.kind === 'dynamic-import'
              ? { path: `./${relative(src, resolve(dirname(args.importer), args.path))}`, external: true }
              : undefined,
          );
        },
      },
    ],
  });
  const inlined = Object.keys(metafile.inputs).map((p) => relative(root, resolve(root, p)));
  const wrong = inlined.filter((p) => shared.includes(p));
  if (wrong.length) throw new Error(`${outfile} must not inline ${wrong.join(', ')}: import it dynamically`);
}

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
  for (const bundle of STARTUP_BUNDLES) await bundleStartup(bundle);
}

if (process.argv[1] === new URL(import.meta.url).pathname)
  await build({ clean: process.argv.includes('--clean') });
