#!/usr/bin/env node
// `mangokit` in a checkout of the repository: runs the TypeScript sources (src/bin.ts) through
// tsx, with the workspace packages resolved to their sources as well (the `source` export
// condition), so `npx mangokit …` right after `npm ci` runs what is checked out, without a build.
// The published package runs its build instead: scripts/pack.mjs applies `publishConfig.bin`.
import { register } from 'node:module';
import { register as registerTsx } from 'tsx/esm/api';

registerTsx();
// Registered last, so it runs first: every resolution also matches the `source` condition.
register(
  'data:text/javascript,export function resolve(specifier, context, next) {' +
    ' return next(specifier, { ...context, conditions: [...context.conditions, "source"] }); }',
);
await import('../src/bin.ts');
