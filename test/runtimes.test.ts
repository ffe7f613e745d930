import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startSandbox } from '@mangokit/sandbox';
import { build } from 'esbuild';
import { MangoClient } from 'mangokit';

// mangokit/web bundled by esbuild for a platform without Node built-ins, then run by Deno and
// by Bun (both from the npm registry, their binaries inside the packages): the bundle's client
// places a call on a real sandbox, the bundle's web-standard handler, served by the runtime's own
// HTTP server, receives the call's signed notifications, and its CallTracker folds them.
// Under Deno, test/runtimes/web-only.mjs also removes Deno's Node globals (process, Buffer,
// setImmediate) first, as on a browser or worker: signing then runs its pure-JavaScript SHA-256.

const root = new URL('../', import.meta.url).pathname;
const require = createRequire(import.meta.url);

/** The runtime's executable inside its npm package (moved by its install script, or not). */
function binary(candidates: [string, string][]): string {
  for (const [pkg, file] of candidates) {
    let dir: string;
    try {
      dir = dirname(require.resolve(`${pkg}/package.json`));
    } catch {
      continue;
    }
    if (existsSync(join(dir, file))) return join(dir, file);
  }
  throw new Error(`no executable in ${candidates.map(([p, f]) => `${p}/${f}`).join(', ')}: run npm ci`);
}

const RUNTIMES = {
  deno: () => [
    binary([
      ['deno', 'deno'],
      ['@deno/linux-x64-glibc', 'deno'],
    ]),
    'run',
    '--allow-net=127.0.0.1',
  ],
  bun: () => [
    binary([
      ['bun', 'bin/bun.exe'],
      ['@oven/bun-linux-x64', 'bin/bun'],
      ['@oven/bun-linux-x64-baseline', 'bin/bun'],
    ]),
  ],
} as const;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

interface ProgramResult {
  runtime: string;
  nodeGlobals: boolean;
  users?: number;
  placed?: { result: number; commandIdLength: number };
  completed?: { outcome: string; legs: number; talk: number };
  wrongSalt?: string;
  statuses?: Record<string, number>;
  events: string[];
  rejected: string[];
  error?: string;
}

function runProgram(command: string[], args: string[], cwd: string): Promise<ProgramResult> {
  return new Promise((resolve, reject) => {
    const [exe, ...rest] = command;
    const child = spawn(exe!, [...rest, join(cwd, 'program.mjs'), ...args], {
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { PATH: process.env.PATH ?? '', HOME: cwd, NO_COLOR: '1', DENO_NO_UPDATE_CHECK: '1' },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d;
    });
    child.stderr.on('data', (d: Buffer) => {
      err += d;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 90_000);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      const line = out.split('\n').find((l) => l.startsWith('RESULT '));
      if (!line) reject(new Error(`${exe} exited ${code} without a result:\n${out}\n${err}`));
      else resolve(JSON.parse(line.slice('RESULT '.length)) as ProgramResult);
    });
  });
}

describe('mangokit/web under Deno and Bun against a real sandbox', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mangokit-runtimes-'));
  before(async () => {
    await build({
      stdin: { contents: "export * from 'mangokit/web';", resolveDir: root, loader: 'js' },
      bundle: true,
      platform: 'neutral',
      format: 'esm',
      conditions: ['source'],
      outfile: join(dir, 'mangokit-web.mjs'),
      logLevel: 'silent',
    });
    for (const file of ['program.mjs', 'web-only.mjs']) {
      copyFileSync(join(root, 'test/runtimes', file), join(dir, file));
    }
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  for (const name of ['deno', 'bun'] as const) {
    it(`${name}: the bundle's client calls, its handler verifies, its tracker folds`, {
      timeout: 120_000,
    }, async () => {
      const port = await freePort();
      const sb = await startSandbox({
        port: 0,
        clock: 'real',
        speed: 50,
        webhookUrl: `http://127.0.0.1:${port}/mango/`,
      });
      try {
        const credentials = { apiKey: sb.office.api_key, apiSalt: sb.office.api_salt };
        const result = await runProgram(
          RUNTIMES[name](),
          [sb.apiBaseUrl, String(port), credentials.apiKey, credentials.apiSalt],
          dir,
        );
        assert.equal(result.error, undefined);
        assert.match(result.runtime, new RegExp(`^${name} \\d`));
        // Deno ran as a browser would (no Node globals); Bun kept its own.
        assert.equal(result.nodeGlobals, name === 'bun');
        const fromNode = await new MangoClient({ ...credentials, baseUrl: sb.apiBaseUrl }).users.list();
        assert.equal(result.users, fromNode.users.length);
        assert.deepEqual(result.placed, { result: 1000, commandIdLength: 36 });
        assert.equal(result.completed?.outcome, 'answered');
        assert.ok((result.completed?.legs ?? 0) >= 2, 'the call had an operator leg and a callee leg');
        assert.ok((result.completed?.talk ?? 0) > 0);
        for (const event of ['call.appeared', 'call.connected', 'call.disconnected', 'summary']) {
          assert.ok(result.events.includes(event), `${event} was received and verified`);
        }
        assert.equal(result.wrongSalt, 'MangoAuthError');
        assert.deepEqual(result.statuses, { forged: 401, notAPath: 404, get: 405, tooLarge: 413 });
        assert.deepEqual(result.rejected, [
          '401 bad_signature',
          '404 not_found',
          '405 method_not_allowed',
          '413 payload_too_large',
        ]);
      } finally {
        await sb.close();
      }
    });
  }
});
