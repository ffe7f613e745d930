/**
 * CLI cold start: the built `mangokit` (packages/cli/dist as scripts/build.mjs makes it, what the
 * published package runs) against an empty `node -e ''` measured in the same rounds:
 *   node        — `node -e ''`, the floor every Node CLI stands on (the baseline)
 *   print       — an ES module that only prints the text `--help` prints: what any Node CLI
 *                 written as ES modules pays to start and write its help (for scale)
 *   --version   — `mangokit --version`
 *   --help      — `mangokit --help`: the command table, nothing else (target ≤ 1.5× node)
 *   balance     — `mangokit balance` against a sandbox started here (the SDK, one signed request)
 * Each round runs every side once, in a rotating order, so load on the machine falls on all alike;
 * the figures are medians with the 10th–90th percentile range. Wall time (spawn to exit) is what
 * a user waits; CPU time (user + system of the process, from bash's `times`, in a second run of
 * each side in the same round) is what the process itself spends, and moves far less when other
 * work shares the machine.
 *
 * `--compare FILE` adds `node FILE --help` as one more side, e.g. another build's dist/bin.js.
 *
 *   node --conditions=source --import tsx bench/cli-startup.ts [--rounds 40] [--compare FILE]
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox } from '@mangokit/sandbox';
import { median, numberOption, ROOT } from './support/harness.js';

const rounds = numberOption('rounds', 40);
const BIN = join(ROOT, 'packages/cli/dist/bin.js');

/** Runs `command args`; resolves to the wall milliseconds and stdout, rejects on a non-zero exit. */
function timeRun(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  cwd: string,
): Promise<{ ms: number; stdout: string }> {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn(command, args, { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
    });
    child.stderr.on('data', (c: Buffer) => {
      err += c.toString();
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      if (code === 0) resolve({ ms, stdout: out });
      else reject(new Error(`${command} ${args.join(' ')} exited ${code}: ${err}`));
    });
  });
}

/** Wall milliseconds of `node argv`. */
async function wallMs(argv: string[], env: NodeJS.ProcessEnv, cwd: string): Promise<number> {
  return (await timeRun(process.execPath, argv, env, cwd)).ms;
}

/** User + system CPU milliseconds of `node argv`, as bash's `times` reports its children. */
async function cpuMs(argv: string[], env: NodeJS.ProcessEnv, cwd: string): Promise<number> {
  const script = '"$@" >/dev/null || exit 1; times';
  const { stdout } = await timeRun('bash', ['-c', script, '_', process.execPath, ...argv], env, cwd);
  const children = stdout.trim().split('\n').at(-1) ?? '';
  const [user, sys] = [...children.matchAll(/(\d+)m([\d.]+)s/g)].map(
    (m) => Number(m[1]) * 60_000 + Number(m[2]) * 1000,
  );
  return user! + sys!;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

const built = spawnSync(process.execPath, [join(ROOT, 'scripts/build.mjs')], { cwd: ROOT, stdio: 'inherit' });
if (built.status !== 0) throw new Error('scripts/build.mjs failed');
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

const helpText = spawnSync(process.execPath, [BIN, '--help'], { encoding: 'utf8' }).stdout;
const print = join(cwd, 'print-help.mjs');
await writeFile(print, `process.stdout.write(${JSON.stringify(helpText)});\n`);

const compareAt = process.argv.indexOf('--compare');
const compare = compareAt > 0 ? process.argv[compareAt + 1] : undefined;
const sides: [string, string[]][] = [
  ["node -e ''", ['-e', '']],
  ['print.mjs (the help text)', [print]],
  ['mangokit --version', [BIN, '--version']],
  ['mangokit --help', [BIN, '--help']],
  ['mangokit balance', [BIN, 'balance']],
  ...(compare ? [[`${compare} --help`, [compare, '--help']] as [string, string[]]] : []),
];
const wall = new Map<string, number[]>(sides.map(([name]) => [name, []]));
const cpu = new Map<string, number[]>(sides.map(([name]) => [name, []]));
const loadBefore = loadavg()[0]!;
try {
  // One unmeasured round warms the file cache.
  for (const [, argv] of sides) await wallMs(argv, env, cwd);
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < sides.length; i++) {
      const [name, argv] = sides[(r + i) % sides.length]!;
      wall.get(name)!.push(await wallMs(argv, env, cwd));
      cpu.get(name)!.push(await cpuMs(argv, env, cwd));
    }
  }
} finally {
  await sandbox.close();
  await rm(cwd, { recursive: true, force: true });
}

console.log(
  `CLI cold start, ${rounds} rounds, Node ${process.version}, ${new Date().toISOString()}, ` +
    `load average ${loadBefore.toFixed(1)} → ${loadavg()[0]!.toFixed(1)}`,
);
console.log(
  "| command | wall ms, median (p10–p90) | × node -e '' | CPU ms, median (p10–p90) | × node -e '' |",
);
console.log('| --- | ---: | ---: | ---: | ---: |');
const baseWall = median(wall.get("node -e ''")!);
const baseCpu = median(cpu.get("node -e ''")!);
const range = (t: number[]) =>
  `${median(t).toFixed(1)} (${percentile(t, 10).toFixed(1)}–${percentile(t, 90).toFixed(1)})`;
for (const [name] of sides) {
  const w = wall.get(name)!;
  const c = cpu.get(name)!;
  console.log(
    `| ${name} | ${range(w)} | ${(median(w) / baseWall).toFixed(2)} | ${range(c)} | ${(median(c) / baseCpu).toFixed(2)} |`,
  );
}
const helpWall = median(wall.get('mangokit --help')!) / baseWall;
const helpCpu = median(cpu.get('mangokit --help')!) / baseCpu;
const verdict = (ratio: number) => (ratio <= 1.5 ? 'met' : 'NOT met');
console.log(
  `--help: ${helpCpu.toFixed(2)}× an empty node's CPU time (target ≤ 1.5×: ${verdict(helpCpu)}), ` +
    `${helpWall.toFixed(2)}× its wall time (${verdict(helpWall)}; wall time swings with the machine's load)`,
);
