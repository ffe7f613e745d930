import assert from 'node:assert/strict';
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { type Sandbox, startSandbox } from '@mangokit/sandbox';
import { MangoClient } from 'mangokit';
import { COMMANDS } from '../packages/cli/src/commands/index.js';
import type { CommandSpec } from '../packages/cli/src/core/command.js';
import { loadCommands } from '../packages/cli/src/core/dispatch.js';
import { parseExample, words } from '../packages/cli/test/helpers/examples.js';

// Every code block of every README, as written: each TypeScript block type-checks (strict) and
// runs against a real sandbox in a consumer project whose node_modules hold this repository's
// packages; each `mangokit …` line of a shell block names a command and options that exist.
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const PACKAGES: Record<string, string> = {
  mangokit: 'packages/sdk',
  '@mangokit/sandbox': 'packages/sandbox',
  '@mangokit/gateway': 'packages/gateway',
  '@mangokit/cli': 'packages/cli',
};

interface Block {
  readme: string;
  lang: string;
  code: string;
  /** Where it starts in its README, e.g. `packages/sdk/README.md:47`. */
  where: string;
}

async function readmes(): Promise<string[]> {
  const packages = await readdir(join(ROOT, 'packages'));
  return ['README.md', ...packages.sort().map((p) => `packages/${p}/README.md`)];
}

async function blocks(): Promise<Block[]> {
  const out: Block[] = [];
  for (const readme of await readmes()) {
    const text = await readFile(join(ROOT, readme), 'utf8');
    for (const m of text.matchAll(/^```(\w*)\n([\s\S]*?)^```/gm)) {
      const line = text.slice(0, m.index).split('\n').length;
      out.push({ readme, lang: m[1]!, code: m[2]!, where: `${readme}:${line}` });
    }
  }
  return out;
}

/** A file name for a block: `packages-sdk-README-47.mts`. */
function fileOf(block: Block): string {
  return `${block.where.replace(/\.md:/, '-').replace(/[^\w-]/g, '-')}.mts`;
}

let all: Block[];
let project: string;

before(async () => {
  all = await blocks();
  // A consumer project whose node_modules holds this repository's packages, as an install would.
  project = await mkdtemp(join(tmpdir(), 'mangokit-readme-'));
  await mkdir(join(project, 'node_modules/@mangokit'), { recursive: true });
  for (const [name, dir] of Object.entries(PACKAGES)) {
    await symlink(join(ROOT, dir), join(project, 'node_modules', name));
  }
  for (const block of all.filter((b) => b.lang === 'ts'))
    await writeFile(join(project, fileOf(block)), block.code);
});

after(async () => {
  await rm(project, { recursive: true, force: true });
});

test('every README has a TypeScript block, and every TypeScript block type-checks as written', async () => {
  const ts = all.filter((b) => b.lang === 'ts');
  for (const readme of await readmes()) {
    assert.ok(
      ts.some((b) => b.readme === readme),
      `${readme} shows its package in code`,
    );
  }
  await writeFile(
    join(project, 'tsconfig.json'),
    JSON.stringify({
      extends: join(ROOT, 'tsconfig.base.json'),
      compilerOptions: {
        noEmit: true,
        composite: false,
        declaration: false,
        typeRoots: [join(ROOT, 'node_modules/@types')],
      },
      include: ['*.mts'],
    }),
  );
  const tsc = spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', project], {
    encoding: 'utf8',
  });
  assert.equal(tsc.status, 0, tsc.stdout + tsc.stderr);
});

