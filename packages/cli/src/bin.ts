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
// process.stderr and process.stdin are made when first touched (a terminal, pipe or file stream
// each): a run that never writes an error or reads a secret does without them.
let stderrUsed = false;
const code = await main(process.argv.slice(2), {
  stdout: process.stdout,
  get stderr() {
    stderrUsed = true;
    return process.stderr;
  },
  get stdin() {
    return process.stdin;
  },
  env: process.env,
  cwd: process.cwd(),
  signal: controller.signal,
});
clearInterval(keepAlive);
// Exit once both streams are flushed, even if a keep-alive socket would hold the loop open.
const exit = () => process.exit(code);
process.stdout.write('', () => (stderrUsed ? process.stderr.write('', exit) : exit()));
