// Runs under Deno and Bun against a real sandbox: mangokit/web's client places a call, its
// web-standard handler (served by the runtime's own HTTP server) receives the call's
// notifications, the CallTracker folds them. Prints one JSON line with what happened.
// The test puts it beside mangokit-web.mjs, the esbuild bundle of mangokit/web, and runs
//   deno run --allow-net=127.0.0.1 program.mjs API_BASE PORT KEY SALT
//   bun program.mjs API_BASE PORT KEY SALT
import './web-only.mjs';
import { CallTracker, MangoAuthError, MangoClient, createWebhookHandler } from './mangokit-web.mjs';

const args = globalThis.Deno ? globalThis.Deno.args : globalThis.process.argv.slice(2);
const [apiBase, portText, apiKey, apiSalt] = args;
const port = Number(portText);

const runtime = globalThis.Deno ? `deno ${globalThis.Deno.version.deno}` : `bun ${globalThis.Bun.version}`;
const names = [];
const rejected = [];
const tracker = new CallTracker();
let completed;
const done = new Promise((resolve) => {
  tracker.on('completed', (data) => {
    completed = data;
    resolve();
  });
});
const handler = createWebhookHandler({
  apiKey,
  apiSalt,
  basePath: '/mango',
  allowIps: ['127.0.0.0/8', '::1'],
  onRejected: (r) => rejected.push(`${r.status} ${r.reason}`),
}).onAny((event) => {
  names.push(event.name);
  tracker.apply(event);
});

let stop;
if (globalThis.Deno) {
  const server = globalThis.Deno.serve({ port, hostname: '127.0.0.1', onListen() {} }, (request, info) =>
    handler(request, { ip: info.remoteAddr.hostname }),
  );
  stop = () => server.shutdown();
} else {
  const server = globalThis.Bun.serve({
    port,
    hostname: '127.0.0.1',
    fetch: (request, srv) => handler(request, { ip: srv.requestIP(request)?.address }),
  });
  stop = () => server.stop(true);
}

const result = {
  runtime,
  nodeGlobals: typeof globalThis.process !== 'undefined' || typeof globalThis.Buffer !== 'undefined',
};
try {
  const client = new MangoClient({ apiKey, apiSalt, baseUrl: apiBase });
  const users = await client.users.list();
  result.users = users.users.length;
  const placed = await client.calls.callback({ from: { extension: '101' }, to_number: '74957654321' });
  result.placed = { result: placed.result, commandIdLength: placed.command_id.length };
  const timeout = new Promise((_, reject) =>
    setTimeout(() => reject(new Error('no completed call in 30 s')), 30_000),
  );
  await Promise.race([done, timeout]);
  result.completed = {
    outcome: completed.outcome,
    legs: completed.call.legs.length,
    talk: completed.durations.talk,
  };
  try {
    await new MangoClient({ apiKey, apiSalt: `${apiSalt}x`, baseUrl: apiBase, maxRetries: 0 }).users.list();
    result.wrongSalt = 'accepted';
  } catch (error) {
    result.wrongSalt = error instanceof MangoAuthError ? 'MangoAuthError' : String(error);
  }
  const own = `http://127.0.0.1:${port}/mango`;
  const form = { 'content-type': 'application/x-www-form-urlencoded' };
  const post = (path, body) =>
    fetch(`${own}/${path}`, { method: 'POST', headers: form, body }).then((r) => r.status);
  result.statuses = {
    forged: await post(
      'events/call',
      `vpbx_api_key=${encodeURIComponent(apiKey)}&sign=${'0'.repeat(64)}&json=%7B%7D`,
    ),
    notAPath: await post('events/nothing', 'json=%7B%7D'),
    get: await fetch(`${own}/events/call`).then((r) => r.status),
    tooLarge: await post('events/call', 'x'.repeat(300 * 1024)),
  };
} catch (error) {
  result.error = String(error?.stack ?? error);
}
result.events = names;
result.rejected = rejected;
await stop();
console.log(`RESULT ${JSON.stringify(result)}`);
