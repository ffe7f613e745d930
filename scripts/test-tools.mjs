// What the test suite runs beyond `npm ci`, and how to get it. scripts/run-tests.mjs installs
// what is missing when it can (root with apt-get) or stops with one line naming the install
// command; a test names the tool it needs (`toolPath`, `skipWithout`) so that, when skipping is
// allowed, a skipped test says why. A new tool is one more row in TOOLS (and its name in
// test-tools.d.mts).
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/** PostgreSQL server binaries; `PG_BIN` points elsewhere (packages/gateway/test/support/postgres.ts reads it too). */
const PG_BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';

function executable(path) {
  try {
    accessSync(path, constants.X_OK);
    return path;
  } catch {
    return undefined;
  }
}

function onPath(command) {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const found = dir && executable(join(dir, command));
    if (found) return found;
  }
  return undefined;
}

/** Every tool a test runs: the Debian package that brings it, where it is found, what needs it. */
export const TOOLS = {
  chromium: { deb: 'chromium', find: () => onPath('chromium'), usedBy: 'the console tests' },
  postgresql: {
    deb: 'postgresql-15',
    find: () => executable(join(PG_BIN, 'postgres')) && PG_BIN,
    usedBy: 'the gateway PostgreSQL tests',
  },
  fish: { deb: 'fish', find: () => onPath('fish'), usedBy: 'the CLI completion tests' },
  zsh: { deb: 'zsh', find: () => onPath('zsh'), usedBy: 'the CLI completion tests' },
};

/** True under CI (`CI=true`, or any value but `false`/`0`): there an absent tool is a failure. */
export function underCi() {
  const ci = process.env.CI;
  return ci !== undefined && ci !== '' && ci !== 'false' && ci !== '0';
}

/** Names of the tools not installed on this machine. */
export function missingTools() {
  return Object.keys(TOOLS).filter((name) => !TOOLS[name].find());
}

/** The command that installs `names` on Debian (with `sudo` unless already root). */
export function installCommand(names) {
  const sudo = process.getuid?.() === 0 ? '' : 'sudo ';
  const debs = names.map((name) => TOOLS[name].deb).join(' ');
  return `${sudo}apt-get update && ${sudo}apt-get install -y ${debs}`;
}

/**
 * Where `name` is (a file, or the directory of PostgreSQL's server binaries); throws one clear
 * line naming the install command when it is absent.
 */
export function toolPath(name) {
  const found = TOOLS[name].find();
  if (!found)
    throw new Error(`${name} is not installed; ${TOOLS[name].usedBy} need it: ${installCommand([name])}`);
  return found;
}

/**
 * A `skip` option for node:test: the reason when `name` is absent and the runner allowed skipping
 * (outside CI only), else false — then the test runs, and `toolPath` says what to install.
 */
export function skipWithout(name) {
  if (process.env.MANGOKIT_TEST_SKIP_MISSING !== '1' || underCi() || TOOLS[name].find()) return false;
  return `${name} is not installed (${installCommand([name])})`;
}
