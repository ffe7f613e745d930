import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Sandbox } from '@mangokit/sandbox';
import { cleanEnv, runCli, tempDir } from './helpers/cli.js';
import { control, makeRecordedCalls, startTestSandbox } from './helpers/sandbox.js';

/**
 * Three hosts on three loopback addresses, so the allow-list (which compares host names) can
 * tell them apart:
 * - 127.0.0.1 — the API as the CLI sees it: every request is passed to the sandbox, and the 302
 *   of `queries/recording/post` is re-pointed per recording to one of the two file hosts below;
 * - 127.0.0.3 — a storage host allowed by `--allow-host`: serves the sandbox's file (Range
 *   passed on), or for one recording redirects once more, to the disallowed host;
 * - 127.0.0.2 — a storage host never allowed: it records every request it gets and answers an
 *   MP3-typed body, so anything it served would look like a recording.
 */
interface Hosts {
  apiBaseUrl: string;
  /** Requests the disallowed host received. */
  disallowedHits: string[];
  /** Requests the allowed host received. */
  allowedHits: string[];
  close(): Promise<void>;
}

async function listen(server: Server, host: string): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, host, () => resolve()));
  return `http://${host}:${(server.address() as AddressInfo).port}`;
}

async function body(req: IncomingMessage): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of req) parts.push(c as Buffer);
  return Buffer.concat(parts);
}

/** Copies a fetch answer onto a Node response. */
async function relay(res: ServerResponse, answer: Response, headers: Record<string, string> = {}) {
  const out: Record<string, string> = {};
  answer.headers.forEach((v, k) => {
    if (k !== 'content-encoding' && k !== 'transfer-encoding' && k !== 'connection') out[k] = v;
  });
  res.writeHead(answer.status, { ...out, ...headers });
  res.end(Buffer.from(await answer.arrayBuffer()));
}

async function startHosts(
  sb: Sandbox,
  route: (recordingId: string) => 'disallowed' | 'allowed' | 'allowed-then-disallowed',
): Promise<Hosts> {
  const disallowedHits: string[] = [];
  const allowedHits: string[] = [];
  const disallowed = createServer((req, res) => {
    disallowedHits.push(req.url ?? '');
    req.resume();
    res.writeHead(200, { 'content-type': 'audio/mpeg' });
    res.end('not the recording');
  });
  const disallowedUrl = await listen(disallowed, '127.0.0.2');
  const allowed = createServer((req, res) => {
    allowedHits.push(req.url ?? '');
    req.resume();
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.searchParams.get('then') === 'disallowed') {
      res.writeHead(302, { location: `${disallowedUrl}${url.pathname}` });
      res.end();
      return;
    }
    const range = req.headers.range;
    fetch(`${sb.url}${url.pathname}`, range ? { headers: { range } } : {}).then(
      (answer) => relay(res, answer),
      () => res.destroy(),
    );
  });
  const allowedUrl = await listen(allowed, '127.0.0.3');
  const api = createServer((req, res) => {
    body(req)
      .then(async (raw) => {
        const answer = await fetch(`${sb.url}${req.url}`, {
          method: req.method ?? 'GET',
          headers: { 'content-type': req.headers['content-type'] ?? 'application/x-www-form-urlencoded' },
          ...(req.method === 'POST' ? { body: raw.toString() } : {}),
          redirect: 'manual',
        });
        const location = answer.headers.get('location');
        if (!req.url?.endsWith('/queries/recording/post') || answer.status !== 302 || !location)
          return relay(res, answer);
        const json = JSON.parse(new URLSearchParams(raw.toString()).get('json') ?? '{}') as {
          recording_id: string;
        };
        const file = new URL(location).pathname;
        const to = route(json.recording_id);
        const target =
          to === 'disallowed'
            ? `${disallowedUrl}${file}`
            : to === 'allowed'
              ? `${allowedUrl}${file}`
              : `${allowedUrl}${file}?then=disallowed`;
        await answer.arrayBuffer();
        res.writeHead(302, { location: target });
        res.end();
      })
      .catch(() => res.destroy());
  });
  const apiUrl = await listen(api, '127.0.0.1');
  return {
    apiBaseUrl: `${apiUrl}/vpbx/`,
    disallowedHits,
    allowedHits,
    async close() {
      for (const s of [api, allowed, disallowed]) {
        s.closeAllConnections();
        await new Promise<void>((r) => s.close(() => r()));
      }
    },
  };
}

interface Summary {
  matched: number;
  archived: number;
  failed: number;
  complete: boolean;
}

interface ManifestJson {
  complete: boolean;
  recordings: { recording_id: string; file: string; bytes: number }[];
  failed: { recording_id: string; file: string; error: string }[];
}

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true }))
    if (entry.isFile()) out.push(join(entry.parentPath, entry.name).slice(dir.length + 1));
  return out.sort();
}

