import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { checkContract, contractCases, creds, sendCase } from './helpers.js';

const root = join(import.meta.dirname, '..', '..', '..', '..');
const example = join(root, 'examples', 'nextjs');
const env = { MANGO_API_KEY: creds.apiKey, MANGO_API_SALT: creds.apiSalt, MANGO_ALLOW_ANY_IP: '1' };

type RouteModule = Record<string, (request: Request) => Promise<Response>>;

describe('Next.js route handler example (examples/nextjs)', () => {
  it('the route module honours the status contract with web Request/Response', async () => {
    Object.assign(process.env, env);
    // The route is the example's plain-JS glue; import it as Next would, by path.
    const route = (await import(
      pathToFileURL(join(example, 'app', 'mango', '[...path]', 'route.js')).href
    )) as RouteModule;
    const lib = (await import(
      pathToFileURL(join(example, 'lib', 'mango.ts')).href
    )) as typeof import('../../../../examples/nextjs/lib/mango.js');
    let runs = 0;
    lib.handler.onAny(() => {
      runs++;
    });
    await checkContract(
      async (c) => {
        const request = new Request(`https://crm.example${c.path ?? '/mango/events/call'}`, {
          method: c.method ?? 'POST',
          ...(c.body === undefined
            ? {}
            : {
                body: c.body,
                headers:
                  typeof c.body === 'string'
                    ? { 'content-type': c.contentType ?? 'application/x-www-form-urlencoded' }
                    : {},
              }),
        });
        const method = route[request.method];
        assert.ok(method, `route exports ${request.method}`);
        return (await method(request)).status;
      },
      () => runs,
      (a, e, m) => assert.equal(a, e, m),
    );
    assert.ok(lib.tracker.get('E1'), 'the example feeds its CallTracker');
  });
});

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

describe('Next.js route handler served by `next dev`', { timeout: 300_000 }, () => {
  let child: ChildProcess | undefined;
  let base = '';
  let log = '';

  before(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    child = spawn(
      process.execPath,
      [
        join(root, 'node_modules', 'next', 'dist', 'bin', 'next'),
        'dev',
        example,
        '-p',
        String(port),
        '-H',
        '127.0.0.1',
      ],
      {
        cwd: root,
        // CI=1 stops Next from trying to install packages; its own process group lets us stop its workers.
        env: { ...process.env, ...env, NEXT_TELEMETRY_DISABLED: '1', CI: '1', NODE_ENV: 'development' },
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true,
      },
    );
    child.stdout!.on('data', (d: Buffer) => {
      log += d.toString();
    });
    child.stderr!.on('data', (d: Buffer) => {
      log += d.toString();
    });
    const deadline = Date.now() + 120_000;
    while (!/Ready in/.test(log)) {
      if (Date.now() > deadline || child.exitCode !== null)
        throw new Error(`next dev did not start:\n${log}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    // The first request compiles the route.
    await fetch(`${base}/mango/ping`);
  });

  after(async () => {
    if (child?.pid !== undefined && child.exitCode === null) {
      const exited = once(child, 'exit');
      process.kill(-child.pid, 'SIGTERM');
      await exited;
    }
    // Next's build output would otherwise be linted and type-checked with the repository.
    rmSync(join(example, '.next'), { recursive: true, force: true });
  });

  it('honours the status contract over a real socket', async () => {
    for (const c of contractCases()) {
      assert.equal(await sendCase(base, c), c.status, `${c.name}: status\n${log.slice(-2000)}`);
    }
    // The accepted call reached the example's CallTracker: it logs the card pop once (duplicates are dropped).
    assert.equal(log.match(/card pop: 79001234567 is ringing 101/g)?.length, 1, log.slice(-2000));
  });
});
