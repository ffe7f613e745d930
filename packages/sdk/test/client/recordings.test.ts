import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { MangoClient, MangoConnectionError, MangoNotFoundError } from 'mangokit';
import { signRecordingLink } from 'mangokit/protocol';
import { type FakeReply, type FakeVpbx, startFakeVpbx } from '../support/fakeVpbx.js';

const KEY = 'testkey123';
const SALT = 'testsalt456';

describe('recordings (§3.3)', () => {
  let fake: FakeVpbx;
  let client: MangoClient;
  let dir: string;
  before(async () => {
    fake = await startFakeVpbx(KEY, SALT);
    client = new MangoClient({
      apiKey: KEY,
      apiSalt: SALT,
      baseUrl: fake.baseUrl,
      rateLimit: false,
      maxRetries: 0,
    });
    dir = await mkdtemp(join(tmpdir(), 'mangokit-rec-'));
  });
  after(async () => {
    await fake.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('builds the signed link of the reference example, with its own sign order', () => {
    const link = client.recordings.link('TESTREC==', { action: 'play', expiresAt: 1767225600 });
    const sign = '0f0a91dd15b627ed0eea57b7214febfe1088b9cc48981f96a84d71e61ac7d4e7';
    assert.equal(signRecordingLink({ apiKey: KEY, apiSalt: SALT }, 1767225600, 'TESTREC=='), sign);
    assert.equal(link, `${fake.baseUrl}queries/recording/link/TESTREC%3D%3D/play/${KEY}/1767225600/${sign}`);
    const fromDate = client.recordings.link('TESTREC==', { expiresAt: new Date(1767225600_000) });
    assert.match(fromDate, /\/download\/testkey123\/1767225600\//);
  });

  it('builds the issa browser URL', () => {
    assert.equal(client.recordings.issaUrl('a/b'), `${fake.baseUrl}queries/recording/issa/a%2Fb/play`);
    assert.throws(() => client.recordings.issaUrl('x', 'stream' as 'play'), /action/);
  });

  it('streams a download in chunks and reports type, name and size', async () => {
    const chunks = Array.from({ length: 50 }, (_, i) => Buffer.alloc(16_384, i));
    const total = chunks.reduce((n, c) => n + c.length, 0);
    fake.on('queries/recording/post', (r) => {
      assert.equal(r.params.action, 'play');
      return { status: 302, headers: { location: '/files/one-time/abc' } };
    });
    fake.on('/files/one-time/abc', () => ({
      body: chunks,
      headers: {
        'content-type': 'audio/mpeg',
        'content-length': String(total),
        'content-disposition': "attachment; filename*=UTF-8''%D0%B7%D0%B2%D0%BE%D0%BD%D0%BE%D0%BA.mp3",
      },
    }));
    const file = await client.recordings.download('R-1', { action: 'play' });
    assert.equal(file.contentType, 'audio/mpeg');
    assert.equal(file.fileName, 'звонок.mp3');
    assert.equal(file.size, total);
    let bytes = 0;
    let reads = 0;
    const reader = file.stream.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.length;
      reads++;
    }
    assert.equal(bytes, total);
    assert.ok(reads > 1, 'delivered as a stream, not one buffer');
  });

  it('accepts a direct 200 audio answer and names the file after the id', async () => {
    fake.on('queries/recording/post', () => ({ body: 'ID3', headers: { 'content-type': 'audio/mp3' } }));
    const file = await client.recordings.download('a/b==');
    assert.equal(file.fileName, 'a_b_.mp3');
    assert.equal(await new Response(file.stream).text(), 'ID3');
  });

  it('maps a JSON error instead of audio (3320 recording not found)', async () => {
    fake.on('queries/recording/post', () => ({ json: { result: 3320 } }));
    await assert.rejects(client.recordings.download('nope'), (e: unknown) => {
      return e instanceof MangoNotFoundError && e.result === 3320;
    });
  });

  it('fails clearly when the one-time URL is gone', async () => {
    fake.on('queries/recording/post', () => ({ status: 302, headers: { location: '/files/gone' } }));
    fake.on('/files/gone', () => ({ status: 404, body: '' }));
    await assert.rejects(client.recordings.download('R'), MangoNotFoundError);
  });

  it('follows a redirect only to the API host, the vendor file host or allowHosts, and saves only audio', async () => {
    // Another server, reachable as "localhost": not the API's host (127.0.0.1).
    let stolen = 0;
    const other = createServer((_req, res) => {
      stolen++;
      res.writeHead(200, { 'content-type': 'audio/mpeg' }).end('not from the PBX');
    });
    await new Promise<void>((r) => other.listen(0, '127.0.0.1', () => r()));
    const elsewhere = `http://localhost:${(other.address() as AddressInfo).port}/x.mp3`;
    try {
      fake.on('queries/recording/post', () => ({ status: 302, headers: { location: elsewhere } }));
      const target = join(dir, 'redirected.mp3');
      await assert.rejects(
        client.recordings.save('R-evil', target),
        (e: unknown) =>
          e instanceof MangoConnectionError &&
          /refusing to follow a redirect to http:\/\/localhost/.test(e.message),
      );
      assert.equal(stolen, 0, 'nothing was fetched from the other host');
      assert.deepEqual(
        (await readdir(dir)).filter((f) => f.startsWith('redirected')),
        [],
      );
      // Configured: allowed.
      const saved = await client.recordings.save('R-evil', target, { allowHosts: ['localhost'] });
      assert.equal(stolen, 1);
      assert.equal(await readFile(saved.path, 'utf8'), 'not from the PBX');
      await rm(saved.path);

      // Redirects within the API's host are followed, up to three.
      fake.on('queries/recording/post', () => ({ status: 302, headers: { location: '/files/hop1' } }));
      fake.on('/files/hop1', () => ({ status: 302, body: '', headers: { location: '/files/hop2' } }));
      fake.on('/files/hop2', () => ({ status: 307, body: '', headers: { location: '/files/hop3' } }));
      fake.on('/files/hop3', () => ({ body: 'ID3hop', headers: { 'content-type': 'audio/mpeg' } }));
      assert.equal(await new Response((await client.recordings.download('R-hops')).stream).text(), 'ID3hop');
      fake.on('/files/hop3', () => ({ status: 302, body: '', headers: { location: '/files/hop1' } }));
      await assert.rejects(client.recordings.download('R-loop'), /more than 3 redirects/);

      // A page that is not audio (an error or login page) is not saved as the recording.
      fake.on('queries/recording/post', () => ({ status: 302, headers: { location: '/files/page' } }));
      fake.on('/files/page', () => ({
        body: '<html>log in</html>',
        headers: { 'content-type': 'text/html' },
      }));
      const page = join(dir, 'page.mp3');
      await assert.rejects(client.recordings.save('R-page', page), /answered text\/html, not audio/);
      assert.deepEqual(
        (await readdir(dir)).filter((f) => f.startsWith('page')),
        [],
      );
    } finally {
      other.close();
    }
  });

  it('saves a 96 MiB recording with flat memory and leaves no partial file on failure', async () => {
    const chunk = Buffer.alloc(64 * 1024, 0xab);
    const count = 1536; // 96 MiB
    fake.on('queries/recording/post', () => ({ status: 302, headers: { location: '/files/big' } }));
    fake.on('/files/big', () => ({
      body: (function* () {
        for (let i = 0; i < count; i++) yield chunk;
      })(),
      headers: { 'content-type': 'audio/mpeg', 'content-length': String(chunk.length * count) },
    }));
    const target = join(dir, 'big.mp3');
    // Buffer memory sampled while the file streams through (server and client share this
    // process). Received chunks are garbage at once but freed only by the next GC, so the peak
    // is bounded by V8's external-memory threshold (about 32 MiB), not by the file size.
    const base = process.memoryUsage().arrayBuffers;
    let peak = 0;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().arrayBuffers - base);
    }, 2);
    let saved: Awaited<ReturnType<typeof client.recordings.save>>;
    try {
      saved = await client.recordings.save('BIG', target);
    } finally {
      clearInterval(sampler);
    }
    assert.equal(saved.bytes, chunk.length * count);
    assert.ok(peak < saved.bytes / 2, `buffers peaked at ${peak} bytes for a ${saved.bytes}-byte file`);
    const head = (await readFile(target)).subarray(0, 4);
    assert.deepEqual([...head], [0xab, 0xab, 0xab, 0xab]);

    // A body cut short: the declared length is not reached → error, no file, no .part.
    fake.on('/files/big', (_r, res) => {
      res.writeHead(200, { 'content-type': 'audio/mpeg', 'content-length': String(chunk.length * 4) });
      res.write(chunk);
      setTimeout(() => res.destroy(), 10);
      return undefined;
    });
    const broken = join(dir, 'broken.mp3');
    await assert.rejects(client.recordings.save('BIG', broken), MangoConnectionError);
    assert.deepEqual((await readdir(dir)).sort(), ['big.mp3']);
  });

  it('resumes a .part with a Range request, and starts over when the server sends the whole file', async () => {
    const full = Buffer.from(Array.from({ length: 5000 }, (_, i) => i % 251));
    const ranges: Array<string | undefined> = [];
    let honourRange = true;
    fake.on('queries/recording/post', () => ({ status: 302, headers: { location: '/files/r' } }));
    fake.on('/files/r', (req): FakeReply => {
      const range = req.headers.range;
      ranges.push(range);
      const m = /^bytes=(\d+)-$/.exec(range ?? '');
      if (!m || !honourRange) {
        return {
          body: full,
          headers: { 'content-type': 'audio/mpeg', 'content-length': String(full.length) },
        };
      }
      const start = Number(m[1]);
      if (start >= full.length)
        return { status: 416, headers: { 'content-range': `bytes */${full.length}` } };
      return {
        status: 206,
        body: full.subarray(start),
        headers: {
          'content-type': 'audio/mpeg',
          'content-length': String(full.length - start),
          'content-range': `bytes ${start}-${full.length - 1}/${full.length}`,
        },
      };
    });
    const target = join(dir, 'resumed.mp3');

    // A download interrupted after 1,200 bytes left this prefix behind.
    await writeFile(`${target}.part`, full.subarray(0, 1200));
    const saved = await client.recordings.save('R', target, { resume: true });
    assert.equal(ranges.at(-1), 'bytes=1200-');
    assert.equal(saved.bytes, full.length);
    assert.deepEqual(await readFile(target), full);

    // A server that ignores Range answers 200 with the whole file: written from the start.
    honourRange = false;
    await writeFile(`${target}.part`, full.subarray(0, 700));
    await client.recordings.save('R', target, { resume: true });
    assert.equal(ranges.at(-1), 'bytes=700-');
    assert.deepEqual(await readFile(target), full);

    // A part the server cannot continue (416): fetched again without a Range.
    honourRange = true;
    await writeFile(`${target}.part`, Buffer.concat([full, Buffer.from('extra')]));
    await client.recordings.save('R', target, { resume: true });
    assert.deepEqual(ranges.slice(-2), [`bytes=${full.length + 5}-`, undefined]);
    assert.deepEqual(await readFile(target), full);

    // Without `resume`, a left-over .part is ignored and overwritten.
    await writeFile(`${target}.part`, Buffer.from('garbage'));
    await client.recordings.save('R', target);
    assert.equal(ranges.at(-1), undefined);
    assert.deepEqual(await readFile(target), full);
  });

  it('keeps the .part of a failed download when resuming, so the next attempt continues it', async () => {
    const full = Buffer.alloc(4096, 9);
    fake.on('queries/recording/post', () => ({ status: 302, headers: { location: '/files/cut' } }));
    fake.on('/files/cut', (_r, res) => {
      res.writeHead(200, { 'content-type': 'audio/mpeg', 'content-length': String(full.length) });
      res.write(full.subarray(0, 1000));
      setTimeout(() => res.destroy(), 10);
      return undefined;
    });
    const target = join(dir, 'cut.mp3');
    await assert.rejects(client.recordings.save('R', target, { resume: true }), MangoConnectionError);
    assert.deepEqual(await readFile(`${target}.part`), full.subarray(0, 1000));
    await assert.rejects(readFile(target));
  });

  it('keeps every byte received before the connection is cut, so the resumed download continues at that byte', async () => {
    // 4 MB cut twice by the server destroying its socket once N bytes were written: the bytes
    // still in the client's buffers at the moment of the cut are in the .part too.
    const full = Buffer.from(Array.from({ length: 4_000_000 }, (_, i) => (i * 7) % 251));
    const cuts = [100_000, 1_500_000];
    const ranges: Array<string | undefined> = [];
    fake.on('queries/recording/post', () => ({ status: 302, headers: { location: '/files/abrupt' } }));
    fake.on('/files/abrupt', async (req, res) => {
      const range = req.headers.range;
      ranges.push(range);
      const start = Number(/^bytes=(\d+)-$/.exec(range ?? '')?.[1] ?? 0);
      const headers: Record<string, string> = {
        'content-type': 'audio/mpeg',
        'content-length': String(full.length - start),
      };
      if (start > 0) headers['content-range'] = `bytes ${start}-${full.length - 1}/${full.length}`;
      const status = start > 0 ? 206 : 200;
      const cut = cuts[ranges.length - 1];
      if (cut === undefined) return { status, headers, body: full.subarray(start) };
      res.writeHead(status, headers);
      // Written to the socket, then the connection is dropped: no end of body, no FIN first.
      await new Promise<void>((resolve) => res.write(full.subarray(start, cut), () => resolve()));
      res.socket?.destroy();
      return undefined;
    });
    const target = join(dir, 'abrupt.mp3');
    await assert.rejects(client.recordings.save('R', target, { resume: true }), MangoConnectionError);
    assert.equal((await readFile(`${target}.part`)).length, cuts[0]);
    await assert.rejects(client.recordings.save('R', target, { resume: true }), MangoConnectionError);
    assert.equal((await readFile(`${target}.part`)).length, cuts[1]);
    const saved = await client.recordings.save('R', target, { resume: true });
    assert.deepEqual(ranges, [undefined, `bytes=${cuts[0]}-`, `bytes=${cuts[1]}-`]);
    assert.equal(saved.bytes, full.length);
    assert.ok((await readFile(target)).equals(full), 'the saved file is byte-identical');
    await assert.rejects(readFile(`${target}.part`));
  });
});
