import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

const BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';

/** A throw-away PostgreSQL server started for a test file. */
export interface TestPostgres {
  port: number;
  /** URL of the `postgres` maintenance database. */
  adminUrl: string;
  /** Creates a fresh database and returns its URL. */
  createDatabase(name: string): Promise<string>;
  /** SIGKILL to the postmaster and every server process: a crash, no shutdown at all. */
  kill9(): Promise<void>;
  /** Starts the server: again after `kill9()` (crash recovery runs), or first with `start: false`. */
  start(): Promise<void>;
  /** `pg_ctl restart -m fast`: sessions are ended, the server is back when this resolves. */
  restart(): Promise<void>;
  /** SIGSTOP to every server process: the server hangs, connections stay open. */
  freeze(): void;
  /** SIGCONT after `freeze()`. */
  thaw(): void;
  /** `pg_terminate_backend` on every other session of `database`; answers how many. */
  terminateSessions(database: string): Promise<number>;
  /** Stops the server and deletes its files. */
  stop(): Promise<void>;
}

/** The postmaster's pid (first line of `postmaster.pid`) and the pids of its children. */
function serverPids(data: string): number[] {
  const main = Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
  const pids = [main];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      // Field 4 of /proc/<pid>/stat is the parent pid (after the parenthesised command name).
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === main) pids.push(Number(name));
    } catch {
      // The process ended meanwhile.
    }
  }
  return pids;
}

function signalAll(pids: number[], signal: NodeJS.Signals): void {
  for (const pid of pids) {
    try {
      process.kill(pid, signal);
    } catch {
      // Already gone.
    }
  }
}

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** Runs a PostgreSQL binary as user `postgres` (initdb refuses root). */
function asPostgres(bin: string, args: string[]): string {
  const cmd =
    process.getuid?.() === 0
      ? ['runuser', ['-u', 'postgres', '--', join(BIN, bin), ...args]]
      : [join(BIN, bin), args];
  return execFileSync(cmd[0] as string, cmd[1] as string[], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** `asPostgres` without blocking the event loop (a test's load keeps running meanwhile). */
async function asPostgresAsync(bin: string, args: string[]): Promise<void> {
  const [cmd, argv] =
    process.getuid?.() === 0
      ? ['runuser', ['-u', 'postgres', '--', join(BIN, bin), ...args]]
      : [join(BIN, bin), args];
  await promisify(execFile)(cmd, argv);
}

/**
 * `initdb` into a temp dir and `pg_ctl start` on a free port (or `port`), listening on 127.0.0.1
 * and a unix socket in the same temp dir. Call `stop()` in `after`.
 */
export async function startPostgres(
  options: {
    fsync?: boolean;
    /** Port to listen on (default a free one). */
    port?: number;
    /** False: only `initdb`; the server is started later with `start()` (default true). */
    start?: boolean;
  } = {},
): Promise<TestPostgres> {
  const dir = mkdtempSync(join(tmpdir(), 'mangokit-pg-'));
  chmodSync(dir, 0o777); // the server runs as `postgres` and keeps its socket here
  if (process.getuid?.() === 0) execFileSync('chown', ['postgres', dir]);
  const data = join(dir, 'data');
  asPostgres('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8']);
  const port = options.port ?? (await freePort());
  const settings = [
    `-p ${port}`,
    `-k ${dir}`,
    '-c listen_addresses=127.0.0.1',
    '-c max_connections=200',
    `-c fsync=${options.fsync === false ? 'off' : 'on'}`,
  ].join(' ');
  const startArgs = ['-D', data, '-o', settings, '-l', join(dir, 'server.log'), '-w', '-t', '60', 'start'];
  if (options.start !== false) asPostgres('pg_ctl', startArgs);
  const adminUrl = `postgres://postgres@127.0.0.1:${port}/postgres`;
  let stopped = false;
  let frozen: number[] = [];
  return {
    port,
    adminUrl,
    async kill9() {
      const pids = serverPids(data);
      signalAll(pids, 'SIGKILL');
      // Wait until they are all gone: a restart refuses while old shared memory is attached.
      const deadline = Date.now() + 10_000;
      while (pids.some((pid) => alive(pid)) && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 50));
    },
    async start() {
      await asPostgresAsync('pg_ctl', startArgs);
    },
    async restart() {
      // -l as at start: otherwise the new server inherits our stdout and pg_ctl never returns.
      await asPostgresAsync('pg_ctl', [
        '-D',
        data,
        '-l',
        join(dir, 'server.log'),
        '-m',
        'fast',
        '-w',
        '-t',
        '60',
        'restart',
      ]);
    },
    freeze() {
      frozen = serverPids(data);
      signalAll(frozen, 'SIGSTOP');
    },
    thaw() {
      signalAll(frozen, 'SIGCONT');
      frozen = [];
    },
    async terminateSessions(database) {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      try {
        const r = await c.query(
          'SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
          [database],
        );
        return (r.rows[0] as { n: number }).n;
      } finally {
        await c.end();
      }
    },
    async createDatabase(name) {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      try {
        await c.query(`CREATE DATABASE "${name.replace(/"/g, '')}"`);
      } finally {
        await c.end();
      }
      return `postgres://postgres@127.0.0.1:${port}/${encodeURIComponent(name)}`;
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      if (frozen.length > 0) signalAll(frozen, 'SIGCONT');
      try {
        asPostgres('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } catch (err) {
        // Never started (or already gone): nothing to stop.
        if (existsSync(join(data, 'postmaster.pid'))) throw err;
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    // A zombie still answers signal 0; its state letter in /proc says it is gone.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}
