import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import { preparationSec, STATS_KEEP_SEC } from '../../src/api/index.js';
import type { CallRecord } from '../../src/engine/contract.js';
import { call, startApi, T0, type TestApi } from './harness.js';

/** An incoming call through the IVR to Anna (recorded), an outgoing callback by Boris, and a missed call. */
function history(): CallRecord[] {
  return [
    call({
      entry_id: 'E1',
      call_direction: 1,
      from: { number: '79031112233' },
      to: { extension: '101', number: '74951110000' },
      line_number: '74951110000',
      create_time: T0 + 10,
      talk_time: T0 + 25,
      end_time: T0 + 85,
      cost: 0,
      legs: [
        {
          entry_id: 'E1',
          call_id: 'C1a',
          records: [],
          start: T0 + 10,
          finish: T0 + 20,
          answer: T0 + 10,
          from_number: '79031112233',
          to_number: '74951110000',
          disconnect_reason: 1100,
          line_number: '74951110000',
          location: 'ivr',
          create: T0 + 10,
          user_ids: [],
        },
        {
          entry_id: 'E1',
          call_id: 'C1b',
          records: ['REC1', 'REC2'],
          start: T0 + 20,
          finish: T0 + 85,
          answer: T0 + 25,
          from_number: '79031112233',
          to_extension: '101',
          to_number: 'sip:anna@office.mangosip.ru',
          disconnect_reason: 1110,
          line_number: '74951110000',
          location: 'abonent',
          create: T0 + 10,
          user_ids: [1],
          group_id: 10,
        },
      ],
    }),
    call({
      entry_id: 'E2',
      call_direction: 2,
      from: { extension: '102', number: '79160000002' },
      to: { number: '74957654321' },
      line_number: '74951110000',
      create_time: T0 + 100,
      talk_time: T0 + 110,
      end_time: T0 + 170,
      cost: 1.5,
      legs: [
        {
          entry_id: 'E2',
          call_id: 'C2a',
          records: [],
          start: T0 + 100,
          finish: T0 + 170,
          answer: T0 + 103,
          from_extension: '102',
          from_number: '79160000002',
          to_extension: '102',
          to_number: '79160000002',
          disconnect_reason: 1110,
          line_number: '74951110000',
          location: 'abonent',
          create: T0 + 100,
          user_ids: [2],
        },
        {
          entry_id: 'E2',
          call_id: 'C2b',
          records: [],
          start: T0 + 104,
          finish: T0 + 170,
          answer: T0 + 110,
          from_extension: '102',
          from_number: '74951110000',
          to_number: '74957654321',
          disconnect_reason: 1110,
          line_number: '74951110000',
          location: 'abonent',
          create: T0 + 100,
          user_ids: [2],
        },
      ],
    }),
    call({
      entry_id: 'E3',
      call_direction: 1,
      from: { number: '79035550000' },
      to: { number: '78001110000' },
      line_number: '78001110000',
      // The next Moscow day.
      create_time: T0 + 86400,
      end_time: T0 + 86430,
      entry_result: 0,
      disconnect_reason: 1120,
      legs: [
        {
          entry_id: 'E3',
          call_id: 'C3',
          records: [],
          start: T0 + 86400,
          finish: T0 + 86430,
          answer: 0,
          from_number: '79035550000',
          to_extension: '501',
          disconnect_reason: 1120,
          line_number: '78001110000',
          location: 'queue',
          create: T0 + 86400,
          user_ids: [],
          group_id: 11,
        },
      ],
    }),
  ];
}

async function csv(api: TestApi, params: Record<string, unknown>): Promise<string> {
  const req = await api.post('/vpbx/stats/request', params);
  assert.equal(req.status, 200, req.text);
  assert.deepEqual(Object.keys(req.json), ['key']);
  // A small report is ready on the first fetch (reference §9 item 16).
  const res = await api.post('/vpbx/stats/result', { key: req.json.key });
  assert.equal(res.status, 200);
  return res.text;
}

