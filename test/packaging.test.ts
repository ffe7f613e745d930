import assert from 'node:assert/strict';
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

// The packages as a stranger gets them: the four workspaces packed as published (npm run pack),
// checked for what a tarball must and must not hold, linted (publint, attw), installed from the
// tarballs into projects outside the repository, and used there — from an ES module, a CommonJS
// script, TypeScript projects of every common `module` setting, the installed `mangokit` against
// the installed sandbox, and a global install of the CLI without the gateway.
// Third-party dependencies come from npm's cache (filled by `npm ci`), the registry otherwise.
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TSC = join(ROOT, 'node_modules/typescript/bin/tsc');
const NPM_QUIET = ['--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'];

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function run(command: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = {}): Run {
  const r = spawnSync(command, args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, ...env },
    timeout: 300_000,
  });
  return { status: r.status, stdout: r.stdout ?? '', stderr: (r.stderr ?? '') + (r.error?.message ?? '') };
}

function ok(r: Run, what: string): string {
  assert.equal(r.status, 0, `${what} failed:\n${r.stderr}\n${r.stdout}`);
  return r.stdout;
}

/** Every string reachable in an `exports`/`bin` value: the files it names. */
function targets(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (value && typeof value === 'object') return Object.values(value).flatMap(targets);
  return [];
}

let work: string;
let tarballs: Record<string, string>;
let consumer: string;

before(
  () => {
    work = mkdtempSync(join(tmpdir(), 'mangokit-packaging-'));
    const out = join(work, 'tarballs');
    ok(run(process.execPath, [join(ROOT, 'scripts/pack.mjs'), '--out', out], ROOT), 'npm run pack');
    tarballs = {};
    for (const file of readdirSync(out)) {
      const pkg = JSON.parse(ok(run('tar', ['-xzOf', join(out, file), 'package/package.json'], work), 'tar'));
      tarballs[pkg.name] = join(out, file);
    }
    assert.deepEqual(Object.keys(tarballs).sort(), [
      '@mangokit/cli',
      '@mangokit/gateway',
      '@mangokit/sandbox',
      'mangokit',
    ]);
    // Scripts stay off: nothing here runs the gateway, so better-sqlite3 need not be compiled.
    consumer = join(work, 'consumer');
    mkdirSync(consumer);
    writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', private: true }));
    ok(
      run('npm', ['install', '--ignore-scripts', ...NPM_QUIET, ...Object.values(tarballs)], consumer),
      'npm install of the tarballs',
    );
  },
  { timeout: 900_000 },
);

