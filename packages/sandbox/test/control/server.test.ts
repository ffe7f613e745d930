import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { stringify } from 'yaml';
import { createDemoOffice, describeSandbox, startSandbox } from '../../src/index.js';
import { startReceiver } from '../support/receiver.js';

test('an office file, several webhook bases and a console folder; unknown paths answer 404', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'sandbox-'));
  const office = createDemoOffice();
  office.name = 'From file';
  await writeFile(join(dir, 'office.yaml'), stringify(office));
  await writeFile(join(dir, 'index.html'), '<h1>console</h1>');
  const a = await startReceiver({ apiKey: office.api_key, apiSalt: office.api_salt });
  const b = await startReceiver({ apiKey: office.api_key, apiSalt: office.api_salt });
  const sb = await startSandbox({
    port: 0,
    clock: 'manual',
    office: join(dir, 'office.yaml'),
    webhookUrls: [a.url, b.url],
    consoleDir: dir,
  });
  try {
    assert.equal(sb.office.name, 'From file');
    const page = await fetch(`${sb.url}/`);
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type') ?? '', /text\/html/);
    assert.equal(await page.text(), '<h1>console</h1>');
    assert.equal((await fetch(`${sb.url}/../../etc/passwd`)).status, 404);
    assert.equal((await fetch(`${sb.url}/nothing-here`)).status, 404);
    sb.engine.incomingCall('79001234567');
    await sb.deliveries.idle();
    await a.waitFor((all) => all.length === 1);
    await b.waitFor((all) => all.length === 1);
    assert.ok(a.received[0]!.verified && b.received[0]!.verified);
    assert.equal(a.received[0]!.path, 'events/call');
  } finally {
    await sb.close();
    await a.close();
    await b.close();
    await rm(dir, { recursive: true, force: true });
  }
});

test('a bad office file fails start-up with the validation error', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'sandbox-'));
  try {
    await writeFile(join(dir, 'office.json'), '{"name": "x", "employees": "none"}');
    await assert.rejects(
      startSandbox({ port: 0, office: join(dir, 'office.json') }),
      /employees: must be an array/,
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('on a real clock with a speed factor the demo callback finishes by itself', async () => {
  const office = createDemoOffice();
  const hooks = await startReceiver({ apiKey: office.api_key, apiSalt: office.api_salt });
  // 60× real time: the minute-long demo call takes about a second.
  const sb = await startSandbox({ port: 0, clock: 'real', speed: 60, office, webhookUrl: hooks.url });
  try {
    const ack = sb.engine.command('callback', {
      command_id: 'rt',
      from: { extension: '102' },
      to_number: '79035550202',
    });
    assert.equal(ack.result, 1000);
    await hooks.waitFor((all) => all.some((x) => x.path === 'events/summary'), 10_000);
    const summary = hooks.on('events/summary')[0]!.data;
    assert.equal(summary.entry_result, 1);
    // Durations are not asserted: on a loaded machine real timers fire late and virtual time runs on.
    assert.ok(Number(summary.talk_time) >= Number(summary.create_time));
    assert.ok(Number(summary.end_time) > Number(summary.talk_time));
    assert.equal(sb.engine.live.size, 0);
  } finally {
    await sb.close();
    await hooks.close();
  }
});

test('the banner names the URLs and the demo credentials', () => {
  const text = describeSandbox('http://127.0.0.1:5080', createDemoOffice());
  assert.match(text, /API base URL: http:\/\/127\.0\.0\.1:5080\/vpbx\//);
  assert.match(text, /api_key: {6}demokey0sandbox0mangokit0000001/);
});
