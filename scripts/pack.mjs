#!/usr/bin/env node
// Packs the workspace packages as they are published: `npm run pack [-- --out DIR] [--no-build]
// [workspace …]` builds from clean (scripts/build.mjs), copies each package's files (what `npm pack` would
// take) into a staging directory, writes the published manifest there, and runs `npm pack` on it.
// Tarballs land in DIR (default ./packs); publish them with `npm publish <tarball>`.
//
// The published manifest is the repository's with three changes:
//  - no `source` export condition: in the repository it points TypeScript, tsx and the tests at
//    the sources of the workspace packages; published, there are no sources;
//  - `publishConfig` fields that describe the package (`bin`, `exports`, `main`, …) replace the
//    repository's, as pnpm and yarn do (the CLI's bin is bin/mangokit.js here, dist/bin.js published);
//  - `typesVersions` for every subpath entry with a `require` target, so TypeScript's node10
//    resolution (`"module": "commonjs"` without `moduleResolution`) finds `mangokit/protocol` too;
// and without `scripts` and `devDependencies`. Each tarball carries the repository's LICENSE.
// `npm pack` in a package directory refuses (its prepack is this script with --refuse-in-place):
// it would publish the repository manifest.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { build } from './build.mjs';

const root = new URL('..', import.meta.url).pathname;

/** Manifest fields a `publishConfig` may replace (npm's own keys — registry, access, tag — stay). */
const PUBLISH_FIELDS = ['bin', 'exports', 'main', 'module', 'types', 'typings', 'browser', 'typesVersions'];

/** `exports` without the `source` condition, at any depth. */
export function withoutSource(exports) {
  if (typeof exports !== 'object' || exports === null) return exports;
  return Object.fromEntries(
    Object.entries(exports)
      .filter(([key]) => key !== 'source')
      .map(([key, value]) => [key, withoutSource(value)]),
  );
}

/** The `require` target of an export entry (a string entry has none). */
function requireTarget(entry) {
  return typeof entry === 'object' && entry !== null && typeof entry.require === 'string'
    ? entry.require
    : undefined;
}

/** The manifest as published, from the repository's (see the header). */
export function publishedManifest(pkg) {
  const { scripts: _scripts, devDependencies: _dev, publishConfig, ...out } = pkg;
  if (out.exports) out.exports = withoutSource(out.exports);
  const rest = { ...publishConfig };
  for (const field of PUBLISH_FIELDS) {
    if (rest[field] !== undefined) {
      out[field] = rest[field];
      delete rest[field];
    }
  }
  if (Object.keys(rest).length > 0) out.publishConfig = rest;
  const subpaths = Object.entries(out.exports ?? {}).filter(
    ([key, entry]) => key.startsWith('./') && key !== './package.json' && requireTarget(entry),
  );
  if (subpaths.length > 0 && !out.typesVersions) {
    out.typesVersions = {
      '*': Object.fromEntries(
        subpaths.map(([key, entry]) => [key.slice(2), [requireTarget(entry).replace(/\.c?js$/, '.d.ts')]]),
      ),
    };
  }
  return out;
}

/** The files `npm pack` takes from `dir` (its `files`, README, package.json), relative paths. */
function packedFiles(dir) {
  const [report] = JSON.parse(
    execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: dir, encoding: 'utf8' }),
  );
  return report.files.map((f) => f.path);
}

/**
 * Stages and packs the given workspace directories (default: all) into `out`; returns the
 * tarball paths by package name.
 */
export async function packWorkspaces({ out, workspaces, skipBuild = false }) {
  const all = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).workspaces;
  const dirs = workspaces?.length ? workspaces : all;
  if (!skipBuild) await build({ clean: true });
  mkdirSync(out, { recursive: true });
  const stage = mkdtempSync(join(tmpdir(), 'mangokit-stage-'));
  const tarballs = {};
  try {
    for (const dir of dirs) {
      const from = join(root, dir);
      const to = join(stage, dir);
      for (const file of packedFiles(from)) {
        mkdirSync(dirname(join(to, file)), { recursive: true });
        cpSync(join(from, file), join(to, file));
      }
      cpSync(join(root, 'LICENSE'), join(to, 'LICENSE'));
      const pkg = JSON.parse(readFileSync(join(from, 'package.json'), 'utf8'));
      writeFileSync(join(to, 'package.json'), JSON.stringify(publishedManifest(pkg), null, 2) + '\n');
      const [report] = JSON.parse(
        execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', out], {
          cwd: to,
          encoding: 'utf8',
        }),
      );
      tarballs[pkg.name] = join(out, report.filename);
    }
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
  return tarballs;
}

if (process.argv[1] === new URL(import.meta.url).pathname) {
  const args = process.argv.slice(2);
  if (args.includes('--refuse-in-place')) {
    console.error(
      'Pack from the repository root with `npm run pack` (tarballs in ./packs): it publishes the manifest ' +
        'without the repository-only `source` condition and launcher bin.',
    );
    process.exit(1);
  }
  const outAt = args.indexOf('--out');
  const out = resolve(outAt >= 0 ? args[outAt + 1] : join(root, 'packs'));
  const workspaces = args.filter((a, i) => !a.startsWith('--') && i !== outAt + 1);
  const tarballs = await packWorkspaces({ out, workspaces, skipBuild: args.includes('--no-build') });
  for (const file of Object.values(tarballs)) console.log(file);
}
