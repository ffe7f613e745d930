import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Sandbox } from '@mangokit/sandbox';
import { skipWithout, toolPath } from '../../../scripts/test-tools.mjs';
import { cleanEnv, ROOT, runCli, tempDir } from './helpers/cli.js';
import { sandboxEnv, startTestSandbox } from './helpers/sandbox.js';

/** The CLI as the shells call it (`mangokit __complete …` from inside the scripts). */
const RUN = [
  process.execPath,
  '--conditions=source',
  '--import',
  import.meta.resolve('tsx'),
  join(ROOT, 'packages/cli/src/bin.ts'),
]
  .map((w) => `'${w}'`)
  .join(' ');

describe('completion of values in real shells (bash, zsh, fish)', () => {
  let sb: Sandbox;
  let dir: { path: string; cleanup: () => Promise<void> };
  let env: Record<string, string>;
  let extensions: string[];

  before(async () => {
    sb = await startTestSandbox();
    dir = await tempDir();
    env = cleanEnv(join(dir.path, 'xdg'), sandboxEnv(sb));
    for (const name of ['alpha', 'beta']) {
      const r = await runCli(['profile', 'add', name, '--api-key', `k-${name}`, '--api-salt', 's'], { env });
      assert.equal(r.code, 0, r.stderr);
    }
    // `mangokit users` fills the cache completion reads (never the network while completing).
    const users = await runCli(['users'], { env });
    assert.equal(users.code, 0, users.stderr);
    extensions = sb.office.employees
      .map((e) => e.extension)
      .filter((e): e is string => Boolean(e))
      .sort();
    assert.ok(extensions.length > 3);
  });
  after(async () => {
    await sb.close();
    await dir.cleanup();
  });

  const sorted = (text: string) => text.split(/\s+/).filter(Boolean).sort();

  it('bash completes scenarios, shells, fixed choices, profiles and cached extensions', async () => {
    const script = (await runCli(['completion', 'bash'], { env })).stdout;
    const probe = (words: string[]) =>
      spawnSync(
        'bash',
        [
          '-c',
          `mangokit() { ${RUN} "$@"; }\n${script}\nCOMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _mangokit; echo "\${COMPREPLY[*]}"`,
        ],
        { encoding: 'utf8', env },
      ).stdout.trim();
    assert.equal(probe(['mangokit', 'trigger', 'inc']), 'incoming');
    assert.deepEqual(sorted(probe(['mangokit', 'completion', ''])), ['bash', 'fish', 'zsh']);
    assert.deepEqual(sorted(probe(['mangokit', 'archive', '--direction', ''])), [
      'in',
      'incoming',
      'internal',
      'out',
      'outgoing',
    ]);
    assert.deepEqual(sorted(probe(['mangokit', 'users', '--profile', ''])), ['alpha', 'beta']);
    assert.deepEqual(sorted(probe(['mangokit', 'call', ''])), extensions);
    assert.equal(
      probe(['mangokit', 'call', '10'])
        .split(' ')
        .every((e) => e.startsWith('10')),
      true,
    );
    assert.equal(probe(['mangokit', 'call', '101', '']), '', 'NUMBER: nothing to offer');
    assert.deepEqual(sorted(probe(['mangokit', 'history', '--from', 'x', '--extension', ''])), extensions);
    assert.deepEqual(sorted(probe(['mangokit', 'history', '--lang', ''])), ['en', 'ru']);
    // Another account's cache is its own: a profile with no cached users offers none.
    assert.equal(probe(['mangokit', 'call', '--profile', 'alpha', '']), '');
  });

  it('zsh offers the same values', { skip: skipWithout('zsh') }, async () => {
    const script = (await runCli(['completion', 'zsh'], { env })).stdout;
    const file = join(dir.path, '_mangokit');
    await writeFile(file, script);
    const probe = (words: string[]) =>
      spawnSync(
        toolPath('zsh'),
        [
          '-f',
          '-c',
          [
            `mangokit() { ${RUN} "$@"; }`,
            'compdef() { :; }',
            // biome-ignore lint/suspicious/noTemplateCurlyInString: a zsh parameter expansion
            '_describe() { local arr=$2; print -r -- "${(j: :)${(@)${(@P)arr}%%:*}}"; }',
            "_files() { print -r -- '<files>'; }",
            `source ${file}`,
            `words=(${words.map((w) => `'${w}'`).join(' ')}); CURRENT=${words.length}; _mangokit`,
          ].join('\n'),
        ],
        { encoding: 'utf8', env },
      ).stdout.trim();
    assert.ok(sorted(probe(['mangokit', 'trigger', ''])).includes('incoming'));
    assert.deepEqual(sorted(probe(['mangokit', 'completion', ''])), ['bash', 'fish', 'zsh']);
    assert.deepEqual(sorted(probe(['mangokit', 'sandbox', '--clock', ''])), ['manual', 'real']);
    assert.deepEqual(sorted(probe(['mangokit', 'profile', 'use', ''])), ['alpha', 'beta']);
    assert.deepEqual(sorted(probe(['mangokit', 'sms', ''])), extensions);
    assert.equal(probe(['mangokit', 'archive', '--out', '']), '<files>');
  });

  it('fish offers the same values', { skip: skipWithout('fish') }, async () => {
    const script = (await runCli(['completion', 'fish'], { env })).stdout;
    const file = join(dir.path, 'mangokit.fish');
    await writeFile(file, script);
    const probe = (line: string) =>
      spawnSync(
        toolPath('fish'),
        ['--no-config', '-c', `function mangokit; ${RUN} $argv; end; source ${file}; complete -C '${line}'`],
        { encoding: 'utf8', env },
      )
        .stdout.trim()
        .split('\n')
        .map((row) => row.split('\t')[0] ?? '')
        .filter(Boolean)
        .sort();
    assert.deepEqual(probe('mangokit trigger inc'), ['incoming']);
    assert.deepEqual(probe('mangokit completion '), ['bash', 'fish', 'zsh']);
    assert.deepEqual(probe('mangokit archive --direction '), [
      'in',
      'incoming',
      'internal',
      'out',
      'outgoing',
    ]);
    assert.deepEqual(probe('mangokit users --profile '), ['alpha', 'beta']);
    assert.deepEqual(probe('mangokit call '), extensions);
    assert.deepEqual(probe('mangokit call 101 '), []);
  });

  it('the scripts describe commands in the language of the locale', async () => {
    const ru = await runCli(['completion', 'fish'], { env: { ...env, LANG: 'ru_RU.UTF-8' } });
    assert.match(ru.stdout, /-a 'call' -d 'позвонить сотруднику/);
    const en = await runCli(['completion', 'fish'], { env });
    assert.match(en.stdout, /-a 'call' -d 'ring an employee/);
  });
});