after(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('the tarballs', () => {
  it('hold a README and their built files only, and every file their manifest names', () => {
    for (const [name, tarball] of Object.entries(tarballs)) {
      const files = ok(run('tar', ['-tzf', tarball], work), 'tar')
        .split('\n')
        .filter(Boolean)
        .map((f) => f.replace(/^package\//, ''));
      const pkg = JSON.parse(ok(run('tar', ['-xzOf', tarball, 'package/package.json'], work), 'tar'));
      assert.ok(files.includes('README.md'), `${name} ships a README`);
      assert.ok(files.includes('LICENSE'), `${name} ships the LICENSE`);
      const stray = files.filter((f) => /\.tsbuildinfo$|\.map$|^(src|test)\//.test(f));
      assert.deepEqual(stray, [], `${name} ships no build info, source maps or sources`);
      assert.ok(!JSON.stringify(pkg.exports).includes('"source"'), `${name} publishes no source condition`);
      assert.equal(pkg.scripts, undefined, `${name} publishes no scripts`);
      const named = [
        ...targets(pkg.exports),
        ...targets(pkg.bin),
        ...targets(pkg.main),
        ...targets(pkg.types),
      ];
      const typesVersions = Object.values(pkg.typesVersions?.['*'] ?? {}).flat() as string[];
      for (const target of [...named, ...typesVersions]) {
        assert.ok(files.includes(target.replace(/^\.\//, '')), `${name}: ${target} is in the tarball`);
      }
    }
  });

  it('the SDK has no runtime dependencies; the CLI needs the gateway (and its drivers) only as an optional peer', () => {
    const manifest = (name: string) =>
      JSON.parse(ok(run('tar', ['-xzOf', tarballs[name]!, 'package/package.json'], work), 'tar'));
    assert.equal(manifest('mangokit').dependencies, undefined);
    const cli = manifest('@mangokit/cli');
    assert.deepEqual(Object.keys(cli.dependencies).sort(), ['@mangokit/sandbox', 'mangokit']);
    assert.deepEqual(cli.peerDependenciesMeta, { '@mangokit/gateway': { optional: true } });
  });

  it('publint finds nothing in any of the four (strict)', () => {
    for (const [name, tarball] of Object.entries(tarballs)) {
      const r = run(
        process.execPath,
        [join(ROOT, 'node_modules/publint/src/cli.js'), tarball, '--strict'],
        work,
      );
      assert.equal(r.status, 0, `${name}:\n${r.stdout}${r.stderr}`);
      assert.match(r.stdout, /All good!/, name);
    }
  });

  it('attw: every entry of mangokit resolves to the right types under node10, node16 (CJS, ESM) and bundler', () => {
    const r = run(
      process.execPath,
      [
        join(ROOT, 'node_modules/@arethetypeswrong/cli/dist/index.js'),
        tarballs.mangokit!,
        '--format',
        'json',
      ],
      work,
    );
    const report = JSON.parse(r.stdout) as {
      analysis: { entrypoints: Record<string, { resolutions: Record<string, unknown> }> };
      problems: Record<string, unknown>;
    };
    assert.deepEqual(report.problems, {}, JSON.stringify(report.problems, null, 2));
    const manifest = JSON.parse(
      ok(run('tar', ['-xzOf', tarballs.mangokit!, 'package/package.json'], work), 'tar'),
    );
    assert.deepEqual(Object.keys(report.analysis.entrypoints).sort(), Object.keys(manifest.exports).sort());
    assert.equal(r.status, 0);
  });
});

// The vendor's worked signing examples (reference §1.2) and an events/call round trip, written
// once and run from each kind of consumer: every one must print the same line.
const EXAMPLE_BODY = `
const json = '{"command_id":"cb-1","from":{"extension":"101"},"to_number":"74951234567"}';
const key = { apiKey: 'testkey123', apiSalt: 'testsalt456' };
const form = signNotification({ apiKey: 'k', apiSalt: 's' }, { entry_id: 'e', call_id: 'c', timestamp: 1, seq: 1, call_state: 'Appeared', location: 'abonent', from: { number: '7900' }, to: { extension: '101' } });
verifyNotification({ apiKey: 'k', apiSalt: 's' }, form);
const event = parseEvent('events/call', form.json);
let rejected = '';
try { verifyNotification({ apiKey: 'k', apiSalt: 'other' }, form); } catch (err) { rejected = err instanceof MangoError ? err.name : 'not a MangoError'; }
console.log(JSON.stringify({
  sign: signJson(key, json),
  link: signRecordingLink(key, 1767225600, 'TESTREC=='),
  type: event.type,
  client: typeof new MangoClient({ apiKey: 'k', apiSalt: 's' }).calls.callback,
  rejected,
}));
`;
const EXPECTED = {
  sign: '9f6524031cbc8a57597f6ceb08a2bae616c0b868b5817c6a85bce09e2a60cadd',
  link: '0f0a91dd15b627ed0eea57b7214febfe1088b9cc48981f96a84d71e61ac7d4e7',
  type: 'call',
  client: 'function',
  rejected: 'MangoSignatureError',
};
const ROOT_NAMES = 'MangoClient, MangoError, parseEvent, verifyNotification';
const PROTOCOL_NAMES = 'signJson, signNotification, signRecordingLink';

describe('the SDK installed from its tarball', () => {
  it('works from an ES module (.mjs)', () => {
    writeFileSync(
      join(consumer, 'use.mjs'),
      `import { ${ROOT_NAMES} } from 'mangokit';\nimport { ${PROTOCOL_NAMES} } from 'mangokit/protocol';\n${EXAMPLE_BODY}`,
    );
    assert.deepEqual(JSON.parse(ok(run(process.execPath, ['use.mjs'], consumer), 'use.mjs')), EXPECTED);
  });

  it('every entry of its exports loads from import and from require, with the same names', () => {
    const { exports } = JSON.parse(
      ok(run('tar', ['-xzOf', tarballs.mangokit!, 'package/package.json'], work), 'tar'),
    );
    const entries = Object.keys(exports)
      .filter((key) => key !== './package.json')
      .map((key) => `mangokit${key.slice(1)}`);
    assert.ok(entries.includes('mangokit') && entries.includes('mangokit/protocol'), entries.join(', '));
    const names = (loader: string) =>
      JSON.parse(
        ok(run(process.execPath, ['--no-experimental-require-module', '-e', loader], consumer), loader),
      );
    const esm = names(
      `Promise.all(${JSON.stringify(entries)}.map((e) => import(e).then((m) => Object.keys(m).sort()))).then((k) => console.log(JSON.stringify(k)))`,
    );
    const cjs = names(
      `console.log(JSON.stringify(${JSON.stringify(entries)}.map((e) => Object.keys(require(e)).filter((k) => k !== '__esModule').sort())))`,
    );
    assert.deepEqual(cjs, esm);
    for (const [i, keys] of (esm as string[][]).entries())
      assert.ok(keys.length > 10, `${entries[i]} exports its API`);
  });

  it('works from a CommonJS script (.cjs) on every Node 20, without require(esm)', () => {
    writeFileSync(
      join(consumer, 'use.cjs'),
      `const { ${ROOT_NAMES} } = require('mangokit');\nconst { ${PROTOCOL_NAMES} } = require('mangokit/protocol');\n` +
        `if (require.resolve('mangokit').includes('/esm/')) throw new Error('resolved the ES module build');\n${EXAMPLE_BODY}`,
    );
    const out = ok(
      run(process.execPath, ['--no-experimental-require-module', 'use.cjs'], consumer),
      'use.cjs',
    );
    assert.deepEqual(JSON.parse(out), EXPECTED);
  });

  /** A TypeScript project in `dir` of the consumer: its compiler options and files. */
  function tsProject(
    dir: string,
    compilerOptions: Record<string, unknown>,
    files: Record<string, string>,
  ): string {
    const path = join(consumer, dir);
    mkdirSync(path, { recursive: true });
    writeFileSync(
      join(path, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          target: 'ES2022',
          // Our declarations are checked once, in the commonjs project; the others skip them (and
          // Node's, the slow part) and check only how they resolve and what the code does with them.
          skipLibCheck: dir !== 'ts-commonjs',
          // The node:http adapter's declarations name Node's types, as a Node consumer has them.
          typeRoots: [join(ROOT, 'node_modules/@types')],
          types: ['node'],
          ...compilerOptions,
        },
        include: ['*.ts', '*.mts', '*.cts'],
      }),
    );
    for (const [name, text] of Object.entries(files)) writeFileSync(join(path, name), text);
    return path;
  }

  const TYPED = `
import { MangoClient, parseEvent, type StatsRow } from 'mangokit';
import { signJson } from 'mangokit/protocol';
const client = new MangoClient({ apiKey: 'k', apiSalt: 's' });
export async function run(row: StatsRow): Promise<string> {
  const { command_id } = await client.calls.callback({ from: { extension: '101' }, to_number: '74951234567' });
  const event = parseEvent('events/call', '{}');
  return (event.type === 'call' ? event.payload.call_id : command_id) + signJson({ apiKey: 'k', apiSalt: 's' }, '{}') + row.from_number;
}
`;

  it('compiles and runs in a TypeScript project with "module": "commonjs" (node10 resolution), and wrong parameters fail', () => {
    const path = tsProject(
      'ts-commonjs',
      { module: 'commonjs', outDir: 'out', esModuleInterop: true },
      {
        'index.ts': `import { ${ROOT_NAMES} } from 'mangokit';\nimport { ${PROTOCOL_NAMES} } from 'mangokit/protocol';\n${EXAMPLE_BODY}`,
        'typed.ts': TYPED,
      },
    );
    ok(run(process.execPath, [TSC, '-p', path], path), 'tsc (module commonjs)');
    const out = ok(run(process.execPath, ['--no-experimental-require-module', 'out/index.js'], path), 'node');
    assert.deepEqual(JSON.parse(out), EXPECTED);
    writeFileSync(
      join(path, 'bad.ts'),
      `import { MangoClient } from 'mangokit';\nnew MangoClient({ apiKey: 'k', apiSalt: 's' }).calls.callback({ from: { extension: 101 }, to_numbr: '7' });\n`,
    );
    const bad = run(process.execPath, [TSC, '-p', path, '--noEmit'], path);
    assert.notEqual(bad.status, 0);
    assert.match(bad.stdout, /bad\.ts.*error TS/);
    assert.doesNotMatch(bad.stdout, /index\.ts|typed\.ts/);
  });

  for (const [dir, options] of [
    ['ts-node16', { module: 'node16', moduleResolution: 'node16' }],
    ['ts-nodenext', { module: 'nodenext', moduleResolution: 'nodenext' }],
    ['ts-bundler', { module: 'esnext', moduleResolution: 'bundler' }],
  ] as const) {
    it(`type-checks in a TypeScript project with "module": "${options.module}", "moduleResolution": "${options.moduleResolution}"`, () => {
      // .ts is CommonJS here (the consumer has no "type"), .mts an ES module: both sets of types.
      const files: Record<string, string> = { 'typed.ts': TYPED };
      if (dir !== 'ts-bundler') files['typed.mts'] = TYPED;
      const path = tsProject(dir, { ...options, noEmit: true }, files);
      ok(run(process.execPath, [TSC, '-p', path], path), `tsc (${dir})`);
    });
  }
});

describe('the installed mangokit command', () => {
  let sandbox: ChildProcess;
  let env: Record<string, string>;
  const bin = () => join(consumer, 'node_modules/.bin/mangokit');

  before(async () => {
    const home = join(work, 'home');
    mkdirSync(home, { recursive: true });
    sandbox = spawn(bin(), ['sandbox', '--port', '0', '--json'], {
      cwd: consumer,
      env: { ...process.env, HOME: home, XDG_CONFIG_HOME: home },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const line = await new Promise<string>((resolve, reject) => {
      let out = '';
      let err = '';
      sandbox.stderr!.on('data', (c: Buffer) => {
        err += c.toString();
      });
      sandbox.stdout!.on('data', (c: Buffer) => {
        out += c.toString();
        if (out.includes('\n')) resolve(out.slice(0, out.indexOf('\n')));
      });
      sandbox.on('exit', (code) => reject(new Error(`mangokit sandbox exited ${code}: ${err}`)));
    });
    const info = JSON.parse(line) as { api_base_url: string; api_key: string; api_salt: string };
    env = {
      HOME: home,
      XDG_CONFIG_HOME: home,
      MANGO_BASE_URL: info.api_base_url,
      MANGO_API_KEY: info.api_key,
      MANGO_API_SALT: info.api_salt,
    };
  });

  after(async () => {
    if (sandbox && sandbox.exitCode === null) {
      const exited = new Promise((r) => sandbox.once('exit', r));
      sandbox.kill('SIGINT');
      await exited;
    }
  });

  it('runs against the installed sandbox: balance and users', () => {
    const balance = JSON.parse(ok(run(bin(), ['balance', '--json'], consumer, env), 'mangokit balance'));
    assert.equal(typeof balance.balance, 'number');
    assert.match(ok(run(bin(), ['users'], consumer, env), 'mangokit users'), /^EXT\s+NAME[\s\S]*\n101\s/);
  });

  it('speaks the language it chose in what a command prints, not only in its help', async () => {
    const ru = { ...env, LANG: 'ru_RU.UTF-8' };
    assert.match(ok(run(bin(), ['--help'], consumer, ru), 'mangokit --help'), /[а-яё]{4}/i);
    // The sandbox banner is written by the command's own module: one language for the whole run.
    const child = spawn(bin(), ['sandbox', '--port', '0'], { cwd: consumer, env: { ...process.env, ...ru } });
    const first = await new Promise<string>((resolve) => {
      let out = '';
      child.stdout.on('data', (c: Buffer) => {
        out += c.toString();
        if (out.includes('\n')) resolve(out.slice(0, out.indexOf('\n')));
      });
    });
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGINT');
    await exited;
    assert.match(first, /[а-яё]{4}/i, first);
  });

  it('is what npx mangokit, npx @mangokit/cli and the SDK’s mangokit-cli launcher run in the project', () => {
    for (const args of [['mangokit'], ['@mangokit/cli'], ['mangokit-cli']]) {
      const out = ok(
        run('npx', ['--no-install', ...args, 'users', '--json'], consumer, env),
        `npx ${args[0]}`,
      );
      assert.ok((JSON.parse(out) as { users: unknown[] }).users.length > 0, `npx ${args[0]} users`);
    }
  });
});

describe('the CLI installed globally from its tarballs, without the gateway', () => {
  let prefix: string;
  before(
    () => {
      prefix = join(work, 'global');
      const wanted = ['mangokit', '@mangokit/sandbox', '@mangokit/cli'].map((n) => tarballs[n]!);
      ok(run('npm', ['install', '--global', '--prefix', prefix, ...NPM_QUIET, ...wanted], work), 'npm i -g');
    },
    { timeout: 300_000 },
  );

  it('runs, and installed no database driver', () => {
    assert.match(ok(run(join(prefix, 'bin/mangokit'), ['--help'], work), 'mangokit --help'), /Usage:/);
    const find = ok(
      run('find', [prefix, '-name', 'better-sqlite3', '-o', '-name', 'pg', '-type', 'd'], work),
      'find',
    );
    assert.equal(find.trim(), '', 'no better-sqlite3 or pg installed');
  });

  it('mangokit gateway names the package to install', () => {
    const r = run(join(prefix, 'bin/mangokit'), ['gateway', '--port', '0'], work);
    assert.equal(r.status, 3, r.stderr);
    assert.match(r.stderr, /needs the @mangokit\/gateway package/);
    assert.match(r.stderr, /npm i -g @mangokit\/gateway/);
  });
});

describe('npx mangokit where only the SDK is installed', () => {
  it('hands over to @mangokit/cli of the same version through npm exec (offline here, so npm says it cannot fetch it)', () => {
    const sdkOnly = join(work, 'sdk-only');
    mkdirSync(sdkOnly);
    writeFileSync(join(sdkOnly, 'package.json'), JSON.stringify({ name: 'sdk-only', private: true }));
    ok(run('npm', ['install', ...NPM_QUIET, tarballs.mangokit!], sdkOnly), 'npm install mangokit');
    const r = run('npx', ['--no-install', 'mangokit', '--version'], sdkOnly, { npm_config_offline: 'true' });
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /the command line is the @mangokit\/cli@0\.1\.0 package, not installed here/);
    assert.match(r.stderr, /@mangokit%2fcli|@mangokit\/cli/);
  });
});
