import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createDemoOffice, type Sandbox, startSandbox, validateOffice } from '@mangokit/sandbox';
import { MangoClient } from 'mangokit';
import { parseTraffic } from '../src/traffic/format.js';
import { cleanEnv, ROOT, runCli, startCli, tempDir, waitForLine } from './helpers/cli.js';

/** The office of the "production" the test records: one employee behind one line, quick phones. */
const PRODUCTION = {
  name: 'Recorded Office',
  api_key: 'recordedkey0001',
  api_salt: 'recordedsalt0001',
  employees: [
    {
      user_id: 7,
      name: 'Anna',
      extension: '101',
      numbers: [{ number: 'sip:anna@recorded.mangosip.ru', protocol: 'sip' }],
      policy: { onRing: 'answer', answerAfterSec: 1, hangupAfterSec: 2 },
    },
  ],
  lines: [{ line_id: 1, number: '74950001122', region: '495', schema_id: 1 }],
  schemes: [
    {
      schema_id: 1,
      name: 'straight to Anna',
      start: 'anna',
      nodes: [{ id: 'anna', type: 'employee', extension: '101' }],
    },
  ],
  default_customer_policy: { onRing: 'answer', answerAfterSec: 1, hangupAfterSec: 3 },
};

function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((r) => child.on('close', r));
}

