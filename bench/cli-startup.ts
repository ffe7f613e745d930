/**
 * CLI cold start: wall time from spawn to exit of the built `mangokit` (packages/cli/dist, what
 * the published package runs), against an empty `node -e ''` measured in the same rounds:
 *   node        — `node -e ''`, the floor every Node CLI stands on (the baseline)
 *   --version   — `mangokit --version`
 *   --help      — `mangokit --help`: the command table, nothing else (target ≤ 1.5× node)
 *   balance     — `mangokit balance` against a sandbox started here (the SDK, one signed request)
 * Each round runs every side once, in a rotating order, so load on the machine falls on all alike;
 * the figures are medians with the 10th–90th percentile range.
 *
 *   node --conditions=source --import tsx bench/cli-startup.ts [--rounds 40]
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox } from '@mangokit/sandbox';
import { buildPackage, median, numberOption, ROOT } from './support/harness.js';

const rounds = numberOption('rounds', 40);
const BIN = join(ROOT, 'packages/cli/dist/bin.js');

/** Milliseconds from spawn to exit; rejects on a non-zero exit. */
function timeRun(argv: string[], env: NodeJS.ProcessEnv, cwd: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn(process.execPath, argv, { env, cwd, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (c: Buffer) => {
      err += c.toString();
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      if (code === 0) resolve(ms);
      else reject(new Error(`${argv.join(' ')} exited ${code}: ${err}`));
    });
  });
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

await buildPackage('packages/cli');
const sandbox = await startSandbox({ port: 0, rateLimits: false, lockout: false });
const office = sandbox.office;
const cwd = await mkdtemp(join(tmpdir(), 'mangokit-cli-startup-'));
// No profile, no .env: credentials come from the environment only.
const env = {
  PATH: process.env.PATH,
  HOME: cwd,
  XDG_CONFIG_HOME: cwd,
  MANGO_API_KEY: office.api_key,
  MANGO_API_SALT: office.api_salt,
  MANGO_BASE_URL: sandbox.apiBaseUrl,
};

const sides: [string, string[]][] = [
  ["node -e ''", ['-e', '']],
  ['mangokit --version', [BIN, '--version']],
  ['mangokit --help', [BIN, '--help']],
  ['mangokit balance', [BIN, 'balance']],
];
const times = new Map<string, number[]>(sides.map(([name]) => [name, []]));
try {
  // One unmeasured round warms the file cache.
  for (const [, argv] of sides) await timeRun(argv, env, cwd);
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < sides.length; i++) {
      const [name, argv] = sides[(r + i) % sides.length]!;
      times.get(name)!.push(await timeRun(argv, env, cwd));
    }
  }
} finally {
  await sandbox.close();
  await rm(cwd, { recursive: true, force: true });
}

const base = median(times.get("node -e ''")!);
console.log(`CLI cold start, ${rounds} rounds, Node ${process.version}, ${new Date().toISOString()}`);
console.log("| command | median ms | p10–p90 ms | × node -e '' |");
console.log('| --- | ---: | ---: | ---: |');
for (const [name] of sides) {
  const t = times.get(name)!;
  console.log(
    `| ${name} | ${median(t).toFixed(1)} | ${percentile(t, 10).toFixed(1)}–${percentile(t, 90).toFixed(1)} | ${(median(t) / base).toFixed(2)} |`,
  );
}
const help = median(times.get('mangokit --help')!) / base;
console.log(`--help: ${help.toFixed(2)}× an empty node (target ≤ 1.5×: ${help <= 1.5 ? 'met' : 'NOT met'})`);
