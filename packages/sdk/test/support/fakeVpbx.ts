/**
 * A fake Virtual PBX for client tests: a real HTTP server on 127.0.0.1 port 0 that checks the
 * method, path and content type of every request, recomputes every signature with the one
 * signing helper, and answers from per-path handlers. Anything wrong is recorded in `problems`.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { signaturesEqual, signJson } from 'mangokit/protocol';

/** One API request as the fake saw it. */
export interface FakeRequest {
  method: string;
  /** Path relative to the vpbx base (`commands/callback`), or `../cc/...`, or the raw path for GETs. */
  path: string;
  /** The parsed `json` form field. */
  params: Record<string, unknown>;
  /** The exact `json` string that was signed. */
  json: string;
  sign: string;
  contentType: string;
  headers: IncomingMessage['headers'];
}

/** What a handler answers. */
export interface FakeReply {
  status?: number;
  /** Serialised as the JSON body. */
  json?: unknown;
  /** A raw body (CSV, audio): a string, bytes, or chunks written one by one. */
  body?: string | Uint8Array | Iterable<string | Uint8Array> | AsyncIterable<string | Uint8Array>;
  headers?: Record<string, string>;
}

/** Answers one request. */
export type FakeHandler = (
  req: FakeRequest,
  res: ServerResponse,
) => FakeReply | Promise<FakeReply | undefined> | undefined;

/** A running fake. */
export interface FakeVpbx {
  /** Base URL to give the client (`http://127.0.0.1:<port>/vpbx/`). */
  baseUrl: string;
  /** Origin (`http://127.0.0.1:<port>`). */
  origin: string;
  /** Every request received, in order. */
  requests: FakeRequest[];
  /** Protocol violations seen (bad signature, wrong content type, unknown path …). */
  problems: string[];
  /** Sets the handler of a path (relative to `/vpbx/`, or `../cc/x`, or an absolute `/files/...` for GETs). */
  on(path: string, handler: FakeHandler): void;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const parts: Buffer[] = [];
  for await (const c of req) parts.push(c as Buffer);
  return Buffer.concat(parts).toString('utf8');
}

function normalise(path: string): string {
  return path.endsWith('/') ? path.slice(0, -1) : path;
}

/** Starts a fake PBX that accepts `apiKey`/`apiSalt`. */
export async function startFakeVpbx(apiKey: string, apiSalt: string): Promise<FakeVpbx> {
  const handlers = new Map<string, FakeHandler>();
  const requests: FakeRequest[] = [];
  const problems: string[] = [];

  async function reply(res: ServerResponse, out: FakeReply | undefined): Promise<void> {
    // Ended, or cut off by the handler (a connection dropped mid-body): nothing more to send.
    if (res.writableEnded || res.destroyed) return;
    const r = out ?? { json: { result: 1000 } };
    const headers: Record<string, string> = { ...r.headers };
    if (r.json !== undefined) {
      headers['content-type'] ??= 'application/json';
      res.writeHead(r.status ?? 200, headers);
      res.end(JSON.stringify(r.json));
      return;
    }
    res.writeHead(r.status ?? 200, headers);
    const b = r.body;
    if (b === undefined || typeof b === 'string' || b instanceof Uint8Array) {
      res.end(b);
      return;
    }
    for await (const chunk of b as AsyncIterable<string | Uint8Array>) {
      if (!res.write(chunk)) await new Promise((resolve) => res.once('drain', resolve));
    }
    res.end();
  }

  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://x');
      if (req.method === 'GET') {
        const handler = handlers.get(url.pathname);
        const fr: FakeRequest = {
          method: 'GET',
          path: url.pathname,
          params: {},
          json: '',
          sign: '',
          contentType: '',
          headers: req.headers,
        };
        requests.push(fr);
        if (!handler) {
          problems.push(`GET ${url.pathname}: no handler`);
          await reply(res, { status: 404, json: {} });
          return;
        }
        await reply(res, await handler(fr, res));
        return;
      }
      let path: string;
      if (url.pathname.startsWith('/vpbx/')) path = url.pathname.slice('/vpbx/'.length);
      else if (url.pathname.startsWith('/cc/') || url.pathname.startsWith('/s2t/'))
        path = `..${url.pathname}`;
      else {
        problems.push(`${req.method} ${url.pathname}: outside /vpbx/, /cc/, /s2t/`);
        await reply(res, { status: 404, json: {} });
        return;
      }
      const contentType = req.headers['content-type'] ?? '';
      const raw = await readBody(req);
      if (req.method !== 'POST') problems.push(`${path}: method ${req.method}`);
      if (!contentType.startsWith('application/x-www-form-urlencoded'))
        problems.push(`${path}: content-type ${contentType}`);
      const form = new URLSearchParams(raw);
      const json = form.get('json') ?? '';
      const sign = form.get('sign') ?? '';
      let params: Record<string, unknown> = {};
      try {
        params = JSON.parse(json) as Record<string, unknown>;
      } catch {
        problems.push(`${path}: json field is not JSON`);
      }
      const fr: FakeRequest = {
        method: req.method ?? '',
        path,
        params,
        json,
        sign,
        contentType,
        headers: req.headers,
      };
      requests.push(fr);
      if (form.get('vpbx_api_key') !== apiKey) {
        problems.push(`${path}: wrong vpbx_api_key`);
        await reply(res, { status: 401, json: { result: 3105 } });
        return;
      }
      if (!signaturesEqual(signJson({ apiKey, apiSalt }, json), sign)) {
        problems.push(`${path}: bad sign`);
        await reply(res, { status: 401, json: { result: 3102 } });
        return;
      }
      const handler = handlers.get(normalise(path));
      if (!handler) {
        problems.push(`${path}: no handler`);
        await reply(res, { status: 404, json: {} });
        return;
      }
      await reply(res, await handler(fr, res));
    } catch (err) {
      problems.push(`handler threw: ${(err as Error).message}`);
      if (!res.headersSent) res.writeHead(500);
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    baseUrl: `${origin}/vpbx/`,
    origin,
    requests,
    problems,
    on(path, handler) {
      handlers.set(path.startsWith('/') ? path : normalise(path), handler);
    },
    close() {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
