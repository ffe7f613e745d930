import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';

// The Russian docs beside the English ones, kept in step: each pair links to the other at the
// top, and their code blocks are the same, in the same order. Comments inside code may be
// translated: they are left out of the comparison (`//` in TypeScript and JavaScript, `#` in
// shell and YAML), and so are blank lines. Everything else in a block — code, commands, output,
// JSON — must be byte for byte the same, so a change to an English block fails here until the
// Russian doc has it too.

const root = new URL('..', import.meta.url).pathname;

/** English doc → its Russian version. */
export const DOC_PAIRS: ReadonlyArray<readonly [string, string]> = [
  ['README.md', 'README.ru.md'],
  ['packages/sdk/README.md', 'packages/sdk/README.ru.md'],
  ['packages/sdk/docs/webhooks.md', 'packages/sdk/docs/webhooks.ru.md'],
  ['packages/cli/README.md', 'packages/cli/README.ru.md'],
  ['packages/sandbox/README.md', 'packages/sandbox/README.ru.md'],
  ['packages/sandbox/CONTROL.md', 'packages/sandbox/CONTROL.ru.md'],
  ['packages/gateway/README.md', 'packages/gateway/README.ru.md'],
];

interface Block {
  lang: string;
  code: string;
  line: number;
}

/** The fenced code blocks of a Markdown text, in order. */
export function codeBlocks(markdown: string): Block[] {
  const blocks: Block[] = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(`{3,}|~{3,})\s*([\w+-]*)/.exec(lines[i] as string);
    if (!open) continue;
    const fence = open[2] as string;
    const body: string[] = [];
    const start = i + 1;
    for (i++; i < lines.length && !(lines[i] as string).trim().startsWith(fence); i++)
      body.push(lines[i] as string);
    blocks.push({ lang: (open[3] ?? '').toLowerCase(), code: body.join('\n'), line: start });
  }
  return blocks;
}

/** Where a comment starts on a line (outside quotes), for a comment marker, or -1. */
function commentStart(line: string, marker: '//' | '#'): number {
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i] as string;
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = undefined;
      continue;
    }
    if (ch === "'" || ch === '"' || ch === '`') quote = ch;
    else if (marker === '//' && line.startsWith('//', i) && line[i - 1] !== ':') return i;
    else if (marker === '#' && ch === '#' && (i === 0 || /\s/.test(line[i - 1] as string))) return i;
  }
  return -1;
}

const COMMENTS: Record<string, '//' | '#'> = {
  ts: '//',
  typescript: '//',
  js: '//',
  javascript: '//',
  mjs: '//',
  tsx: '//',
  sh: '#',
  bash: '#',
  shell: '#',
  console: '#',
  yaml: '#',
  yml: '#',
};

/** A block as compared: comments and blank lines out, trailing spaces trimmed. */
export function comparable(block: Block): string {
  const marker = COMMENTS[block.lang];
  return block.code
    .split('\n')
    .map((line) => {
      const at = marker ? commentStart(line, marker) : -1;
      return (at >= 0 ? line.slice(0, at) : line).trimEnd();
    })
    .filter((line) => line.trim() !== '')
    .join('\n');
}

describe('the Russian docs are kept in step with the English ones', () => {
  for (const [en, ru] of DOC_PAIRS) {
    it(`${ru} beside ${en}`, () => {
      assert.ok(existsSync(join(root, ru)), `${ru} exists`);
      const enText = readFileSync(join(root, en), 'utf8');
      const ruText = readFileSync(join(root, ru), 'utf8');
      const enName = en.split('/').at(-1) as string;
      const ruName = ru.split('/').at(-1) as string;
      const head = (text: string) => text.split('\n').slice(0, 6).join('\n');
      assert.ok(head(enText).includes(`](${ruName})`), `${en} links to ${ruName} at the top`);
      assert.ok(head(ruText).includes(`](${enName})`), `${ru} links back to ${enName} at the top`);
      // The Russian doc is Russian: most of its prose letters are Cyrillic.
      const prose = ruText
        .replace(/```[\s\S]*?```/g, '')
        .replace(/`[^`]*`/g, '')
        .replace(/\(([^)]*)\)/g, '');
      const cyrillic = (prose.match(/[а-яё]/gi) ?? []).length;
      const latin = (prose.match(/[a-z]/gi) ?? []).length;
      assert.ok(
        cyrillic > latin,
        `${ru} is written in Russian (${cyrillic} Cyrillic, ${latin} Latin letters)`,
      );
      const enBlocks = codeBlocks(enText);
      const ruBlocks = codeBlocks(ruText);
      assert.equal(
        ruBlocks.length,
        enBlocks.length,
        `${ru} has ${ruBlocks.length} code blocks, ${en} has ${enBlocks.length}`,
      );
      enBlocks.forEach((block, i) => {
        const other = ruBlocks[i] as Block;
        assert.equal(other.lang, block.lang, `block ${i + 1} (${en}:${block.line}) is ${block.lang}`);
        assert.equal(
          comparable(other),
          comparable(block),
          `block ${i + 1} of ${ru} (line ${other.line}) differs from ${en}:${block.line}`,
        );
      });
    });
  }

  it('comparing leaves out comments and nothing else', () => {
    const ts = (code: string) => comparable({ lang: 'ts', code, line: 1 });
    assert.equal(
      ts("const a = 1; // one\n// a line\nfetch('http://x/y'); // двa"),
      "const a = 1;\nfetch('http://x/y');",
    );
    assert.equal(ts("const s = '// not a comment';"), "const s = '// not a comment';");
    assert.notEqual(ts('const a = 1;'), ts('const a = 2;'));
    const sh = (code: string) => comparable({ lang: 'sh', code, line: 1 });
    assert.equal(sh('mangokit sandbox   # a local PBX\n# note'), 'mangokit sandbox');
    assert.equal(sh("curl 'http://x/#frag' -d a#b"), "curl 'http://x/#frag' -d a#b");
    assert.notEqual(sh('mangokit users --json'), sh('mangokit users'));
    assert.equal(codeBlocks('x\n```ts\nconst a = 1;\n```\ny\n```\nplain\n```').length, 2);
  });
});