/** The whole history as CRLF-ended rows (reference §3.1, §9 item 4). */
function rows(...lines: string[]): string {
  return lines.map((l) => `${l}\r\n`).join('');
}

describe('stats/request + stats/result (reference §3.1)', () => {
  let api: TestApi;
  before(async () => {
    api = await startApi();
    api.engine.finished.push(...history());
    api.engine.clock = T0 + 2 * 86400;
  });
  after(() => api.close());

  it('answers the CSV on the first fetch: default columns, a row per leg, CRLF after each', async () => {
    const req = await api.post('/vpbx/stats/request', {
      date_from: T0,
      date_to: T0 + 86400 * 2,
      request_id: 'req-7',
    });
    const key = req.json.key as string;
    assert.equal(typeof key, 'string');
    const ready = await api.post('/vpbx/stats/result/', { key });
    assert.equal(ready.status, 200);
    assert.match(ready.headers.get('content-type') ?? '', /^text\/csv/);
    assert.equal(
      ready.text,
      rows(
        `[];${T0 + 10};${T0 + 20};${T0 + 10};;79031112233;;74951110000;1100;74951110000;ivr`,
        `[REC1,REC2];${T0 + 20};${T0 + 85};${T0 + 25};;79031112233;101;sip:anna@office.mangosip.ru;1110;74951110000;abonent`,
        `[];${T0 + 100};${T0 + 170};${T0 + 103};102;79160000002;102;79160000002;1110;74951110000;abonent`,
        `[];${T0 + 104};${T0 + 170};${T0 + 110};102;74951110000;;74957654321;1110;74951110000;abonent`,
        `[];${T0 + 86400};${T0 + 86430};0;;79035550000;501;;1120;78001110000;queue`,
      ),
    );
    // The ready notification carries key and request_id.
    for (let i = 0; i < 20 && !api.engine.notifications.some((n) => n.path === 'result/stat'); i++)
      await sleep(50);
    assert.deepEqual(
      api.engine.notifications.find((n) => n.path === 'result/stat'),
      { path: 'result/stat', payload: { key, request_id: 'req-7' } },
    );
  });

  it('prepares a report in a time that grows with its size: 204 until then', async () => {
    api.options.statsTiming = { instantRows: 3, secPerThousandRows: 1000, maxSec: 60 };
    try {
      // 5 legs: 2 beyond the instant size, 1 s each.
      const wait = preparationSec(5, { instantRows: 3, secPerThousandRows: 1000, maxSec: 60 });
      assert.equal(wait, 2);
      const req = await api.post('/vpbx/stats/request', { date_from: T0, date_to: T0 + 86400 * 2 });
      assert.equal((await api.post('/vpbx/stats/result', { key: req.json.key })).status, 204);
      api.engine.clock += wait - 1;
      assert.equal((await api.post('/vpbx/stats/result', { key: req.json.key })).status, 204);
      api.engine.clock += 1;
      const ready = await api.post('/vpbx/stats/result', { key: req.json.key });
      assert.equal(ready.status, 200);
      assert.equal(ready.text.split('\r\n').length, 6);
      // Three legs are within the instant size.
      const small = await api.post('/vpbx/stats/request', { date_from: T0, date_to: T0 + 100 });
      assert.equal((await api.post('/vpbx/stats/result', { key: small.json.key })).status, 200);
    } finally {
      api.options.statsTiming = undefined;
      api.engine.clock = T0 + 2 * 86400;
    }
  });

  it('caps the preparation time and keeps small reports instant by default', () => {
    assert.equal(preparationSec(0, { instantRows: 1000, secPerThousandRows: 2, maxSec: 60 }), 0);
    assert.equal(preparationSec(1000, { instantRows: 1000, secPerThousandRows: 2, maxSec: 60 }), 0);
    assert.equal(preparationSec(1001, { instantRows: 1000, secPerThousandRows: 2, maxSec: 60 }), 1);
    assert.equal(preparationSec(6000, { instantRows: 1000, secPerThousandRows: 2, maxSec: 60 }), 10);
    assert.equal(preparationSec(1e7, { instantRows: 1000, secPerThousandRows: 2, maxSec: 60 }), 60);
  });

  it('emits the columns in the requested order, from a string with spaces or an array', async () => {
    const fromString = await csv(api, {
      date_from: T0,
      date_to: T0 + 50,
      fields: 'entry_id, create,records ,location',
    });
    assert.equal(fromString, rows(`E1;${T0 + 10};[];ivr`, `E1;${T0 + 10};[REC1,REC2];abonent`));
    const fromArray = await csv(api, {
      date_from: T0,
      date_to: T0 + 50,
      fields: ['to_extension', 'entry_id'],
    });
    assert.equal(fromArray, rows(';E1', '101;E1'));
  });

  it('filters by from, to and call_party', async () => {
    const fields = 'entry_id,from_extension,to_extension,to_number';
    const range = { date_from: T0, date_to: T0 + 86400 * 2, fields };
    assert.equal(
      await csv(api, { ...range, from: { extension: '102' } }),
      rows('E2;102;102;79160000002', 'E2;102;;74957654321'),
    );
    assert.equal(
      await csv(api, { ...range, to: { number: '+7 (495) 765-43-21' } }),
      rows('E2;102;;74957654321'),
    );
    assert.equal(
      await csv(api, { ...range, to: { extension: '101' } }),
      rows('E1;;101;sip:anna@office.mangosip.ru'),
    );
    assert.equal(await csv(api, { ...range, call_party: { number: '79035550000' } }), rows('E3;;501;'));
    assert.equal(await csv(api, { ...range, call_party: { extension: '999' } }), '');
  });

  it('filters by the period of the leg start', async () => {
    assert.equal(
      await csv(api, { date_from: T0 + 100, date_to: T0 + 104, fields: 'entry_id,start' }),
      rows(`E2;${T0 + 100}`, `E2;${T0 + 104}`),
    );
  });

  it('answers 404 for an unknown key and for an expired one', async () => {
    assert.equal((await api.post('/vpbx/stats/result', { key: 'nope' })).status, 404);
    const req = await api.post('/vpbx/stats/request', { date_from: T0, date_to: T0 + 10 });
    api.engine.clock += STATS_KEEP_SEC;
    try {
      assert.equal((await api.post('/vpbx/stats/result', { key: req.json.key })).status, 404);
    } finally {
      api.engine.clock -= STATS_KEEP_SEC;
    }
  });

  it('validates dates, fields and party filters', async () => {
    let r = await api.post('/vpbx/stats/request', {});
    assert.deepEqual(r.json, { result: 3103, fields: { date_from: 3103, date_to: 3103 } });
    r = await api.post('/vpbx/stats/request', { date_from: T0, date_to: T0 + 32 * 86400 });
    assert.deepEqual(r.json, { result: 3111, fields: { date_to: 3111 } });
    r = await api.post('/vpbx/stats/request', { date_from: T0, date_to: T0 - 1 });
    assert.equal(r.json.result, 3111);
    r = await api.post('/vpbx/stats/request', { date_from: 'yesterday', date_to: T0 });
    assert.deepEqual(r.json, { result: 3104, fields: { date_from: 3104 } });
    r = await api.post('/vpbx/stats/request', { date_from: T0, date_to: T0 + 10, fields: 'start,duration' });
    assert.deepEqual(r.json, { result: 3104, fields: { fields: 3104 } });
    r = await api.post('/vpbx/stats/request', {
      date_from: T0,
      date_to: T0 + 10,
      from: { extension: '101' },
      call_party: { extension: '102' },
    });
    assert.deepEqual(r.json, { result: 3123, fields: { call_party: 3123 } });
    // Numeric strings are numbers (reference §1.2).
    r = await api.post('/vpbx/stats/request', { date_from: String(T0), date_to: String(T0 + 10) });
    assert.equal(typeof r.json.key, 'string');
  });
});

