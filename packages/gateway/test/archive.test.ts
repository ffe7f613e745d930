import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { archivePath, type Gateway, type RecordingRow, silentLogger, startGateway } from '../src/index.js';
import { waitFor } from './support/consumer.js';
import { KEY, post, SALT, signedBody } from './support/notifications.js';

const MP3 = Buffer.from('ID3\u0004the-real-recording');

function listen(server: Server): Promise<number> {
  return new Promise((r) => server.listen(0, '127.0.0.1', () => r((server.address() as AddressInfo).port)));
}

/** Every file under `dir`, relative to it. */
function files(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => relative(dir, join(d.parentPath, d.name)));
}

describe('the archive keeps files where they belong (real sockets, signed record/added)', () => {
  const root = mkdtempSync(join(tmpdir(), 'gw-archive-'));
  const archiveDir = join(root, 'archive');
  let gw: Gateway;
  let api: Server;
  let other: Server;
  let otherHits = 0;
  let otherPort = 0;

  before(async () => {
    // Somewhere a redirect must not lead: another host ("localhost", not the API's 127.0.0.1).
    other = createServer((_req, res) => {
      otherHits++;
      res.writeHead(200, { 'content-type': 'audio/mpeg' }).end('planted');
    });
    otherPort = await listen(other);
    // The vendor's API stand-in: 302 to a one-time URL, per recording id.
    api = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        if (req.url?.startsWith('/vpbx/queries/recording/post')) {
          const json = new URLSearchParams(Buffer.concat(chunks).toString()).get('json') ?? '{}';
          const id = (JSON.parse(json) as { recording_id: string }).recording_id;
          const location =
            id === 'R-elsewhere'
              ? `http://localhost:${otherPort}/planted.mp3`
              : id === 'R-page'
                ? '/files/page'
                : '/files/ok.mp3';
          res.writeHead(302, { location }).end();
          return;
        }
        if (req.url === '/files/page') {
          res.writeHead(200, { 'content-type': 'text/html' }).end('<html>please log in</html>');
          return;
        }
        if (req.url === '/files/ok.mp3') {
          res.writeHead(200, { 'content-type': 'audio/mpeg', 'content-length': MP3.length }).end(MP3);
          return;
        }
        res.writeHead(404).end();
      });
    });
    const apiPort = await listen(api);
    gw = await startGateway({
      port: 0,
      apiKey: KEY,
      apiSalt: SALT,
      dataDir: join(root, 'data'),
      archive: {
        dir: archiveDir,
        baseUrl: `http://127.0.0.1:${apiPort}/vpbx/`,
        backoffMs: 20,
        maxAttempts: 2,
      },
      pollMs: 20,
      logger: silentLogger,
    });
  });
  after(async () => {
    await gw?.close();
    api?.close();
    other?.close();
    rmSync(root, { recursive: true, force: true });
  });

  const recordAdded = (entry_id: string, recording_id: string) =>
    post(
      gw.url,
      'events/record/added',
      signedBody({ entry_id, recording_id, product_id: 1, user_id: 2, timestamp: 1_767_225_600 }),
    );

  async function archived(entry: string): Promise<RecordingRow> {
    let row: RecordingRow | undefined;
    await waitFor(
      async () => {
        row = (await gw.store.recordingsOfCall(entry))[0];
        return row?.archiveStatus === 'archived' || row?.archiveStatus === 'failed';
      },
      15_000,
      `archive of ${entry}`,
    );
    return row!;
  }

  it('writes a recording whose signed entry_id is ".." or a path inside --archive-dir', async () => {
    for (const [entry, rec] of [
      ['..', '..'],
      ['../../outside', 'R-1'],
      ['/etc', '../R-2'],
      ['.', '.hidden'],
    ] as const) {
      assert.equal((await recordAdded(entry, rec)).status, 200);
      const row = await archived(entry);
      assert.equal(row.archiveStatus, 'archived', `${entry}: ${row.lastError}`);
      const rel = relative(archiveDir, row.filePath!);
      assert.ok(!rel.startsWith('..') && !rel.startsWith(sep), `${entry}/${rec} → ${row.filePath}`);
      assert.equal(rel.split(sep).length, 2, 'one directory per call, one file per recording');
      assert.ok(
        rel.split(sep).every((part) => !part.startsWith('.')),
        `no hidden or dot names: ${rel}`,
      );
      assert.deepEqual(readFileSync(row.filePath!), MP3);
    }
    // Nothing at all outside the archive directory (the data directory aside).
    assert.deepEqual(readdirSync(root).sort(), ['archive', 'data']);
    for (const id of ['', '.', '..', '/', '\u0000']) {
      const p = archivePath(archiveDir, id, id);
      assert.ok(p.startsWith(archiveDir + sep) && relative(archiveDir, p).split(sep).length === 2, p);
    }
  });

  it('does not follow a redirect to another host, and does not keep a page that is not audio', async () => {
    const before = files(archiveDir).length;
    assert.equal((await recordAdded('E-elsewhere', 'R-elsewhere')).status, 200);
    assert.equal((await recordAdded('E-page', 'R-page')).status, 200);
    const elsewhere = await archived('E-elsewhere');
    const page = await archived('E-page');
    assert.equal(elsewhere.archiveStatus, 'failed');
    assert.match(elsewhere.lastError ?? '', /refusing to follow a redirect to http:\/\/localhost/);
    assert.equal(otherHits, 0, 'nothing was fetched from the other host');
    assert.equal(page.archiveStatus, 'failed');
    assert.match(page.lastError ?? '', /text\/html, not audio/);
    assert.equal(page.filePath, null);
    assert.equal(files(archiveDir).length, before, 'no file written for either');
  });
});
