import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  createEnvelope,
  encodeEnvelope,
  formKind,
  MalformedFormError,
  MultipartError,
  parseEnvelopeForm,
  parseUrlencoded,
} from 'mangokit/protocol';

const FORM = 'application/x-www-form-urlencoded';

/** A multipart body as a web FormData encodes it (an independent producer of boundaries). */
async function encodeMultipart(form: FormData): Promise<{ body: Buffer; contentType: string }> {
  const request = new Request('http://local/', { method: 'POST', body: form });
  return {
    body: Buffer.from(await request.arrayBuffer()),
    contentType: request.headers.get('content-type') ?? '',
  };
}

describe('envelope form reader (reference §1.2: urlencoded and multipart)', () => {
  const env = createEnvelope({ apiKey: 'key1', apiSalt: 'salt1' }, { text: 'Отдел & продаж + 100%' });

  it('reads the same three fields from both encodings', async () => {
    const fromUrlencoded = parseEnvelopeForm(Buffer.from(encodeEnvelope(env)), FORM);
    const form = new FormData();
    for (const [k, v] of Object.entries(env)) form.set(k, v);
    const { body, contentType } = await encodeMultipart(form);
    const fromMultipart = parseEnvelopeForm(new Uint8Array(body), contentType);
    assert.deepEqual(fromUrlencoded, { ...env });
    assert.deepEqual(fromMultipart, { ...env });
  });

  it('returns file parts apart from the fields', async () => {
    const form = new FormData();
    form.set('json', '{}');
    form.set('file', new Blob([new Uint8Array([0, 1, 2, 255])], { type: 'audio/wav' }), 'a.wav');
    const { body, contentType } = await encodeMultipart(form);
    const parsed = parseEnvelopeForm(body, contentType, { lenient: true });
    assert.equal(parsed.json, '{}');
    assert.equal(parsed.files?.length, 1);
    assert.equal(parsed.files?.[0]?.name, 'file');
    assert.equal(parsed.files?.[0]?.filename, 'a.wav');
    assert.equal(parsed.files?.[0]?.contentType, 'audio/wav');
    assert.deepEqual([...(parsed.files?.[0]?.data ?? [])], [0, 1, 2, 255]);
  });

  it('reads a body without a form content type as urlencoded', () => {
    assert.equal(parseEnvelopeForm(Buffer.from('json=%7B%7D'), undefined).json, '{}');
    assert.equal(formKind(undefined), undefined);
    assert.equal(formKind('Multipart/Form-Data; boundary=x'), 'multipart');
    assert.equal(formKind('text/plain'), undefined);
  });

  it('strict (default): rejects repeated fields and broken percent-encoding with typed errors', async () => {
    assert.throws(() => parseUrlencoded('json=1&json=2'), MalformedFormError);
    assert.throws(() => parseUrlencoded('json=%zz'), MalformedFormError);
    const form = new FormData();
    form.append('sign', 'a');
    form.append('sign', 'b');
    const { body, contentType } = await encodeMultipart(form);
    assert.throws(() => parseEnvelopeForm(body, contentType), MultipartError);
    assert.throws(() => parseEnvelopeForm(body, 'multipart/form-data'), MultipartError);
    // Other fields are not the envelope's business: repeated or broken, they are skipped.
    assert.deepEqual(parseUrlencoded('x=1&x=%zz&sign=s'), { sign: 's' });
  });

  it('lenient: the first of a repeated field wins and broken percent-encoding is kept as URLSearchParams keeps it', async () => {
    assert.deepEqual(parseUrlencoded('json=1&json=2', { lenient: true }), { json: '1' });
    const raw = 'json=%zz%7B&sign=%E0%A4%A';
    assert.deepEqual(parseUrlencoded(raw, { lenient: true }), {
      json: new URLSearchParams(raw).get('json'),
      sign: new URLSearchParams(raw).get('sign'),
    });
    const form = new FormData();
    form.append('sign', 'a');
    form.append('sign', 'b');
    const { body, contentType } = await encodeMultipart(form);
    assert.deepEqual(parseEnvelopeForm(body, contentType, { lenient: true }), { sign: 'a' });
  });

  it('reads an encoded field name as that name', () => {
    assert.deepEqual(parseUrlencoded('vpbx%5Fapi%5Fkey=k'), { vpbx_api_key: 'k' });
  });
});
