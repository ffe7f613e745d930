// Loaded into every test process by scripts/run-tests.mjs. Property tests draw from one fixed
// seed so a run is reproducible (CI included); `FC_SEED=random` explores fresh cases, and
// `FC_SEED=<n>` replays the seed a failing run printed.
import fc from 'fast-check';

const seed = process.env.FC_SEED;
if (seed !== 'random') fc.configureGlobal({ seed: seed ? Number(seed) : 20261127 });
