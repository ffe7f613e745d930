import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { MultipartError, multipartBoundary, parseMultipart } from 'mangokit/protocol';

const BOUNDARY = '----mangokitPropertyBoundary';

function encode(fields: Array<[string, string]>, boundary = BOUNDARY): Buffer {
  let out = '';
  for (const [name, value] of fields) {
    out += `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n${value}\r\n`;
  }
  return Buffer.from(`${out}--${boundary}--\r\n`, 'utf8');
}

describe('multipart parser (property)', () => {
  it('reads back any text values, CRLFs, dashes and unicode included', () => {
    const name = fc.stringMatching(/^[a-z_]{1,12}$/);
    // Values may hold anything but the delimiter itself.
    const value = fc
      .string({ unit: fc.constantFrom('a', 'я', '-', '\r', '\n', '"', ';', '=', '{', '}', ' ', '😀') })
      .filter((v) => !v.includes(`--${BOUNDARY}`));
    fc.assert(
      fc.property(fc.uniqueArray(fc.tuple(name, value), { selector: ([n]) => n, maxLength: 5 }), (fields) => {
        const parsed = parseMultipart(encode(fields), BOUNDARY);
        assert.deepEqual([...parsed.entries()], fields);
      }),
      { numRuns: 500 },
    );
  });

  it('never throws anything but MultipartError on arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const body = Buffer.concat([Buffer.from(`--${BOUNDARY}\r\n`), Buffer.from(bytes)]);
        try {
          parseMultipart(body, BOUNDARY);
        } catch (error) {
          assert.ok(error instanceof MultipartError, String(error));
        }
      }),
      { numRuns: 500 },
    );
  });

  it('finds the boundary in a content type', () => {
    assert.equal(multipartBoundary(`multipart/form-data; boundary=${BOUNDARY}`), BOUNDARY);
    assert.equal(multipartBoundary('multipart/form-data; charset=utf-8; boundary="a b"'), 'a b');
  });
});
