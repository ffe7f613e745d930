import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { describe, it } from 'node:test';
import { build, type Metafile, type Platform } from 'esbuild';

// mangokit/web and mangokit/protocol must run where there is no Node: no `node:` module (nor a
// bare Node built-in, nor `require`, nor the `Buffer` global) anywhere in what they import. The
// check is esbuild bundling each entry for a browser and for a platform with no built-ins at
// all, as a worker or edge bundler would; mangokit itself (Node) must fail the same check.
//   node --conditions=source --import tsx --test packages/sdk/test/package/neutral.test.ts

const root = new URL('../../../../', import.meta.url).pathname;
const NODE_BUILTINS = new Set([
  'buffer',
  'child_process',
  'crypto',
  'events',
  'fs',
  'fs/promises',
  'http',
  'https',
  'net',
  'os',
  'path',
  'stream',
  'stream/promises',
  'url',
  'util',
  'zlib',
]);

interface Bundle {
  text: string;
  metafile: Metafile;
}

async function bundle(entry: string, platform: Platform): Promise<Bundle> {
  const result = await build({
    stdin: { contents: `export * from '${entry}';`, resolveDir: root, loader: 'js' },
    bundle: true,
    write: false,
    platform,
    format: 'esm',
    // The workspace resolves mangokit to its TypeScript sources; dist has the same imports.
    conditions: ['source'],
    minify: true,
    metafile: true,
    logLevel: 'silent',
  });
  return { text: result.outputFiles[0]!.text, metafile: result.metafile };
}

/** Every import of the bundle's modules that names a Node built-in, as `file -> specifier`. */
function nodeImports(metafile: Metafile): string[] {
  const found: string[] = [];
  for (const [file, input] of Object.entries(metafile.inputs)) {
    for (const imported of input.imports) {
      const path = imported.path;
      if (path.startsWith('node:') || NODE_BUILTINS.has(path) || imported.external) {
        found.push(`${file} -> ${path}`);
      }
    }
  }
  return found;
}

describe('runtime-neutral entries', () => {
  for (const entry of ['mangokit/web', 'mangokit/protocol']) {
    for (const platform of ['neutral', 'browser'] as const) {
      it(`${entry} bundles for platform "${platform}" with no Node module in its graph`, async (t) => {
        const { text, metafile } = await bundle(entry, platform);
        assert.deepEqual(nodeImports(metafile), []);
        const sources = Object.keys(metafile.inputs);
        assert.ok(sources.length > 10, `the bundle holds the entry's modules (${sources.length})`);
        assert.ok(
          sources.every((file) => file.startsWith('packages/sdk/src/') || file === '<stdin>'),
          'only the SDK sources are bundled (no dependency)',
        );
        assert.doesNotMatch(text, /\brequire\(/, 'no CommonJS require');
        assert.doesNotMatch(text, /\bBuffer\b/, 'no Buffer global');
        const gzip = gzipSync(text).length;
        t.diagnostic(`${entry} for ${platform}: ${text.length} bytes minified, ${gzip} gzipped`);
      });
    }
  }

  it('the web entry carries the client, the handler, verification, parsing and the tracker', async () => {
    const { metafile } = await bundle('mangokit/web', 'neutral');
    const sources = Object.keys(metafile.inputs);
    for (const file of [
      'packages/sdk/src/client/webClient.ts',
      'packages/sdk/src/internal/fetchTransport.ts',
      'packages/sdk/src/core/signing.ts',
      'packages/sdk/src/core/sha256.ts',
      'packages/sdk/src/events/verify.ts',
      'packages/sdk/src/events/parse.ts',
      'packages/sdk/src/webhooks/handler.ts',
      'packages/sdk/src/tracker/callTracker.ts',
    ]) {
      assert.ok(sources.includes(file), `${file} is in the bundle`);
    }
    for (const file of ['packages/sdk/src/internal/nodeTransport.ts', 'packages/sdk/src/webhooks/node.ts']) {
      assert.ok(!sources.includes(file), `${file} is not`);
    }
  });

  it('the same check fails mangokit, which needs Node', async () => {
    await assert.rejects(bundle('mangokit', 'neutral'), (error: Error & { errors?: { text: string }[] }) => {
      const texts = (error.errors ?? []).map((e) => e.text).join('\n');
      assert.match(texts, /Could not resolve "node:(http|https|fs|stream|url)/);
      return true;
    });
    const { metafile } = await bundle('mangokit', 'node');
    const found = nodeImports(metafile);
    assert.ok(
      found.some((line) => line.endsWith('-> node:http')),
      `node:http is found: ${found.join(', ')}`,
    );
  });
});
