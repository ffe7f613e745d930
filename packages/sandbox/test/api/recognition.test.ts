import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import { MangoClient } from 'mangokit';
import { createEnvelope } from 'mangokit/protocol';
import { RECOGNITION_SEC } from '../../src/api/recordings/recognitionTasks.js';
import { toneMp3 } from '../../src/media/index.js';
import { API_KEY, API_SALT, startApi, T0, type TestApi } from './harness.js';

const META = { user_id: 1, from: '79031112233', to: '101', direction: 'IN', created: '2026-11-27 09:00:00' };

function upload(params: unknown, file?: { name: string; data: Uint8Array; type?: string }): FormData {
  const env = createEnvelope({ apiKey: API_KEY, apiSalt: API_SALT }, params);
  const form = new FormData();
  form.set('vpbx_api_key', env.vpbx_api_key);
  form.set('sign', env.sign);
  form.set('json', env.json);
  if (file)
    form.set('file', new Blob([new Uint8Array(file.data)], { type: file.type ?? 'audio/mpeg' }), file.name);
  return form;
}

describe('offline speech recognition (reference §3.8, §4.10)', () => {
  let api: TestApi;
  let client: MangoClient;
  before(async () => {
    api = await startApi();
    client = new MangoClient({ apiKey: API_KEY, apiSalt: API_SALT, baseUrl: `${api.url}/vpbx/` });
  });
  after(() => api.close());

  it('accepts an MP3 through the SDK upload, works, then completes with words over the file and notifies', async () => {
    const accepted = await client.recognition.offlineRecord(
      { ...META, direction: 'IN', diarization: 1 },
      { data: toneMp3(12), fileName: 'call.mp3' },
    );
    assert.equal(accepted.result, 1000);
    const id = accepted.request_id;
    let tasks = await client.recognition.tasks({ request_ids: [id, 'unknown'] });
    assert.deepEqual(tasks.data, [
      { request_id: id, status: 'work' },
      { request_id: 'unknown', status: 'not-found' },
    ]);
    api.engine.clock += RECOGNITION_SEC;
    try {
      tasks = await client.recognition.tasks({ request_ids: [id] });
      const [task] = tasks.data!;
      assert.equal(task!.status, 'complete');
      assert.deepEqual(
        task!.transcribes!.map((t) => t.channel),
        [-1, 1],
      );
      const words = task!.transcribes!.flatMap((t) => t.data);
      assert.ok(words.length > 5);
      for (const w of words) assert.ok(w.begin >= 0 && w.end > w.begin && w.end <= 12.1, JSON.stringify(w));
      for (
        let i = 0;
        i < 20 && !api.engine.notifications.some((n) => n.path === 'events/recognized/offline');
        i++
      )
        await sleep(50);
      assert.deepEqual(
        api.engine.notifications.find((n) => n.path === 'events/recognized/offline')?.payload,
        {
          product_id: 4001,
          request_id: id,
          recognized: (T0 + RECOGNITION_SEC) * 1000,
          result: 1000,
        },
      );
    } finally {
      api.engine.clock -= RECOGNITION_SEC;
    }
  });

  it('accepts a WAV through record/recognize', async () => {
    const wav = Buffer.alloc(44 + 16000);
    wav.write('RIFF', 0, 'ascii');
    wav.write('WAVE', 8, 'ascii');
    wav.writeUInt32LE(16000, 28);
    const r = await api.fetch('/vpbx/record/recognize', {
      method: 'POST',
      body: upload({}, { name: 'a.wav', data: wav, type: 'audio/wav' }),
    });
    assert.equal(r.json.result, 1000);
    assert.equal(typeof r.json.request_id, 'string');
  });

  it('answers 3103 without a file, 4505 for a file that is not audio, field codes for bad metadata', async () => {
    let r = await api.fetch('/vpbx/offline_record/recognize', { method: 'POST', body: upload(META) });
    assert.deepEqual(r.json, { result: 3103, fields: { file: 3103 } });
    r = await api.fetch('/vpbx/offline_record/recognize', {
      method: 'POST',
      body: upload(META, { name: 'a.txt', data: Buffer.from('hello, not audio'), type: 'text/plain' }),
    });
    assert.deepEqual(r.json, { result: 4505 });
    r = await api.fetch('/vpbx/offline_record/recognize', {
      method: 'POST',
      body: upload(
        { ...META, user_id: 99, direction: 'UP', created: '27.11.2026' },
        { name: 'a.mp3', data: toneMp3(1) },
      ),
    });
    assert.deepEqual(r.json, { result: 3100, fields: { user_id: 3300, direction: 3104, created: 3104 } });
  });

  it('takes uploads up to the upload limit (not the body limit) and answers 413 beyond', async () => {
    const small = await startApi({ maxBodyBytes: 1024, maxUploadBytes: 64 * 1024 });
    try {
      const fits = await small.fetch('/vpbx/record/recognize', {
        method: 'POST',
        body: upload({}, { name: 'a.mp3', data: toneMp3(20) }),
      });
      assert.equal(fits.json.result, 1000);
      const big = await small.fetch('/vpbx/record/recognize', {
        method: 'POST',
        body: upload({}, { name: 'b.mp3', data: toneMp3(40) }),
      });
      assert.equal(big.status, 413);
      // The connection survives: the next request is answered.
      assert.equal((await small.post('/vpbx/domains', {})).json.result, 1000);
    } finally {
      await small.close();
    }
  });
});
