#!/usr/bin/env node
import { ExitCode } from './core/exitCodes.js';
import { main } from './main.js';

const controller = new AbortController();
let interrupts = 0;
const onSignal = () => {
  // First Ctrl-C: stop cleanly (archive finishes its manifest, listen closes its port). Second: now.
  if (++interrupts > 1) process.exit(ExitCode.Interrupted);
  controller.abort();
};
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);
// `mangokit history | head` closes the pipe early: that is not an error.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(ExitCode.Ok);
});

// The SDK unrefs its timers (retry backoff, limiter waits, stats polling) so libraries never hold
// a process open; a CLI waiting on them must, or Node would exit 13 mid-command.
const keepAlive = setInterval(() => {}, 1 << 30);
const code = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
  cwd: process.cwd(),
  signal: controller.signal,
});
clearInterval(keepAlive);
// Exit once both streams are flushed, even if a keep-alive socket would hold the loop open.
process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
