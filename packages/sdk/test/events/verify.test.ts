import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MangoSignatureError, MangoValidationError, verifyNotification } from 'mangokit';
import { REDACTED_SIGN_PREFIX, redactSign, signJson, signNotification } from 'mangokit/protocol';

const creds = { apiKey: 'testkey123', apiSalt: 'testsalt456' };

function reasonOf(fn: () => void): string {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof MangoSignatureError);
    assert.ok(!error.message.includes(creds.apiSalt), 'salt leaked into the message');
    return error.reason;
  }
  return 'accepted';
}

describe('verifyNotification', () => {
  it('accepts the reference worked example (§1.2)', () => {
    const json = '{"command_id":"cb-1","from":{"extension":"101"},"to_number":"74951234567"}';
    const sign = '9f6524031cbc8a57597f6ceb08a2bae616c0b868b5817c6a85bce09e2a60cadd';
    assert.equal(
      reasonOf(() => verifyNotification(creds, { vpbx_api_key: 'testkey123', sign, json })),
      'accepted',
    );
    assert.equal(
      reasonOf(() =>
        verifyNotification(creds, { vpbx_api_key: 'testkey123', sign: sign.toUpperCase(), json }),
      ),
      'accepted',
    );
  });

  it('round-trips signNotification, including non-ASCII text', () => {
    const env = signNotification(creds, { entry_id: 'e', text: 'Привет & 100% +' });
    assert.equal(env.sign, signJson(creds, env.json));
    assert.equal(
      reasonOf(() => verifyNotification(creds, env)),
      'accepted',
    );
  });

  it('names each failure with its own reason', () => {
    const env = signNotification(creds, { a: 1 });
    assert.equal(
      reasonOf(() => verifyNotification(creds, { ...env, sign: undefined })),
      'missing_field',
    );
    assert.equal(
      reasonOf(() => verifyNotification(creds, { ...env, vpbx_api_key: '' })),
      'missing_field',
    );
    assert.equal(
      reasonOf(() => verifyNotification(creds, { ...env, json: undefined })),
      'missing_field',
    );
    assert.equal(
      reasonOf(() => verifyNotification(creds, { ...env, vpbx_api_key: 'other' })),
      'wrong_key',
    );
    assert.equal(
      reasonOf(() => verifyNotification(creds, { ...env, json: '{"a":2}' })),
      'bad_signature',
    );
    assert.equal(
      reasonOf(() => verifyNotification(creds, { ...env, json: '{"a": 1}' })),
      'bad_signature',
    );
    assert.equal(
      reasonOf(() => verifyNotification(creds, { ...env, sign: 'abc' })),
      'bad_signature',
    );
    assert.equal(
      reasonOf(() => verifyNotification(creds, { ...env, json: { a: 1 } })),
      'parsed_object',
    );
    // Same length, not hex; one flipped character; the key one character short.
    assert.equal(
      reasonOf(() => verifyNotification(creds, { ...env, sign: 'G'.repeat(64) })),
      'bad_signature',
    );
    const flipped = env.sign.slice(0, -1) + (env.sign.endsWith('0') ? '1' : '0');
    assert.equal(
      reasonOf(() => verifyNotification(creds, { ...env, sign: flipped })),
      'bad_signature',
    );
    assert.equal(
      reasonOf(() => verifyNotification(creds, { ...env, vpbx_api_key: creds.apiKey.slice(0, -1) })),
      'wrong_key',
    );
    const mixedCase = env.sign.replace(/[a-f]/g, (c, i: number) => (i % 2 ? c.toUpperCase() : c));
    assert.equal(
      reasonOf(() => verifyNotification(creds, { ...env, sign: mixedCase })),
      'accepted',
    );
    assert.equal(
      reasonOf(() => verifyNotification({ apiKey: creds.apiKey, apiSalt: 'other' }, env)),
      'bad_signature',
    );
  });

  it('never puts the signature into the error message', () => {
    const env = signNotification(creds, { a: 1 });
    try {
      verifyNotification(creds, { ...env, json: '{"a":3}' });
      assert.fail('accepted a forged json');
    } catch (error) {
      assert.ok(error instanceof MangoSignatureError);
      assert.ok(!error.message.includes(env.sign));
    }
  });

  it('takes the credentials first, as every signing helper does, and says so when they are missing', () => {
    const env = signNotification(creds, { a: 1 });
    const swapped = verifyNotification as unknown as (form: object, credentials: object) => void;
    assert.throws(() => swapped(env, creds), MangoValidationError);
    assert.throws(() => swapped(env, creds), /verifyNotification\(credentials, form\)/);
  });
});

describe('redactSign', () => {
  it('keeps the shape of a sign and never its value, in a form-safe token', () => {
    const sign = signJson(creds, '{"command_id":"cb-1"}');
    assert.equal(redactSign(sign), 'redacted-64-hex');
    assert.equal(redactSign(sign.toUpperCase()), 'redacted-64-hex');
    assert.equal(redactSign(''), 'redacted-empty');
    assert.equal(redactSign('1imlsgivf5kprp16caur1468t5'), 'redacted-26-chars');
    for (const token of [redactSign(sign), redactSign('x&y=z')]) {
      assert.ok(token.startsWith(REDACTED_SIGN_PREFIX));
      assert.equal(encodeURIComponent(token), token);
      assert.ok(!/[0-9a-f]{16}/.test(token));
    }
  });
});
