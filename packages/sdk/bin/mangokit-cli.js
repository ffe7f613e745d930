#!/usr/bin/env node
// `npx mangokit …` fetches this package, the SDK, and runs its one bin: this launcher. The
// command line itself is the @mangokit/cli package (`mangokit`): run the one installed beside the
// SDK, or else fetch it the way npx fetched this package (npm asks before installing).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const args = process.argv.slice(2);
let cli;
try {
  cli = createRequire(import.meta.url).resolve('@mangokit/cli/package.json');
} catch {
  cli = undefined;
}
if (cli) {
  const { bin } = JSON.parse(readFileSync(cli, 'utf8'));
  await import(new URL(bin.mangokit, pathToFileURL(cli)).href);
} else {
  const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  const spec = `@mangokit/cli@${version}`;
  process.stderr.write(
    `mangokit: the command line is the ${spec} package, not installed here; running it with npm exec ` +
      `(to install it: npm i -g @mangokit/cli)\n`,
  );
  // Under npm/npx, npm_execpath is npm's own script: the same npm runs the command line.
  const npm = process.env.npm_execpath;
  const [command, prefix] = npm?.endsWith('.js') ? [process.execPath, [npm]] : ['npm', []];
  const child = spawn(command, [...prefix, 'exec', '--package', spec, '--', 'mangokit', ...args], {
    stdio: 'inherit',
    shell: process.platform === 'win32' && command === 'npm',
  });
  // Ctrl-C reaches the command line too; it decides when to stop.
  process.on('SIGINT', () => {});
  process.on('SIGTERM', () => child.kill('SIGTERM'));
  child.on('error', (err) => {
    process.stderr.write(
      `mangokit: could not start npm (${err.message}); install the command line: npm i -g @mangokit/cli\n`,
    );
    process.exit(1);
  });
  child.on('exit', (code) => process.exit(code ?? 1));
}