describe('stats/calls/request + stats/calls/result (reference §3.2)', () => {
  let api: TestApi;
  before(async () => {
    api = await startApi();
    api.engine.finished.push(...history());
    api.engine.clock = T0 + 2 * 86400;
  });
  after(() => api.close());

  // T0 is 27.11.2026 12:00:00 Moscow.
  const period = {
    start_date: '27.11.2026 00:00:00',
    end_date: '28.11.2026 23:59:59',
    limit: 100,
    offset: 0,
  };

  async function result(params: Record<string, unknown>) {
    const req = await api.post('/vpbx/stats/calls/request/', params);
    assert.equal(typeof req.json.key, 'string', req.text);
    api.engine.clock += 2;
    try {
      const res = await api.post('/vpbx/stats/calls/result/', { key: req.json.key });
      assert.equal(res.json.status, 'complete');
      return res.json;
    } finally {
      api.engine.clock -= 2;
    }
  }

  it('goes request → work (first chunk) → complete, a chunk per Moscow day', async () => {
    // Three calls at 0.5 s each: a 2 s job.
    api.options.statsTiming = { instantRows: 0, secPerThousandRows: 500 };
    const req = await api.post('/vpbx/stats/calls/request', period);
    api.options.statsTiming = undefined;
    const key = req.json.key;
    let r = await api.post('/vpbx/stats/calls/result', { key });
    assert.deepEqual(r.json, { result: 1000, status: 'request', data: [] });
    api.engine.clock += 1;
    r = await api.post('/vpbx/stats/calls/result', { key });
    assert.equal(r.json.status, 'work');
    assert.equal(r.json.data.length, 1);
    api.engine.clock += 1;
    r = await api.post('/vpbx/stats/calls/result', { key });
    api.engine.clock -= 2;
    assert.equal(r.json.status, 'complete');
    assert.deepEqual(
      r.json.data.map((d: { period: string; total_calls_count: number }) => [d.period, d.total_calls_count]),
      [
        ['2026-11-27', 2],
        ['2026-11-28', 1],
      ],
    );
    const day1 = r.json.data[0];
    assert.equal(day1.total_talks_duration, 60 + 60);
    assert.equal(day1.total_calls_duration, 75 + 70);
    const [incoming, outgoing] = day1.list;
    assert.equal(incoming.entry_id, 'E1');
    assert.equal(incoming.context_type, 1);
    assert.equal(incoming.context_status, 1);
    assert.equal(incoming.caller_id, null);
    assert.equal(incoming.caller_number, '79031112233');
    assert.equal(incoming.context_start_time, T0 + 10);
    assert.equal(incoming.duration, 75);
    assert.equal(incoming.talk_duration, 60);
    assert.equal(incoming.context_calls.length, 2);
    const anna = incoming.context_calls[1];
    assert.equal(anna.call_type, 'group');
    assert.equal(anna.external_call_id, 'C1b');
    assert.deepEqual(anna.recording_id, ['REC1', 'REC2']);
    assert.equal(anna.call_answer_time, T0 + 25);
    assert.equal(anna.talk_duration, 60);
    assert.equal(anna.dial_duration, 5);
    assert.equal(anna.call_end_reason, 1110);
    assert.equal(anna.DirectionInbound, true);
    assert.equal(incoming.context_calls[0].ModePrompt, true);
    assert.equal(outgoing.context_type, 2);
    assert.equal(outgoing.caller_id, 2);
    assert.equal(outgoing.caller_name, 'Борис Иванов');
    assert.equal(outgoing.cost, 1.5);
    const missed = r.json.data[1].list[0];
    assert.equal(missed.context_status, 0);
    assert.equal(missed.recall_status, 2);
    assert.equal(missed.context_calls[0].call_answer_time, null);
  });

  it('pages by offset and limit', async () => {
    const ids = async (offset: number) =>
      (await result({ ...period, limit: 1, offset })).data.flatMap(
        (d: { list: Array<{ entry_id: string }> }) => d.list.map((c) => c.entry_id),
      );
    assert.deepEqual(await ids(0), ['E1']);
    assert.deepEqual(await ids(1), ['E2']);
    assert.deepEqual(await ids(2), ['E3']);
    assert.deepEqual(await ids(3), []);
  });

  it('filters by user_ids, group_ids, context_type, context_status and search_string', async () => {
    const ids = async (extra: Record<string, unknown>) =>
      (await result({ ...period, ...extra })).data.flatMap((d: { list: Array<{ entry_id: string }> }) =>
        d.list.map((c) => c.entry_id),
      );
    assert.deepEqual(await ids({ user_ids: [1] }), ['E1']);
    assert.deepEqual(await ids({ user_ids: [2, 1] }), ['E1', 'E2']);
    assert.deepEqual(await ids({ group_ids: [11] }), ['E3']);
    assert.deepEqual(await ids({ context_type: 2 }), ['E2']);
    assert.deepEqual(await ids({ context_type: [1, 3] }), ['E1', 'E3']);
    assert.deepEqual(await ids({ context_status: 0 }), ['E3']);
    assert.deepEqual(await ids({ search_string: '765' }), ['E2']);
    assert.deepEqual(await ids({ start_date: '28.11.2026', end_date: '28.11.2026 23:59:59' }), ['E3']);
    const withCost = await result({ ...period, ext_fields: ['context_cost_full'] });
    assert.equal(withCost.data[0].list[1].context_cost_full, 1.5);
    assert.equal(withCost.data[0].list[1].context_cost_tariff, undefined);
  });

  it('validates dates, period, limit, offset and filters', async () => {
    const bad = async (extra: Record<string, unknown>) =>
      (await api.post('/vpbx/stats/calls/request', { ...period, ...extra })).json;
    assert.deepEqual(await bad({ start_date: '2026-11-27' }), { result: 3104, fields: { start_date: 3104 } });
    assert.deepEqual(await bad({ start_date: '01.11.2026 00:00:00', end_date: '01.12.2026 00:00:00' }), {
      result: 3100,
      fields: { end_date: 3111 },
    });
    assert.equal(
      typeof (await bad({ start_date: '01.11.2026 00:00:00', end_date: '30.11.2026 23:59:59' })).key,
      'string',
    );
    assert.deepEqual(await bad({ limit: 7 }), { result: 3104, fields: { limit: 3104 } });
    assert.equal(typeof (await bad({ limit: '20', offset: '0' })).key, 'string');
    const { limit: _l, offset: _o, ...noPaging } = period;
    assert.deepEqual((await api.post('/vpbx/stats/calls/request', noPaging)).json, {
      result: 3103,
      fields: { limit: 3103, offset: 3103 },
    });
    // Anything but integers or numeric strings is refused at once.
    assert.deepEqual(await bad({ user_ids: ['one'] }), { result: 3104, fields: { user_ids: 3104 } });
    assert.deepEqual(await bad({ group_ids: 10 }), { result: 3104, fields: { group_ids: 3104 } });
    assert.deepEqual(await bad({ context_type: 4 }), { result: 3104, fields: { context_type: 3104 } });
    assert.deepEqual(await bad({ search_string: '79' }), { result: 3108, fields: { search_string: 3108 } });
  });

  it('accepts user_ids/group_ids as strings, and the job then fails with 5004 (reference §1.2, N8N)', async () => {
    for (const extra of [{ user_ids: ['1'] }, { group_ids: ['10', 11] }]) {
      const req = await api.post('/vpbx/stats/calls/request', { ...period, ...extra });
      assert.deepEqual(Object.keys(req.json), ['key'], req.text);
      const r = await api.post('/vpbx/stats/calls/result', { key: req.json.key });
      assert.deepEqual(r.json, { result: 5004, status: 'error', data: [] });
    }
  });

  it('answers not-found for an unknown key', async () => {
    const r = await api.post('/vpbx/stats/calls/result', { key: 'missing' });
    assert.equal(r.json.status, 'not-found');
  });
});
