/**
 * Size of the runtime-neutral entry as a bundler ships it: `mangokit/web` (and
 * `mangokit/protocol`) bundled by esbuild, minified, for a platform without Node built-ins, in
 * bytes and gzipped bytes. In the same run, the baselines: `mangokit` (the Node entry) bundled
 * for Node, and the `mango-vpbx` peer bundled for Node with its dependencies (it cannot be
 * bundled for a neutral platform at all: the attempt and its first errors are printed).
 *
 *   node --conditions=source --import tsx bench/web-bundle.ts
 */
import { gzipSync } from 'node:zlib';
import { build, type Metafile, type Platform } from 'esbuild';
import { ROOT } from './support/harness.js';

interface Size {
  bytes: number;
  gzip: number;
  modules: number;
  /** The largest inputs by bytes in the output. */
  top: [string, number][];
}

async function bundle(specifier: string, platform: Platform): Promise<Size> {
  const result = await build({
    stdin: { contents: `export * from '${specifier}';`, resolveDir: ROOT, loader: 'js' },
    bundle: true,
    write: false,
    platform,
    format: 'esm',
    minify: true,
    metafile: true,
    logLevel: 'silent',
    // What users install: the built package (no `source` condition).
  });
  const text = result.outputFiles[0]!.text;
  const output = Object.values((result.metafile as Metafile).outputs)[0]!;
  const top = Object.entries(output.inputs)
    .map(
      ([file, info]) =>
        [file.replace(/^.*packages\/sdk\/dist\/esm\//, ''), info.bytesInOutput] as [string, number],
    )
    .sort((a, b) => b[1] - a[1])
    .slice(0, 8);
  return {
    bytes: text.length,
    gzip: gzipSync(text).length,
    modules: Object.keys(result.metafile!.inputs).length,
    top,
  };
}

const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
const rows: [string, Size][] = [];
rows.push(['mangokit/web, platform neutral', await bundle('mangokit/web', 'neutral')]);
rows.push(['mangokit/web, platform browser', await bundle('mangokit/web', 'browser')]);
rows.push(['mangokit/protocol, platform neutral', await bundle('mangokit/protocol', 'neutral')]);
rows.push(['baseline: mangokit (Node entry), platform node', await bundle('mangokit', 'node')]);
rows.push([
  'baseline: mango-vpbx 1.6.4 with its dependencies, platform node',
  await bundle('mango-vpbx', 'node'),
]);
try {
  await bundle('mango-vpbx', 'neutral');
  console.log('mango-vpbx bundled for a neutral platform (unexpected)');
} catch (error) {
  const errors = (error as { errors?: { text: string }[] }).errors ?? [];
  console.log(
    `mango-vpbx for a neutral platform: ${errors.length} errors, e.g. ${errors
      .slice(0, 3)
      .map((e) => e.text)
      .join(' | ')}`,
  );
}
console.log('\n| bundle (esbuild, minified, ESM) | bytes | gzipped | modules |');
console.log('| --- | ---: | ---: | ---: |');
for (const [name, size] of rows)
  console.log(`| ${name} | ${kib(size.bytes)} | ${kib(size.gzip)} | ${size.modules} |`);
console.log('\nlargest parts of mangokit/web:');
for (const [file, bytes] of rows[0]![1].top) console.log(`  ${file.padEnd(40)} ${kib(bytes)}`);
