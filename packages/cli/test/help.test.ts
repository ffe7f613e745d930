import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { COMMANDS } from '../src/commands/index.js';
import { loadCommands } from '../src/core/dispatch.js';
import { commandHelp } from '../src/core/commandHelp.js';
import { summaryOf } from '../src/core/help.js';
import { render } from '../src/i18n/index.js';
import { parseExample, words } from './helpers/examples.js';

describe('help and examples of every command', () => {
  it('every command has a summary and at least one example', async () => {
    for (const c of await loadCommands(COMMANDS)) {
      assert.ok(summaryOf(c.name).length > 10, c.name);
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
      for (const example of c.examples.map((e) => render(e))) {
        const w = words(example);
        if (w[0] !== 'mangokit') continue;
        assert.doesNotThrow(() => parseExample(commands, w.slice(1)), example);
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
