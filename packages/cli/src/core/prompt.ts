import type { CliIO } from './io.js';
import { UsageError } from './errors.js';

/**
 * Asks for a secret on the terminal without echoing it: the prompt goes to stderr, the answer
 * is read in raw mode up to Enter (Backspace erases, Ctrl-C interrupts, Ctrl-D ends). Needs a
 * terminal on stdin; callers check `io.stdin?.isTTY` first.
 */
export function promptHidden(io: CliIO, question: string): Promise<string> {
  const stdin = io.stdin;
  if (!stdin?.isTTY || !stdin.setRawMode) return Promise.reject(new Error('no terminal to ask on'));
  const input = stdin;
  // Echo off before the question shows: what is typed after it is never shown.
  input.setRawMode?.(true);
  io.stderr.write(question);
  return new Promise((resolve, reject) => {
    let answer = '';
    const done = (error?: Error) => {
      input.off('data', onData);
      input.setRawMode?.(false);
      input.pause();
      io.stderr.write('\n');
      if (error) reject(error);
      else resolve(answer);
    };
    const onData = (chunk: Buffer | string) => {
      for (const ch of chunk.toString('utf8')) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') return done();
        if (ch === '\u0003') return done(new UsageError((m) => m.usage.interrupted));
        if (ch === '\u007f' || ch === '\b') answer = answer.slice(0, -1);
        else if (ch >= ' ') answer += ch;
      }
    };
    input.on('data', onData);
    input.resume();
  });
}

/** Reads stdin to its end (a secret piped in: `--api-salt -`), without the final newline. */
export async function readStdinLine(io: CliIO): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of io.stdin ?? process.stdin) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0]?.trim() ?? '';
}