async function until(what: string, check: () => Promise<boolean> | boolean, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('record → replay → conformance (real processes)', () => {
  let dir: { path: string; cleanup: () => Promise<void> };
  let pbx: Sandbox;
  before(async () => {
    dir = await tempDir();
    pbx = await startSandbox({
      port: 0,
      office: validateOffice(structuredClone(PRODUCTION)),
      lockout: false,
    });
  });
  after(async () => {
    await pbx.close();
    await dir.cleanup();
  });

  it('a recording of real traffic replays to a webhook and the API, and conformance finds the sandbox sends the same', {
    timeout: 240_000,
  }, async () => {
    const calls = join(dir.path, 'calls.jsonl');
    const api = join(dir.path, 'api.jsonl');
    const replayed = join(dir.path, 'replayed.jsonl');
    const env = cleanEnv(dir.path, {
      MANGO_API_KEY: PRODUCTION.api_key,
      MANGO_API_SALT: PRODUCTION.api_salt,
    });

    // 1. Record: a listener on the "production" PBX's webhook, a proxy between the app and its API.
    const listener = startCli(['listen', '--port', '0', '--record', calls], { env });
    const proxy = startCli(['proxy', '--port', '0', '--upstream', pbx.url, '--record', api], { env });
    try {
      const [, listenUrl] = await waitForLine(
        listener.stderr as NodeJS.ReadableStream,
        /listening on (http:\S+)/,
      );
      const [, proxyUrl] = await waitForLine(proxy.stderr as NodeJS.ReadableStream, /proxy on (http:\S+)/);
      pbx.deliveries.setUrls([`${listenUrl}crm/mango/`]);
      // A customer calls the line; Anna answers and hangs up.
      pbx.engine.incomingCall('79005556677');
      await until('the incoming call to end', () => pbx.engine.live.size === 0);
      await pbx.deliveries.idle();
      // The application clicks to call through the proxy.
      const app = new MangoClient({
        apiKey: PRODUCTION.api_key,
        apiSalt: PRODUCTION.api_salt,
        baseUrl: `${proxyUrl}vpbx/`,
        maxRetries: 0,
      });
      const ack = await app.calls.callback({ from: { extension: '101' }, to_number: '79001112233' });
      assert.equal(ack.result, 1000);
      await until('the callback to end', () => pbx.engine.live.size === 0);
      await until('deliveries', async () => {
        await pbx.deliveries.idle();
        return pbx.deliveries.list().every((d) => d.status === 'delivered');
      });
    } finally {
      listener.kill('SIGINT');
      proxy.kill('SIGINT');
    }
    await Promise.all([exited(listener), exited(proxy)]);
    const recorded = parseTraffic(await readFile(calls, 'utf8'));
    const paths = recorded.notifications.map((n) => n.path);
    assert.ok(paths.includes('events/summary') && paths.includes('result/callback'), paths.join());
    assert.ok(recorded.notifications.every((n) => n.form?.sign === 'redacted-64-hex'));

    // 2. Conformance: the sandbox, played the recorded scenario, sends what was recorded.
    const report = await runCli(['conformance', calls, '--also', api, '--json'], { env, timeoutMs: 60_000 });
    const json = JSON.parse(report.stdout) as {
      matched: boolean;
      differences: unknown[];
      scenario: Array<{ step: string }>;
      compared: string[];
    };
    assert.equal(report.code, 0, report.stdout + report.stderr);
    assert.equal(json.matched, true);
    assert.ok(json.compared.includes('events/call') && json.compared.includes('result/callback'));
    assert.ok(json.scenario.some((s) => s.step.startsWith('79005556677 calls line 74950001122')));
    assert.ok(json.scenario.some((s) => s.step.startsWith('commands/callback')));

    // 3. Replay both recordings: the notifications to a new listener, the API from the cassette.
    const demo = createDemoOffice();
    const replayEnv = cleanEnv(dir.path, { MANGO_API_KEY: demo.api_key, MANGO_API_SALT: demo.api_salt });
    const second = startCli(['listen', '--port', '0', '--record', replayed], { env: replayEnv });
    let replay: ChildProcess | undefined;
    try {
      const [, url2] = await waitForLine(second.stderr as NodeJS.ReadableStream, /listening on (http:\S+)/);
      replay = startCli(
        [
          'sandbox',
          '--port',
          '0',
          '--replay',
          calls,
          '--replay',
          api,
          '--webhook',
          `${url2}app/`,
          '--speed',
          'max',
          '--json',
        ],
        {
          env: replayEnv,
        },
      );
      const [line] = await waitForLine(replay.stdout as NodeJS.ReadableStream, /^\{.*"api_base_url".*\}$/m);
      const info = JSON.parse(line) as { api_base_url: string };
      // The application, offline: its click-to-call is answered from the recording.
      const offline = new MangoClient({
        apiKey: demo.api_key,
        apiSalt: demo.api_salt,
        baseUrl: info.api_base_url,
        maxRetries: 0,
      });
      assert.equal(
        (await offline.calls.callback({ from: { extension: '101' }, to_number: '79001112233' })).result,
        1000,
      );
      await waitForLine(replay.stdout as NodeJS.ReadableStream, /"replay_done"/);
    } finally {
      second.kill('SIGINT');
      replay?.kill('SIGINT');
    }
    await exited(second);
    if (replay) await exited(replay);
    const again = parseTraffic(await readFile(replayed, 'utf8'));
    assert.deepEqual(
      again.notifications.map((n) => [n.path, n.form?.json, n.verified]),
      recorded.notifications.map((n) => [n.path, n.form?.json, true]),
      'the replay posts every notification again, byte for byte, verified with the sandbox credentials',
    );

    // 4. The replayed stream conforms too; an altered recording does not, and says where.
    // (Replayed at full speed, its arrival times say nothing of the PBX's clock: without the proxy's
    // recording, the callback is read from its legs.)
    const replayedReport = await runCli(['conformance', replayed], { env, timeoutMs: 60_000 });
    assert.equal(replayedReport.code, 0, replayedReport.stdout + replayedReport.stderr);
    assert.match(replayedReport.stdout, /the sandbox sent what was recorded/);
    // A PBX that answered the command "success with remarks" (1001) instead of 1000.
    const altered = join(dir.path, 'altered.jsonl');
    const lines = (await readFile(calls, 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { path?: string; form?: { json: string } });
    for (const l of lines)
      if (l.path === 'result/callback' && l.form)
        l.form.json = l.form.json.replace('"result":1000', '"result":1001');
    await writeFile(altered, `${lines.map((l) => JSON.stringify(l)).join('\n')}\n`);
    const differs = await runCli(['conformance', altered, '--also', api], { env, timeoutMs: 60_000 });
    assert.equal(differs.code, 6, differs.stdout + differs.stderr);
    assert.match(
      differs.stdout,
      /code\s+result\/callback\s+result\/callback of command \S+: result: recorded 1001, sandbox 1000/,
    );
  });
});

describe('mangokit conformance on the corpus made from the vendor examples (real processes)', () => {
  const corpus = (name: string) => join(ROOT, 'packages/cli/corpus', name);

  it('the callback example: 1124 is a Contact-Center "do not disturb"; the sandbox hands over at once where the example takes 2-3 s', async () => {
    const r = await runCli([
      'conformance',
      corpus('pdf-2017-callback.jsonl'),
      '--ignore-field',
      'dct',
      '--json',
    ]);
    assert.equal(r.code, 6);
    const report = JSON.parse(r.stdout) as {
      notes: string[];
      differences: Array<{
        kind: string;
        where: string;
        field?: string;
        recorded?: unknown;
        sandbox?: unknown;
      }>;
    };
    assert.ok(report.notes.some((n) => n.includes('5555') && n.includes('1124')));
    const kinds = (kind: string) => report.differences.filter((d) => d.kind === kind);
    assert.deepEqual(kinds('code'), [], "the codes are the example's");
    assert.deepEqual(kinds('missing-event').concat(kinds('extra-event')), []);
    assert.ok(
      kinds('time').some(
        (d) => /leg 2 .* Appeared/.test(d.where) && d.recorded === 1399906976 && d.sandbox === 1399906973,
      ),
    );
    assert.ok(kinds('extra-field').some((d) => d.field === 'callback_initiator'));
  });

  it('the route example: the sandbox sends what the document shows (its 2017 samples have no dct)', async () => {
    const r = await runCli(['conformance', corpus('pdf-2017-route.jsonl'), '--ignore-field', 'dct']);
    assert.equal(r.code, 0, r.stdout);
    assert.match(
      r.stdout,
      /commands\/route \{"call_id":"call 1 leg 1","command_id":"c111","to_number":"123"\}/,
    );
    const strict = await runCli([
      'conformance',
      corpus('pdf-2017-route.jsonl'),
      '--ignore-field',
      'dct',
      '--strict-types',
    ]);
    assert.equal(strict.code, 6, 'its "1100" strings are numbers in the sandbox');
  });

  it('the DTMF example: the packets, their locations and the route match; the sandbox tags the routed leg with command_id', async () => {
    const r = await runCli([
      'conformance',
      corpus('pdf-2017-dtmf-route.jsonl'),
      '--ignore-field',
      'dct',
      '--json',
    ]);
    assert.equal(r.code, 6);
    const report = JSON.parse(r.stdout) as {
      differences: Array<{ kind: string; path: string; where: string; field?: string }>;
    };
    assert.deepEqual(
      report.differences.filter((d) => d.path === 'events/dtmf' && d.kind !== 'type'),
      [],
    );
    assert.deepEqual(
      report.differences.filter((d) => d.path === 'result/route' && d.kind !== 'type'),
      [],
    );
    assert.ok(
      report.differences.some(
        (d) => d.kind === 'extra-field' && d.field === 'command_id' && /leg 2/.test(d.where),
      ),
    );
  });

  it('the blind transfer example plays: the ringing consultation is handed to the caller and announced again', async () => {
    const r = await runCli([
      'conformance',
      corpus('pdf-2017-blind-transfer.jsonl'),
      '--ignore-field',
      'dct',
      '--json',
    ]);
    const report = JSON.parse(r.stdout) as {
      failures: unknown[];
      differences: Array<{
        kind: string;
        where: string;
        field?: string;
        recorded?: unknown;
        sandbox?: unknown;
      }>;
    };
    assert.deepEqual(report.failures, []);
    const leg2 = report.differences.filter((d) => /leg 2/.test(d.where));
    assert.ok(
      !leg2.some((d) => d.kind === 'missing-event' || d.kind === 'extra-event'),
      JSON.stringify(leg2),
    );
    assert.ok(leg2.some((d) => d.field === 'transfer' && d.sandbox === 'blind'));
  });

  it('every corpus file is a traffic file the cassette and conformance read', async () => {
    const r = await runCli(['conformance', corpus('pdf-2017-summary-1.jsonl')]);
    assert.equal(r.code, 6);
    assert.match(r.stdout, /only its summary is recorded/);
    assert.match(
      r.stdout,
      /code\s+events\/summary\s+call 1 summary: disconnect_reason: recorded 1100, sandbox 1110/,
    );
  });
});