describe('mangokit archive --allow-host: recording redirects through the real CLI process', () => {
  let sb: Sandbox;
  let hosts: Hosts;
  let dir: { path: string; cleanup: () => Promise<void> };
  let env: Record<string, string>;
  let period: string[];
  let ids: string[];

  before(async () => {
    sb = await startTestSandbox();
    dir = await tempDir();
    await makeRecordedCalls(sb, 2);
    const recs = await control<{ recordings: { recording_id: string }[] }>(sb, 'recordings', {}, 'GET');
    ids = recs.recordings.map((r) => r.recording_id).sort();
    assert.equal(ids.length, 6, 'two rounds of three recorded calls');
    // The first recording goes to the disallowed host, the second to the allowed host and from
    // there on to the disallowed one; the other four to the allowed host.
    hosts = await startHosts(sb, (id) =>
      id === ids[0] ? 'disallowed' : id === ids[1] ? 'allowed-then-disallowed' : 'allowed',
    );
    env = cleanEnv(join(dir.path, 'xdg'), {
      MANGO_BASE_URL: hosts.apiBaseUrl,
      MANGO_API_KEY: sb.office.api_key,
      MANGO_API_SALT: sb.office.api_salt,
    });
    const now = Math.floor(Date.now() / 1000);
    period = ['--from', String(now - 3 * 3600), '--to', String(now + 2 * 86400)];
  });
  after(async () => {
    await hosts?.close();
    await sb?.close();
    await dir?.cleanup();
  });

  it('without --allow-host no storage host is fetched; with it, only the allowed one, and the rest fail', async () => {
    // Run 1: neither storage host is allowed (the API's host and files.mango-office.ru only).
    const strict = join(dir.path, 'strict');
    const first = await runCli(['archive', ...period, '--out', strict, '--json'], { env });
    assert.equal(first.code, 5, `partial run exits 5: ${first.stderr}`);
    const firstSummary = JSON.parse(first.stdout) as Summary;
    assert.deepEqual(
      [firstSummary.matched, firstSummary.archived, firstSummary.failed, firstSummary.complete],
      [6, 0, 6, false],
    );
    assert.deepEqual(hosts.disallowedHits, [], 'the disallowed host was never asked');
    assert.deepEqual(hosts.allowedHits, [], 'a host not yet allowed was never asked');
    const strictManifest = JSON.parse(await readFile(join(strict, 'manifest.json'), 'utf8')) as ManifestJson;
    assert.equal(strictManifest.failed.length, 6);
    for (const f of strictManifest.failed)
      assert.match(f.error, /refusing to follow a redirect to http:\/\/127\.0\.0\.[23]:/);
    assert.deepEqual(
      (await filesUnder(strict)).filter((f) => f.endsWith('.mp3') || f.endsWith('.part')),
      [],
      'nothing written for a refused redirect',
    );

    // Run 2: the storage host on 127.0.0.3 is allowed; 127.0.0.2 still is not.
    const out = join(dir.path, 'allowed');
    const second = await runCli(['archive', ...period, '--out', out, '--allow-host', '127.0.0.3'], { env });
    assert.equal(second.code, 5, second.stderr);
    assert.match(second.stdout, /archived 4\/6 recording\(s\).* 2 failed/);
    for (const id of ids.slice(0, 2))
      assert.ok(second.stderr.includes(id), `the failure of ${id} is reported`);
    assert.match(second.stderr, /refusing to follow a redirect to http:\/\/127\.0\.0\.2:/);
    assert.deepEqual(hosts.disallowedHits, [], 'the disallowed host was never asked, not even after a hop');
    assert.equal(hosts.allowedHits.length, 5, 'four files and one hop on the allowed host');

    const manifest = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8')) as ManifestJson;
    assert.equal(manifest.complete, false);
    assert.deepEqual(manifest.failed.map((f) => f.recording_id).sort(), ids.slice(0, 2));
    assert.deepEqual(manifest.recordings.map((r) => r.recording_id).sort(), ids.slice(2));
    const files = await filesUnder(out);
    for (const f of manifest.failed) {
      assert.ok(!files.includes(f.file), `${f.file} was not archived`);
      assert.ok(!files.includes(`${f.file}.part`), `${f.file} left no partial file`);
    }
    // The archived files are the recordings' bytes, as the sandbox serves them.
    for (const r of manifest.recordings) {
      const audio = await fetch(`${sb.url}/_sandbox/recordings/${encodeURIComponent(r.recording_id)}/audio`);
      assert.equal(audio.status, 200);
      assert.ok(
        (await readFile(join(out, r.file))).equals(Buffer.from(await audio.arrayBuffer())),
        `${r.file} is the recording`,
      );
    }
  });
});
