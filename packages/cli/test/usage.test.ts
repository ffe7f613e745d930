import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { skipWithout, toolPath } from '../../../scripts/test-tools.mjs';
import { cleanEnv, runCli, tempDir } from './helpers/cli.js';

describe('mangokit usage, help and completion (real processes)', () => {
  let dir: { path: string; cleanup: () => Promise<void> };
  let env: Record<string, string>;
  before(async () => {
    dir = await tempDir();
    env = cleanEnv(dir.path);
  });
  after(() => dir.cleanup());

  it('prints the command list, credentials order and exit codes with --help', async () => {
    const r = await runCli(['--help'], { env });
    assert.equal(r.code, 0);
    assert.match(r.stdout, /listen\s+receive PBX notifications/);
    assert.match(r.stdout, /Exit codes:[\s\S]*2\s+usage error/);
    assert.match(r.stdout, /MANGO_API_KEY/);
  });

  it('shows per-command help with examples', async () => {
    const r = await runCli(['listen', '--help'], { env });
    assert.equal(r.code, 0);
    assert.match(r.stdout, /Usage:\n {2}mangokit listen \[options\]/);
    assert.match(r.stdout, /Examples:\n {2}mangokit listen/);
    assert.match(r.stdout, /--forward-to URL/);
  });

  it('rejects an unknown command with exit 2 and a suggestion', async () => {
    const r = await runCli(['lisen'], { env });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /unknown command "lisen"/);
    assert.match(r.stderr, /Did you mean `mangokit listen`/);
  });

  it('rejects an unknown option with exit 2 and points at --help', async () => {
    const r = await runCli(['listen', '--prot', '3'], { env });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /Unknown option '--prot'/);
    assert.match(r.stderr, /mangokit listen --help/);
  });

  it('reports usage errors as JSON on stderr with --json', async () => {
    const r = await runCli(['completion', 'powershell', '--json'], { env });
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    const body = JSON.parse(r.stderr) as { error: { exitCode: number; message: string; hint: string } };
    assert.equal(body.error.exitCode, 2);
    assert.match(body.error.message, /unsupported shell "powershell"/);
    assert.match(body.error.hint, /bash, zsh, fish/);
  });

  it('rejects a missing positional with exit 2', async () => {
    const r = await runCli(['completion'], { env });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /missing SHELL/);
  });

  it('rejects a malformed number option with exit 2', async () => {
    const r = await runCli(['listen', '--port', 'eighty', '--skip-verify'], { env });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--port must be a whole number 0\.\.65535/);
  });

  it('refuses an invalid office file with exit 3 and the problems found', async () => {
    await writeFile(join(dir.path, 'bad-office.json'), '{"name": "x"}');
    const r = await runCli(['sandbox', '--port', '0', '--office', join(dir.path, 'bad-office.json')], {
      env,
    });
    assert.equal(r.code, 3);
    assert.match(r.stderr, /cannot load office: .*problem/);
    assert.match(r.stderr, /api_key: is required/);
    const ru = await runCli(['sandbox', '--port', '0', '--office', join(dir.path, 'bad-office.json')], {
      env: { ...env, LANG: 'ru_RU.UTF-8' },
    });
    assert.equal(ru.code, 3);
    assert.match(ru.stderr, /не удалось загрузить офис: в офисе из .*bad-office\.json найден[аоы] \d+ ошиб/);
    assert.match(ru.stderr, /api_key: обязательно \(строка\)/);
    assert.doesNotMatch(ru.stderr, /is required|problem/);
    const missing = await runCli(['sandbox', '--port', '0', '--office', join(dir.path, 'nope.yaml')], {
      env,
    });
    assert.equal(missing.code, 3);
    assert.match(missing.stderr, /office file .*nope\.yaml not found/);
  });

  it('completes commands, subcommands and options in a real bash', async () => {
    const script = (await runCli(['completion', 'bash'], { env })).stdout;
    const probe = (words: string[]) =>
      spawnSync(
        'bash',
        [
          '-c',
          `${script}\nCOMP_WORDS=(${words.join(' ')}); COMP_CWORD=${words.length - 1}; _mangokit; echo "\${COMPREPLY[*]}"`,
        ],
        {
          encoding: 'utf8',
        },
      ).stdout.trim();
    assert.equal(probe(['mangokit', 'lis']), 'listen');
    assert.equal(probe(['mangokit', 'profile', 'rem']), 'remove');
    assert.equal(probe(['mangokit', 'listen', '--forward-t']), '--forward-to');
  });

  it('completes commands, subcommands and options in a real fish', {
    skip: skipWithout('fish'),
  }, async () => {
    const script = (await runCli(['completion', 'fish'], { env })).stdout;
    const file = join(dir.path, 'mangokit.fish');
    await writeFile(file, script);
    const probe = (line: string) =>
      spawnSync(toolPath('fish'), ['--no-config', '-c', `source ${file}; complete -C '${line}'`], {
        encoding: 'utf8',
      })
        .stdout.trim()
        .split('\n')
        .map((row) => row.split('\t')[0]);
    assert.deepEqual(probe('mangokit lis'), ['listen']);
    assert.deepEqual(probe('mangokit profile rem'), ['remove']);
    assert.deepEqual(probe('mangokit listen --forward-t'), ['--forward-to']);
    assert.ok(probe('mangokit call-').includes('call-group'));
  });

  it('offers the right candidates at each position in a real zsh', { skip: skipWithout('zsh') }, async () => {
    const script = (await runCli(['completion', 'zsh'], { env })).stdout;
    const file = join(dir.path, '_mangokit');
    await writeFile(file, script);
    const syntax = spawnSync(toolPath('zsh'), ['-n', file], { encoding: 'utf8' });
    assert.equal(syntax.status, 0, syntax.stderr);
    // The completion system's primitives print what they were offered; zsh itself matches
    // them against the typed prefix.
    const probe = (words: string[]) =>
      spawnSync(
        toolPath('zsh'),
        [
          '-f',
          '-c',
          [
            'compdef() { :; }',
            // biome-ignore lint/suspicious/noTemplateCurlyInString: a zsh parameter expansion
            '_describe() { local arr=$2; print -r -- "${(j: :)${(@)${(@P)arr}%%:*}}"; }',
            "_files() { print -r -- '<files>'; }",
            `source ${file}`,
            `words=(${words.map((w) => `'${w}'`).join(' ')}); CURRENT=${words.length}; _mangokit`,
          ].join('\n'),
        ],
        { encoding: 'utf8' },
      ).stdout.trim();
    const commands = probe(['mangokit', 'lis']).split(' ');
    assert.ok(commands.includes('listen') && commands.includes('call-group') && commands.includes('archive'));
    assert.equal(probe(['mangokit', 'profile', 'rem']), 'add list remove use');
    assert.ok(probe(['mangokit', 'listen', '--forward-t']).split(' ').includes('--forward-to'));
    assert.equal(probe(['mangokit', 'recording', 'download', 'X', '-o', '']), '<files>');
  });

  for (const shell of ['bash', 'zsh', 'fish'] as const) {
    it(`prints a ${shell} completion script naming every command`, async () => {
      const r = await runCli(['completion', shell], { env });
      assert.equal(r.code, 0);
      for (const word of ['listen', 'profile', 'completion']) assert.match(r.stdout, new RegExp(word));
      assert.match(r.stdout, /forward-to/);
    });
  }
});
