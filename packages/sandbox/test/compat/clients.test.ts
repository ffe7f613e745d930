import assert from 'node:assert/strict';
import { createHash, createHmac, randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { CallRecord } from '../../src/engine/contract.js';
import { type Sandbox, startSandbox } from '../../src/index.js';
import { readMp3 } from '../../src/media/index.js';
import {
  goJsonMarshal,
  PHP_CURL_HEADERS,
  type PhpJsonFlags,
  type PhpValue,
  phpHttpBuildQuery,
  phpJsonEncode,
  pythonFormBody,
  pythonJsonDumps,
  type RawReply,
  rawPost,
  sign,
} from './wire.js';

/*
 * Open-source Mango clients (reference §10) as a conformance suite: each test sends the bytes the
 * named library sends and parses the answer the way it does, in our own code (the libraries' code
 * is read, never copied). Where a library is wrong by the document and by production alike, the
 * test shows the sandbox's clear answer instead.
 */

/** 2026-11-26 11:00 Moscow, a working day. */
const START_MS = Date.UTC(2026, 10, 26, 8, 0, 0);
const FROM = Math.floor(START_MS / 1000);

describe('foreign clients against the sandbox (reference §10)', () => {
  let sb: Sandbox;
  let key: string;
  let salt: string;
  /** The incoming call every history test reads: IVR leg, then Anna (101, recorded) answers. */
  let call: CallRecord;
  const notes: Array<{ path: string; payload: Record<string, unknown> }> = [];

  before(async () => {
    sb = await startSandbox({ port: 0, clock: 'manual', startMs: START_MS, rateLimits: false });
    key = sb.office.api_key;
    salt = sb.office.api_salt;
    sb.engine.on('notification', (path: string, payload: unknown) =>
      notes.push({ path, payload: payload as Record<string, unknown> }),
    );
    const started = await fetch(`${sb.url}/_sandbox/calls/incoming`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ from: '79035550101', line: '74951234567' }),
    });
    assert.equal(started.status, 200);
    for (let i = 0; i < 300 && sb.engine.calls().length === 0; i++) sb.clock.advance(1000);
    call = sb.engine.calls()[0]!;
    assert.ok(call && call.legs.length >= 2, 'an incoming call with an IVR leg and an answered leg');
    assert.ok(
      call.legs.some((l) => l.records.length > 0),
      'Anna (101) records her calls',
    );
  });
  after(() => sb.close());

  const url = (path: string) => `${sb.url}/vpbx/${path}`;
  /** The hint of the last request in the sandbox's request log. */
  async function lastHint(): Promise<string> {
    const log = (await (await fetch(`${sb.url}/_sandbox/requests?limit=1`)).json()) as {
      requests: Array<{ hint?: string }>;
    };
    return log.requests[0]?.hint ?? '';
  }
  /** The lock-out stays on: a test expecting a 3xxx answer starts a fresh two-minute window. */
  const freshWindow = () => sb.clock.advance(121_000);

  /** A PHP library's request: json_encode with its flags, sha256 sign, http_build_query, curl POST. */
  function php(path: string, data: PhpValue, flags: PhpJsonFlags = {}): Promise<RawReply> {
    const json = phpJsonEncode(data, flags);
    return rawPost(
      url(path),
      phpHttpBuildQuery({ vpbx_api_key: key, sign: sign(key, json, salt), json }),
      PHP_CURL_HEADERS,
    );
  }

  const recorded = () => call.legs.find((l) => l.records.length > 0)!;
  /** The end of a history window holding only the incoming call (other tests place calls later). */
  const until = () => Math.max(...call.legs.map((l) => l.start));

  describe('Sharoff45/mango-office-api (PHP)', () => {
    // JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES; command_id = md5 of "Array" + sign (its PHP notice).
    const flags = { unescapedSlashes: true, unescapedUnicode: true };

    it('sendCall: md5 command_id, raw UTF-8 JSON, urlencoded by http_build_query', async () => {
      const commandId = createHash('md5').update('Array').digest('hex');
      const r = await php(
        'commands/callback',
        { from: { extension: '101' }, to_number: '79031112233', command_id: commandId },
        flags,
      );
      assert.deepEqual(r.json, { result: 1000, command_id: commandId });
    });

    it('getStat: stats/request, ONE stats/result with key and request_id, explode("\\n") + trim + [ ] stripped', async () => {
      const fields = [
        'records',
        'start',
        'finish',
        'from_extension',
        'from_number',
        'to_extension',
        'to_number',
        'disconnect_reason',
      ];
      const requestId = createHash('md5').update('Array').digest('hex');
      const req = await php(
        'stats/request',
        { date_from: FROM, date_to: until(), fields: fields.join(','), request_id: requestId },
        flags,
      );
      const res = await php('stats/result', { key: req.json.key, request_id: requestId }, flags);
      assert.equal(res.status, 200);
      // Its parser: lines on "\n", PHP trim() (which also drops the CR), `[` `]` stripped, array_combine.
      const rows = res.text
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => {
          const values = line.split(';').map((v) => v.trim().replace(/^\[+/, '').replace(/\]+$/, ''));
          return Object.fromEntries(fields.map((f, i) => [f, values[i]]));
        });
      assert.equal(rows.length, call.legs.length);
      const withRecording = rows.find((row) => row.records !== '')!;
      assert.equal(withRecording.records, recorded().records.join(','));
      assert.equal(withRecording.to_extension, '101');
      assert.equal(withRecording.disconnect_reason, String(recorded().disconnect_reason));
    });
  });

  describe('Fastleo/MangoOfficeApi (PHP)', () => {
    it('getHistory: one stats/result, json_decode/json_encode of the key (slashes escaped), rows split on "\\r\\n"', async () => {
      const req = await php('stats/request', {
        date_from: FROM,
        date_to: until(),
        from: { extension: '', number: '' },
        to: { extension: '', number: '' },
        fields:
          'records,start,finish,answer,from_extension,from_number,to_extension,to_number,disconnect_reason,line_number,location,entry_id',
      });
      const res = await php('stats/result', req.json);
      // Its parser: explode("\r\n"), rows with more than one column, fixed positions.
      const rows = res.text
        .split('\r\n')
        .map((line) => line.split(';'))
        .filter((cols) => cols.length > 1);
      assert.equal(rows.length, call.legs.length, 'one row per leg: CRLF row ends (reference §9 item 4)');
      for (const [i, cols] of rows.entries()) {
        const leg = call.legs[i]!;
        assert.equal(cols[1], String(leg.start));
        assert.equal(cols[2], String(leg.finish));
        assert.equal(cols[3], String(leg.answer));
        assert.equal(cols[8], String(leg.disconnect_reason));
        assert.equal(cols[11], call.entry_id);
      }
    });
  });

  describe('TimurTurdyev/Laravel-Mango-Office (PHP, Guzzle)', () => {
    const flags = { unescapedSlashes: true };

    it('userList(): json_encode([]) = "[]" lists every employee; userList(101) sends the extension as a number', async () => {
      const all = await php('config/users/request', [], flags);
      assert.equal(all.status, 200);
      assert.equal(all.json.users.length, sb.office.employees.length);
      const one = await php('config/users/request', { extension: 101 }, flags);
      assert.deepEqual(
        one.json.users.map((u: { telephony: { extension: string } }) => u.telephony.extension),
        ['101'],
      );
    });

    it('reportList(): call_party extension as a number, str_getcsv on "\\n", `[ ]` trimmed, records split on ","', async () => {
      const fields =
        'records,start,finish,answer,from_extension,from_number,to_extension,to_number,disconnect_reason,location,line_number,entry_id';
      const req = await php(
        'stats/request',
        { call_party: { extension: 101 }, date_from: FROM, date_to: until(), fields },
        flags,
      );
      // It sleeps 5 s, then fetches once: a small report is long ready.
      const res = await php('stats/result', req.json, flags);
      const rows = res.text
        .split('\n')
        .filter((l) => l !== '')
        .map((line) => {
          const a = line.split(';');
          return {
            records: a[0]!
              .replace(/^\[+|\]+$/g, '')
              .split(',')
              .filter(Boolean),
            location: a[9],
            line_number: a[10],
            // The last column keeps the row's CR, as it does against production (CRLF rows).
            entry_id: a[11],
          };
        });
      const anna = rows.find((r) => r.records.length > 0)!;
      assert.deepEqual(anna.records, recorded().records);
      assert.equal(anna.location, 'abonent');
      assert.equal(anna.line_number, '74951234567');
      assert.equal(anna.entry_id, `${call.entry_id}\r`);
    });

    it('downloadAudio(): Guzzle follows the 302 with strict redirects, re-POSTing the form, and gets the MP3', async () => {
      const rec = recorded().records[0]!;
      const first = await php('queries/recording/post', { recording_id: rec, action: 'download' }, flags);
      assert.equal(first.status, 302);
      const json = phpJsonEncode({ recording_id: rec, action: 'download' }, flags);
      const body = phpHttpBuildQuery({ vpbx_api_key: key, sign: sign(key, json, salt), json });
      const again = await rawPost(String(first.headers.location), body, PHP_CURL_HEADERS);
      assert.equal(again.status, 200);
      assert.equal(again.headers['content-type'], 'audio/mpeg');
      assert.ok(readMp3(again.body).frames.length > 0);
    });
  });

  describe('dasshit/Python-Mango-Office-API (Python, requests)', () => {
    /** Its request(): json.dumps(separators=(',',':')) with ensure_ascii, form-encoded by requests. */
    function py(base: string, path: string, data: PhpValue): Promise<RawReply> {
      const json = pythonJsonDumps(data);
      return rawPost(
        `${base}${path}`,
        pythonFormBody({ vpbx_api_key: key, sign: sign(key, json, salt), json }),
        {
          'content-type': 'application/x-www-form-urlencoded',
          'user-agent': 'python-requests/2.31.0',
        },
      );
    }
    // It strips "vpbx" off the base URL it is given, then adds it back only on some paths.
    const base = () => `${sb.url}/`;

    it('sms with Cyrillic text escaped as \\uXXXX is signed and accepted', async () => {
      const r = await py(base(), 'vpbx/commands/sms', {
        command_id: 'base',
        from_extension: '101',
        text: 'Ваш заказ готов',
        to_number: '79031112233',
      });
      assert.equal(r.json.result, 1000, r.text);
    });

    it('paths it calls without vpbx/ get a 404 naming the right one', async () => {
      for (const [path, meant] of [
        ['commands/call/hangup', '/vpbx/commands/call/hangup'],
        ['account/balance', '/vpbx/account/balance'],
        ['roles', '/vpbx/roles'],
        ['member/delete', '/vpbx/member/delete'],
        ['queries/recording/post/', '/vpbx/queries/recording/post'],
        ['bwlists/state/', '/vpbx/bwlists/state'],
      ] as const) {
        const r = await py(base(), path, {});
        assert.equal(r.status, 404, path);
        assert.equal(r.json.did_you_mean, meant);
      }
      // Its record_meth_get builds the GET link on the stripped base too.
      const ts = String(Math.floor(sb.clock.now() / 1000) + 10800);
      const rec = recorded().records[0]!;
      const link = await fetch(
        `${base()}queries/recording/link/${rec}/download/${key}/${ts}/${sign(key, ts + rec, salt)}`,
      );
      assert.equal(link.status, 404);
      assert.match(
        ((await link.json()) as { did_you_mean: string }).did_you_mean,
        /^\/vpbx\/queries\/recording\/link\//,
      );
    });

    it('cc/deal/* (a Contact-Center option the office lacks) answers 5008', async () => {
      const r = await py(base(), 'cc/deal/list', { product_id: sb.office.product_id });
      assert.deepEqual(r.json, { result: 5008 });
    });

    it('get_stats_from with its `extenstion` typo: the unknown key is ignored, so the history is not filtered', async () => {
      const req = await py(base(), 'vpbx/stats/request', {
        date_from: String(FROM),
        date_to: String(until()),
        from: { extenstion: '999' },
      });
      const res = await py(base(), 'vpbx/stats/result', { key: req.json.key });
      assert.equal(res.text.split('\r\n').filter(Boolean).length, call.legs.length);
    });
  });

  describe('TrashPony/Mango-api-wrapper (Go)', () => {
    /** Its RequestToMango: the form concatenated raw, the JSON not urlencoded. */
    function goRaw(path: string, json: string): Promise<RawReply> {
      return rawPost(url(path), `vpbx_api_key=${key}&sign=${sign(key, json, salt)}&json=${json}`, {
        'content-type': 'application/x-www-form-urlencoded',
        'user-agent': 'Go-http-client/1.1',
      });
    }

    it('InitCallOfUser: every struct field sent, zero values included, UUID command_id, raw body', async () => {
      const commandId = randomUUID();
      const json = goJsonMarshal({
        entry_id: '',
        call_id: '',
        timestamp: 0,
        seq: 0,
        call_state: '',
        location: '',
        from: { extension: '101', number: '', taken_from_call_id: '' },
        to: null,
        dct: null,
        disconnect_reason: 0,
        command_id: commandId,
        task_id: '',
        callback_initiator: '',
        call_direction: 0,
        line_number: '',
        create_time: 0,
        forward_time: 0,
        talk_time: 0,
        end_time: 0,
        entry_result: 0,
        to_number: '79031112233',
        sip_headers: '',
        call_party_number: '',
        method: '',
        initiator: '',
      });
      const r = await goRaw('commands/callback', json);
      assert.deepEqual(r.json, { result: 1000, command_id: commandId });
    });

    it('a "+" in its raw body decodes to a space and breaks the signature, as on production (reference §9 item 16)', async () => {
      const json = goJsonMarshal({
        command_id: randomUUID(),
        text: 'a+b',
        from_extension: '101',
        to_number: '79031112233',
        sms_sender: '',
      });
      const r = await goRaw('commands/sms', json);
      assert.equal(r.status, 401);
      assert.equal(r.json.result, 3102);
      // The request log says why.
      assert.match(await lastHint(), /not urlencoded: a "\+" in json arrived as a space/);
    });

    it("its typed structs read every notification of a call (Go's json.Unmarshal rules)", () => {
      const strings = [
        'entry_id',
        'call_id',
        'call_state',
        'location',
        'command_id',
        'task_id',
        'callback_initiator',
        'line_number',
        'sip_headers',
        'recording_id',
        'recording_state',
        'extension',
        'recipient',
        'dtmf',
      ];
      const ints = [
        'timestamp',
        'seq',
        'disconnect_reason',
        'call_direction',
        'create_time',
        'forward_time',
        'talk_time',
        'end_time',
        'entry_result',
        'product_id',
        'user_id',
        'completion_code',
        'reason',
      ];
      const check = (path: string, payload: Record<string, unknown>) => {
        for (const [field, value] of Object.entries(payload)) {
          if (value === null) continue;
          if (strings.includes(field)) assert.equal(typeof value, 'string', `${path} ${field}`);
          if (ints.includes(field))
            assert.ok(Number.isInteger(value), `${path} ${field}=${JSON.stringify(value)}`);
        }
        for (const side of ['from', 'to'] as const) {
          const party = payload[side];
          if (party === undefined || path !== 'events/call') continue;
          for (const value of Object.values(party as Record<string, unknown>)) {
            assert.equal(typeof value, 'string', `${path} ${side}: ${JSON.stringify(party)}`);
          }
        }
        const dct = payload.dct as { number?: unknown; type?: unknown } | undefined;
        if (dct)
          assert.ok(
            Number.isInteger(dct.type) && (dct.number === undefined || typeof dct.number === 'string'),
          );
      };
      const served = notes.filter((n) =>
        /^events\/(call|summary|recording|record\/added|dtmf|sms)$/.test(n.path),
      );
      assert.ok(served.length >= 8, `${served.length} notifications`);
      for (const n of served) {
        // Summary parties are not typed by it; only the scalar fields.
        check(n.path, n.payload);
      }
    });
  });

  describe('x0cfwm/n8n-nodes-mango-office (TypeScript)', () => {
    /** Its request: urlencoded form, JSON.stringify, sha256. */
    function n8n(path: string, data: unknown): Promise<RawReply> {
      const json = JSON.stringify(data);
      return rawPost(
        url(path),
        new URLSearchParams({ vpbx_api_key: key, sign: sign(key, json, salt), json }).toString(),
        {
          'content-type': 'application/x-www-form-urlencoded',
        },
      );
    }

    it('stats/calls: DD.MM.YYYY HH:MM:SS Moscow dates, integer ids, polls until complete, flattens data[].list[]', async () => {
      const req = await n8n('stats/calls/request/', {
        start_date: '26.11.2026 00:00:00',
        // Moscow wall time of the incoming call's last leg start (UTC+3).
        end_date: new Date((until() + 3 * 3600) * 1000)
          .toISOString()
          .replace(/^(\d+)-(\d+)-(\d+)T(\d+:\d+:\d+).*$/, '$3.$2.$1 $4'),
        limit: 100,
        offset: 0,
        user_ids: [1001],
      });
      let status = '';
      let flat: Array<{ entry_id: string; context_calls: Array<{ external_call_id: string }> }> = [];
      for (let i = 0; i < 10 && status !== 'complete'; i++) {
        const r = await n8n('stats/calls/result/', { key: req.json.key });
        if (r.status === 204) continue;
        status = r.json.status;
        flat = r.json.data.flatMap((d: { list: typeof flat }) => d.list);
        sb.clock.advance(1000);
      }
      assert.equal(status, 'complete');
      assert.deepEqual(
        flat.map((c) => c.entry_id),
        [call.entry_id],
      );
      assert.deepEqual(
        flat[0]!.context_calls.map((c) => c.external_call_id),
        call.legs.map((l) => l.call_id),
      );
    });

    it('a period of exactly 30 days is refused with 3100 / field 3111, 30 days − 1 s works (live-verified by it)', async () => {
      freshWindow();
      const base = { limit: 100, offset: 0 };
      const bad = await n8n('stats/calls/request/', {
        ...base,
        start_date: '24.04.2026 00:00:00',
        end_date: '24.05.2026 00:00:00',
      });
      assert.deepEqual(bad.json, { result: 3100, fields: { end_date: 3111 } });
      const ok = await n8n('stats/calls/request/', {
        ...base,
        start_date: '24.04.2026 00:00:00',
        end_date: '23.05.2026 23:59:59',
      });
      assert.equal(typeof ok.json.key, 'string');
    });
  });

  describe('3dcafe/mango-office-client (C#, System.Text.Json + FormUrlEncodedContent)', () => {
    it('GetStatsId + GetStatResult: request_id inside call_party, one immediate fetch, 8 columns, trailing CR stripped', async () => {
      // System.Text.Json escapes '+', '<', '>', '&', "'" and non-ASCII; none occur here.
      const json = JSON.stringify({
        date_from: String(FROM),
        date_to: String(until()),
        fields:
          'records, start, finish, from_extension, from_number,to_extension, to_number, disconnect_reason',
        call_party: { extension: '101', request_id: randomUUID() },
      });
      const form = (fields: Record<string, string>) => pythonFormBody(fields);
      const req = await rawPost(
        url('stats/request'),
        form({ vpbx_api_key: key, sign: sign(key, json, salt), json }),
        {
          'content-type': 'application/x-www-form-urlencoded',
        },
      );
      const keyJson = JSON.stringify({ key: req.json.key });
      const res = await rawPost(
        url('stats/result'),
        form({ vpbx_api_key: key, sign: sign(key, keyJson, salt), json: keyJson }),
        {
          'content-type': 'application/x-www-form-urlencoded',
        },
      );
      // Its parser: Split('\n'), exactly 8 columns, RemoveSpecialCharacters() on the last one.
      const rows = res.text
        .split('\n')
        .filter((l) => l !== '')
        .map((l) => l.split(';'))
        .filter((cols) => cols.length === 8)
        .map((cols) => ({
          records: cols[0]!.split(','),
          to_extension: cols[5],
          reason: cols[7]!.replace(/[^A-Za-z0-9]/g, ''),
        }));
      const anna = rows.find((r) => r.to_extension === '101')!;
      assert.equal(anna.reason, String(recorded().disconnect_reason));
      // It keeps the brackets on the ids ("[id"): its own bug, the vendor's documented format.
      assert.deepEqual(anna.records, [`[${recorded().records.join(',')}]`]);
    });
  });

  describe('gdkv/mango-vpbx (PHP 8, Guzzle)', () => {
    it('a UUIDv6 command_id works; its stubs (every method posts {command_id} to commands/callback) get 3103 naming what is missing', async () => {
      const uuid6 = '1ef5d2a4-3b9c-6e10-8f2a-5b1c7d9e0f12';
      const flags = { unescapedSlashes: true, unescapedUnicode: true };
      const call = await php(
        'commands/callback',
        { from: { extension: '101' }, to_number: '79031112233', command_id: uuid6 },
        flags,
      );
      assert.deepEqual(call.json, { result: 1000, command_id: uuid6 });
      freshWindow();
      const stub = await php('commands/callback', { command_id: uuid6 }, flags);
      assert.equal(stub.json.result, 3103);
      assert.ok('from' in stub.json.fields && 'to_number' in stub.json.fields, JSON.stringify(stub.json));
    });
  });

  describe('sys-admin-su/prtg-sensor-mango-office-api (Python)', () => {
    /** Its make_request: json.dumps with its default separators (spaces), form-encoded by requests. */
    function prtg(path: string, data: Record<string, unknown>): Promise<RawReply> {
      const json = JSON.stringify(data).replace(/","/g, '", "').replace(/":/g, '": ').replace(/,"/g, ', "');
      return rawPost(url(path), pythonFormBody({ vpbx_api_key: key, sign: sign(key, json, salt), json }), {
        'content-type': 'application/x-www-form-urlencoded',
      });
    }

    it('balance and missed calls: JSON with spaces, stats/result polled until 200, splitlines()', async () => {
      const balance = await prtg('account/balance', {});
      assert.equal(balance.json.result, 1000);
      const req = await prtg('stats/request', {
        date_from: FROM,
        date_to: until(),
        fields: 'to_extension, from_number, start, finish, answer, disconnect_reason, from_extension',
      });
      let res = await prtg('stats/result', { key: req.json.key });
      for (let i = 0; i < 3 && res.status !== 200; i++)
        res = await prtg('stats/result', { key: req.json.key });
      assert.equal(res.status, 200);
      const lines = res.text.split(/\r\n|\n/).filter(Boolean);
      assert.equal(lines.length, call.legs.length);
      assert.ok(lines.every((l) => l.split(';').length === 7));
    });
  });

  describe('aspektr/mango-office-connector (Scala, http4s)', () => {
    it('its hand-built JSON with +10800 s is read as plain Unix time: the window moves 3 h later (reference §3.1)', async () => {
      const json = `{"date_from":"${FROM + 10800}","date_to":"${FROM + 10800 + 3600}"}`;
      const req = await rawPost(
        url('stats/request'),
        pythonFormBody({ vpbx_api_key: key, sign: sign(key, json, salt), json }),
        {
          'content-type': 'application/x-www-form-urlencoded',
        },
      );
      const res = await php('stats/result', { key: req.json.key });
      // Its loop polls until 200: the first fetch is it. The call (at FROM) is outside the shifted window.
      assert.equal(res.status, 200);
      assert.equal(res.text, '');
    });
  });

  describe('theYahia/mango-office-mcp (TypeScript)', () => {
    it('its HMAC signature is not the vendor sign: 401 with 3102, as production answers', async () => {
      freshWindow();
      const json = JSON.stringify({});
      const hmac = createHmac('sha256', salt)
        .update(key + json)
        .digest('hex');
      const r = await rawPost(
        url('config/users/request'),
        new URLSearchParams({ vpbx_api_key: key, sign: hmac, json }).toString(),
        {
          'content-type': 'application/x-www-form-urlencoded',
        },
      );
      assert.equal(r.status, 401);
      assert.equal(r.json.result, 3102);
      assert.match(await lastHint(), /sign is an HMAC keyed with the salt/);
    });
  });
});
