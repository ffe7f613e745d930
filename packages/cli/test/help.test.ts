import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { COMMANDS } from '../src/commands/index.js';
import { checkPositionals, findCommand, loadCommands, parseCommandArgs } from '../src/core/dispatch.js';
import { commandHelp } from '../src/core/help.js';

/** Splits a shell example into words (quotes honoured), stopping at a pipe, redirect or comment. */
function words(example: string): string[] {
  const out: string[] = [];
  const re = /\s*(?:'([^']*)'|"([^"]*)"|([^\s'"]+))/gy;
  for (let m = re.exec(example); m; m = re.exec(example)) {
    const word = m[1] ?? m[2] ?? (m[3] as string);
    if (m[3] !== undefined && /^(\||>|2>|#|&&|;)/.test(word)) break;
    out.push(word);
  }
  return out;
}

describe('help and examples of every command', () => {
  it('every command has a summary and at least one example', async () => {
    for (const c of await loadCommands(COMMANDS)) {
      assert.ok(c.summary.length > 10, c.name);
      assert.ok(c.examples.length > 0, `${c.name} has examples`);
      const help = commandHelp(c);
      assert.match(help, new RegExp(`^mangokit ${c.name} — `));
      assert.match(help, /\nExamples:\n/);
    }
  });

  it('every example parses: its command, options and positionals exist', async () => {
    const commands = await loadCommands(COMMANDS);
    let checked = 0;
    for (const c of commands) {
      for (const example of c.examples) {
        const w = words(example);
        if (w[0] !== 'mangokit') continue;
        const found = findCommand(commands, w.slice(1));
        assert.ok(found, `"${example}" names a command`);
        const args = parseCommandArgs(found.command, found.rest);
        checkPositionals(found.command, args);
        checked++;
      }
    }
    assert.ok(checked >= COMMANDS.length, `${checked} examples checked`);
  });

  it('the splitter stops at shell syntax', () => {
    assert.deepEqual(words(`mangokit api x --data '{"a": 1}' | jq .`), [
      'mangokit',
      'api',
      'x',
      '--data',
      '{"a": 1}',
    ]);
    assert.deepEqual(words('mangokit history --csv > out.csv'), ['mangokit', 'history', '--csv']);
  });
});
