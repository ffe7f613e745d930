import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { signRecordingLink } from 'mangokit/protocol';
import { FILE_LINK_TTL_SEC } from '../../src/api/index.js';
import { readMp3 } from '../../src/media/index.js';
import { API_KEY, API_SALT, call, startApi, T0, type TestApi } from './harness.js';

describe('recordings (reference §3.3)', () => {
  let api: TestApi;
  before(async () => {
    api = await startApi();
    api.engine.clock = T0 + 1000;
    api.engine.recordings.set('MToxMDA2OjQ1Njc=', {
      recording_id: 'MToxMDA2OjQ1Njc=',
      entry_id: 'E1',
      call_id: 'C1',
      extension: '101',
      user_id: 1,
      started_at: T0 + 20,
      completed_at: T0 + 65,
      duration_sec: 45,
    });
    api.engine.recordings.set('LIVE', {
      recording_id: 'LIVE',
      entry_id: 'E9',
      call_id: 'C9',
      started_at: T0 + 900,
      duration_sec: 0,
    });
    api.engine.finished.push(
      call({
        entry_id: 'E1',
        create_time: T0 + 10,
        legs: [
          {
            entry_id: 'E1',
            call_id: 'C1',
            records: ['MToxMDA2OjQ1Njc='],
            start: T0 + 10,
            finish: T0 + 65,
            answer: T0 + 20,
            from_number: '79031112233',
            to_extension: '101',
            disconnect_reason: 1110,
            location: 'abonent',
            create: T0 + 10,
            user_ids: [1],
          },
        ],
      }),
    );
  });
  after(() => api.close());

  it('queries/recording/post: 302 to a one-time URL serving an MP3 as long as the recording', async () => {
    const r = await api.post('/vpbx/queries/recording/post/', {
      recording_id: 'MToxMDA2OjQ1Njc=',
      action: 'download',
    });
    assert.equal(r.status, 302);
    const location = r.headers.get('location')!;
    assert.ok(location.startsWith(`${api.url}/files/`), location);
    const file = await api.fetch(location.slice(api.url.length));
    assert.equal(file.status, 200);
    assert.equal(file.headers.get('content-type'), 'audio/mpeg');
    assert.match(file.headers.get('content-disposition')!, /^attachment; filename="[A-Za-z0-9_-]+\.mp3"$/);
    assert.equal(Number(file.headers.get('content-length')), file.body.length);
    const info = readMp3(file.body);
    assert.equal(info.trailingBytes, 0);
    assert.ok(Math.abs(info.durationSec - 45) <= 0.036, String(info.durationSec));
    // One time only.
    assert.equal((await api.fetch(location.slice(api.url.length))).status, 404);
  });

  it('a one-time URL honours a single Range (206 with Content-Range; 416 past the end)', async () => {
    const url = async () =>
      (await api.post('/vpbx/queries/recording/post', { recording_id: 'MToxMDA2OjQ1Njc=' })).headers
        .get('location')!
        .slice(api.url.length);
    const whole = await api.fetch(await url());
    assert.equal(whole.headers.get('accept-ranges'), 'bytes');
    const size = whole.body.length;
    const tail = await api.fetch(await url(), { headers: { range: 'bytes=1000-' } });
    assert.equal(tail.status, 206);
    assert.equal(tail.headers.get('content-range'), `bytes 1000-${size - 1}/${size}`);
    assert.deepEqual(tail.body, whole.body.subarray(1000));
    const past = await api.fetch(await url(), { headers: { range: `bytes=${size}-` } });
    assert.equal(past.status, 416);
    assert.equal(past.headers.get('content-range'), `bytes */${size}`);
  });

  it('serves play inline, download by default; HEAD does not use the link up', async () => {
    const play = await api.post('/vpbx/queries/recording/post', {
      recording_id: 'MToxMDA2OjQ1Njc=',
      action: 'play',
    });
    const path = play.headers.get('location')!.slice(api.url.length);
    const head = await api.fetch(path, { method: 'HEAD' });
    assert.equal(head.status, 200);
    const file = await api.fetch(path);
    assert.match(file.headers.get('content-disposition')!, /^inline; filename=".+\.mp3"$/);
    const plain = await api.post('/vpbx/queries/recording/post', { recording_id: 'MToxMDA2OjQ1Njc=' });
    const dl = await api.fetch(plain.headers.get('location')!.slice(api.url.length));
    assert.match(dl.headers.get('content-disposition')!, /^attachment/);
  });

  it('one-time links expire', async () => {
    const r = await api.post('/vpbx/queries/recording/post', { recording_id: 'MToxMDA2OjQ1Njc=' });
    api.engine.clock += FILE_LINK_TTL_SEC;
    try {
      assert.equal((await api.fetch(r.headers.get('location')!.slice(api.url.length))).status, 404);
    } finally {
      api.engine.clock -= FILE_LINK_TTL_SEC;
    }
  });

  it('unknown or still-running recordings answer 3320; bad parameters 3103/3104', async () => {
    assert.deepEqual((await api.post('/vpbx/queries/recording/post', { recording_id: 'nope' })).json, {
      result: 3320,
    });
    assert.deepEqual((await api.post('/vpbx/queries/recording/post', { recording_id: 'LIVE' })).json, {
      result: 3320,
    });
    assert.deepEqual((await api.post('/vpbx/queries/recording/post', {})).json, {
      result: 3103,
      fields: { recording_id: 3103 },
    });
    assert.deepEqual(
      (await api.post('/vpbx/queries/recording/post', { recording_id: 'x', action: 'stream' })).json,
      {
        result: 3104,
        fields: { action: 3104 },
      },
    );
  });

  it('the signed GET link of §3.3.2: sign order key+timestamp+id+salt, expiry checked', async () => {
    const id = 'MToxMDA2OjQ1Njc=';
    const ts = T0 + 3600;
    const link = (sign: string, t: number | string = ts, key = API_KEY, action = 'play') =>
      `/vpbx/queries/recording/link/${id}/${action}/${key}/${t}/${sign}`;
    const good = signRecordingLink({ apiKey: API_KEY, apiSalt: API_SALT }, ts, id);
    const r = await api.fetch(link(good));
    assert.equal(r.status, 302);
    const file = await api.fetch(r.headers.get('location')!.slice(api.url.length));
    assert.equal(file.status, 200);
    assert.match(file.headers.get('content-disposition')!, /^inline/);
    // The request-signing order (key + json + salt) is not accepted here.
    const wrongOrder = signRecordingLink({ apiKey: API_KEY, apiSalt: API_SALT }, id, String(ts));
    assert.equal((await api.fetch(link(wrongOrder))).status, 403);
    assert.equal((await api.fetch(link(good, ts + 1))).status, 403);
    assert.equal((await api.fetch(link(good, ts, 'otherkey'))).status, 401);
    const past = T0 + 999;
    assert.equal(
      (await api.fetch(link(signRecordingLink({ apiKey: API_KEY, apiSalt: API_SALT }, past, id), past)))
        .status,
      403,
    );
    assert.equal((await api.fetch(link(good, ts, API_KEY, 'stream'))).status, 404);
    const unknown = `/vpbx/queries/recording/link/nope/play/${API_KEY}/${ts}/${signRecordingLink({ apiKey: API_KEY, apiSalt: API_SALT }, ts, 'nope')}`;
    assert.equal((await api.fetch(unknown)).status, 404);
  });

  it('issa redirects to a one-time URL', async () => {
    const r = await api.fetch('/vpbx/queries/recording/issa/MToxMDA2OjQ1Njc=/download');
    assert.equal(r.status, 302);
    const file = await api.fetch(r.headers.get('location')!.slice(api.url.length));
    assert.equal(file.headers.get('content-type'), 'audio/mpeg');
    assert.equal((await api.fetch('/vpbx/queries/recording/issa/nope/download')).status, 404);
  });

  it('transcripts and categories for known recordings, ids as an array or a JSON-array string', async () => {
    const t = await api.post('/vpbx/queries/recording_transcripts', {
      recording_id: '["MToxMDA2OjQ1Njc=","nope"]',
    });
    assert.equal(t.json.result, 1000);
    assert.equal(t.json.data.length, 1);
    assert.equal(t.json.data[0].recording_id, 'MToxMDA2OjQ1Njc=');
    assert.equal(t.json.data[0].names.operator, 'Анна Петрова');
    assert.ok(t.json.data[0].phrases.length > 0);
    for (const [who, text] of t.json.data[0].phrases) {
      assert.ok(who === 'operator' || who === 'client');
      assert.equal(typeof text, 'string');
    }
    const c = await api.post('/vpbx/queries/recording_categories', {
      recording_id: ['MToxMDA2OjQ1Njc='],
      with_terms: true,
      with_names: true,
    });
    const category = c.json.data[0].categories[0];
    assert.equal(typeof category.name, 'string');
    assert.deepEqual(category.terms[0].channels, [1]);
    const bare = await api.post('/vpbx/queries/recording_categories', { recording_id: ['MToxMDA2OjQ1Njc='] });
    assert.equal(bare.json.data[0].categories[0].terms, undefined);
    const tooMany = await api.post('/vpbx/queries/recording_transcripts', {
      recording_id: Array.from({ length: 501 }, (_, i) => `r${i}`),
    });
    assert.deepEqual(tooMany.json, { result: 3109, fields: { recording_id: 3109 } });
  });

  it('vpbx/cc/call/ lists the recordings of a call group; vpbx/cc/tags/ answers an empty catalogue', async () => {
    const r = await api.post('/vpbx/cc/call/', { entry_id: 'E1' });
    assert.equal(r.json.result, 1000);
    assert.deepEqual(r.json.call.recording_id, ['MToxMDA2OjQ1Njc=']);
    assert.deepEqual((await api.post('/vpbx/cc/call/', { entry_id: 'E404' })).json, {
      result: 3300,
      fields: { entry_id: 3300 },
    });
    assert.deepEqual((await api.post('/vpbx/cc/tags/', {})).json, { result: 1000, tags: [] });
  });

  it('/s2t/ summaries and records', async () => {
    const s = await api.post('/s2t/queries/recording_summary', { communication_id: ['MToxMDA2OjQ1Njc='] });
    assert.equal(s.json.data.length, 1);
    assert.match(s.json.data[0].summary, /Анна Петрова/);
    const r = await api.post('/s2t/queries/records', {
      date_from: '2026-11-27',
      date_to: '2026-11-27',
      offset: 0,
      limit: 10,
    });
    assert.equal(r.json.result, 1000);
    assert.equal(r.json.data.length, 1);
    assert.equal(r.json.data[0].communication_id, 'MToxMDA2OjQ1Njc=');
    assert.equal(r.json.data[0].info.duration, 45);
    assert.equal(r.json.data[0].info.direction, 'in');
    const none = await api.post('/s2t/queries/records', { date_from: '2026-11-28', date_to: '2026-11-29' });
    assert.deepEqual(none.json.data, []);
    const bad = await api.post('/s2t/queries/records', { date_from: '27.11.2026', date_to: '2026-11-27' });
    assert.deepEqual(bad.json, { result: 3104, fields: { date_from: 3104 } });
  });
});