/** Runs a block with tsx from the consumer project; resolves when it exits. */
function runBlock(block: Block, env: Record<string, string>, cwd: string): ChildProcess {
  return spawn(
    process.execPath,
    ['--conditions=source', '--import', import.meta.resolve('tsx'), join(project, fileOf(block))],
    {
      cwd,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
}

function collect(child: ChildProcess): { out: () => string; exited: Promise<number | null> } {
  let text = '';
  child.stdout!.on('data', (c: Buffer) => {
    text += c.toString();
  });
  child.stderr!.on('data', (c: Buffer) => {
    text += c.toString();
  });
  return { out: () => text, exited: new Promise((resolve) => child.on('exit', resolve)) };
}

async function waitFor(what: string, check: () => boolean | Promise<boolean>, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    assert.ok(Date.now() < deadline, `timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** The one TypeScript block of `readme` that contains `marker`. */
function block(readme: string, marker: string): Block {
  const found = all.filter((b) => b.lang === 'ts' && b.readme === readme && b.code.includes(marker));
  assert.equal(found.length, 1, `${readme} has one ts block with ${marker}`);
  return found[0]!;
}

describe('the README blocks run against a sandbox', () => {
  let sb: Sandbox;
  let env: Record<string, string>;
  let cwd: string;

  before(async () => {
    // A manual clock an hour behind the wall clock, so calls made here fall inside "the last 24 hours".
    sb = await startSandbox({ port: 0, clock: 'manual', startMs: Date.now() - 3_600_000 });
    const office = sb.engine.office();
    env = { MANGO_API_KEY: office.api_key, MANGO_API_SALT: office.api_salt, MANGO_BASE_URL: sb.apiBaseUrl };
    cwd = await mkdtemp(join(tmpdir(), 'mangokit-readme-run-'));
  });

  after(async () => {
    await sb.close();
    await rm(cwd, { recursive: true, force: true });
  });

  it('the root README quickstart: a callback, the last 24 hours of history, the recordings saved', async () => {
    // One earlier call that was answered and recorded (employee 101 records every call).
    const client = new MangoClient({
      apiKey: env.MANGO_API_KEY,
      apiSalt: env.MANGO_API_SALT,
      baseUrl: env.MANGO_BASE_URL,
    });
    await client.calls.callback({ from: { extension: '101' }, to_number: '79261234567' });
    for (let i = 0; i < 180; i++) sb.clock.advance(1000);
    const earlier = sb.engine.calls();
    assert.equal(earlier.length, 1, 'the earlier call finished');
    assert.ok(
      earlier[0]!.legs.some((leg) => leg.records.length > 0),
      'the earlier call was recorded',
    );
    // The clock keeps moving while the quickstart runs, so its stats job becomes ready.
    const ticker = setInterval(() => sb.clock.advance(1000), 20);
    const dir = await mkdtemp(join(cwd, 'quickstart-'));
    try {
      const run = collect(runBlock(block('README.md', 'client.stats.history'), env, dir));
      assert.equal(await run.exited, 0, run.out());
      assert.match(run.out(), /callback accepted, command_id [0-9a-f-]{36}/);
      assert.match(run.out(), /→ 79261234567 reason \d{4}/);
      assert.match(run.out(), /saved recording-\S+\.mp3 \d+ bytes/);
    } finally {
      clearInterval(ticker);
    }
    const saved = (await readdir(dir)).filter((f) => f.endsWith('.mp3'));
    assert.ok(saved.length >= 1);
    for (const file of saved) {
      const bytes = await readFile(join(dir, file));
      assert.ok(bytes.length > 1000, `${file} holds audio`);
      const id3 = bytes.subarray(0, 3).toString('latin1') === 'ID3';
      const frameSync = bytes[0] === 0xff && (bytes[1]! & 0xe0) === 0xe0;
      assert.ok(id3 || frameSync, `${file} is an MP3`);
    }
  });

  it('the root README receiver: the sandbox’s notifications pop a card and complete a call', async () => {
    assert.equal(await portOpen(3000), false, 'the receiver block listens on port 3000, which is taken');
    const child = runBlock(block('README.md', 'createNodeListener'), env, cwd);
    const run = collect(child);
    try {
      await waitFor('the receiver to listen on 3000', () => portOpen(3000));
      sb.deliveries.setUrls(['http://127.0.0.1:3000/mango/']);
      const client = new MangoClient({
        apiKey: env.MANGO_API_KEY,
        apiSalt: env.MANGO_API_SALT,
        baseUrl: env.MANGO_BASE_URL,
      });
      const before = new Set(sb.engine.calls().map((c) => c.entry_id));
      await client.calls.callback({ from: { extension: '101' }, to_number: '79261234567' });
      for (let i = 0; i < 180; i++) sb.clock.advance(1000);
      const entry = sb.engine.calls().find((c) => !before.has(c.entry_id));
      assert.ok(entry, 'the call ended in the sandbox');
      await waitFor('the card pop and the completed call', () => run.out().includes(entry.entry_id));
      assert.match(run.out(), /pop the card of \S+ for 101\n/);
      assert.match(run.out(), new RegExp(`${entry.entry_id} \\w+ \\d+`));
    } finally {
      sb.deliveries.setUrls([]);
      child.kill('SIGTERM');
      await run.exited;
    }
  });

  for (const [readme, marker] of [
    ['packages/sdk/README.md', 'client.stats.history'],
    ['packages/sdk/README.md', 'hooks:'],
    ['packages/sandbox/README.md', 'startSandbox'],
    ['packages/gateway/README.md', 'startGateway'],
    ['packages/cli/README.md', 'main('],
  ] as const) {
    it(`${readme}: the block with ${marker} runs to its end`, async () => {
      const b = block(readme, marker);
      const dir = await mkdtemp(join(cwd, 'block-'));
      const ticker = setInterval(() => sb.clock.advance(1000), 20);
      try {
        const run = collect(runBlock(b, env, dir));
        const code = await Promise.race([
          run.exited,
          new Promise((r) => setTimeout(() => r('timeout'), 60_000)),
        ]);
        assert.equal(code, 0, `${b.where}:\n${run.out()}`);
      } finally {
        clearInterval(ticker);
      }
    });
  }
});

/**
 * The `mangokit` lines of a shell block, continuation lines joined, leading `npx` and variable
 * assignments dropped, and synopsis notation (`[--port 5080]`, `--csv|--json`, `…`) read as the
 * first choice of each option.
 */
function commandLines(code: string): string[] {
  return code
    .replace(/\\\n\s*/g, ' ')
    .split('\n')
    .map((line) => line.replace(/^\s*(?:\w+=\S*\s+)*(?:npx\s+)?/, ''))
    .filter((line) => /^mangokit\s/.test(line))
    .map((line) =>
      line
        .replace(/[[\]]/g, '')
        .replace(/(^|\s)(--[\w-]+)\|--[\w|-]+/g, '$1$2')
        .replace(/(^|\s)…(?=\s|$)/g, ''),
    );
}

test('every mangokit line of every README shell block names a command and options that exist', async () => {
  const commands: CommandSpec[] = await loadCommands(COMMANDS);
  let checked = 0;
  for (const b of all.filter((x) => x.lang === 'sh')) {
    for (const line of commandLines(b.code)) {
      assert.doesNotThrow(() => parseExample(commands, words(line).slice(1)), `${b.where}: ${line}`);
      checked++;
    }
  }
  assert.ok(checked >= 20, `only ${checked} command lines found`);
});
