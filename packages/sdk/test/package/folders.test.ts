import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, it } from 'node:test';

// Biome's noImportCycles sees cycles between files; this sees them between the top-level folders
// of a package's src/ (client/ → resources/ → client/ was one, and the sandbox's office/ ↔ engine/),
// which make layers hard to follow.

const root = new URL('../../../../', import.meta.url).pathname;

/** Which top-level folders of `src` import which others (relative imports only). */
function folderGraph(src: string): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  const folderOf = (file: string) => {
    const parts = relative(src, file).split(sep);
    return parts.length > 1 ? parts[0]! : '.';
  };
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name.endsWith('.ts')) {
        const from = folderOf(full);
        for (const m of readFileSync(full, 'utf8').matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)) {
          const to = folderOf(resolve(dirname(full), m[1]!));
          if (to === from) continue;
          const targets = graph.get(from) ?? new Set<string>();
          graph.set(from, targets.add(to));
        }
      }
    }
  };
  walk(src);
  return graph;
}

/** A cycle of folders, or `undefined`. */
function findCycle(graph: Map<string, Set<string>>): string[] | undefined {
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (node: string): string[] | undefined => {
    if (state.get(node) === 'done') return undefined;
    if (state.get(node) === 'open') return [...path.slice(path.indexOf(node)), node];
    state.set(node, 'open');
    path.push(node);
    for (const next of graph.get(node) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    path.pop();
    state.set(node, 'done');
    return undefined;
  };
  for (const node of graph.keys()) {
    const cycle = visit(node);
    if (cycle) return cycle;
  }
  return undefined;
}

describe('folders of a package import each other in one direction', () => {
  it('finds a cycle when there is one', () => {
    const graph = new Map([
      ['client', new Set(['resources'])],
      ['resources', new Set(['internal', 'client'])],
    ]);
    assert.deepEqual(findCycle(graph), ['client', 'resources', 'client']);
  });

  for (const pkg of ['sdk', 'cli', 'gateway', 'sandbox']) {
    it(`packages/${pkg}/src has no folder cycle`, () => {
      const graph = folderGraph(join(root, 'packages', pkg, 'src'));
      assert.ok(graph.size > 1, 'folders were read');
      assert.equal(findCycle(graph)?.join(' → '), undefined);
    });
  }
});
