import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { signJson, signaturesEqual } from 'mangokit/protocol';
import { sha256HexJs } from '../../src/core/sha256.js';

// The pure-JavaScript SHA-256 is what signs and verifies on runtimes without node:crypto
// (browsers, workers; Deno without its Node globals in test/runtimes.test.ts).
const nodeHex = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

describe('pure-JavaScript SHA-256', () => {
  it('matches the FIPS 180-2 examples', () => {
    assert.equal(sha256HexJs('abc'), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    assert.equal(sha256HexJs(''), 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    assert.equal(
      sha256HexJs('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq'),
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
  });

  it('matches node:crypto around every padding boundary and for long input', () => {
    for (let n = 0; n <= 200; n++) assert.equal(sha256HexJs('x'.repeat(n)), nodeHex('x'.repeat(n)), `${n}`);
    const long = 'a'.repeat(1_000_000);
    assert.equal(sha256HexJs(long), nodeHex(long));
  });

  it('hashes the UTF-8 bytes of any string as node:crypto does (lone surrogates as U+FFFD)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 300 }),
        (text) => sha256HexJs(text) === nodeHex(text),
      ),
      { numRuns: 2000 },
    );
    for (const text of ['\ud800', 'a\udc00b', '\ud83d\ude00', 'привет', 'é'.repeat(300)]) {
      assert.equal(sha256HexJs(text), nodeHex(text), JSON.stringify(text));
    }
  });

  it('gives the signature the reference worked example has (§1.2)', () => {
    const json = '{"command_id":"cb-1","from":{"extension":"101"},"to_number":"74951234567"}';
    const credentials = { apiKey: 'testkey123', apiSalt: 'testsalt456' };
    const expected = '9f6524031cbc8a57597f6ceb08a2bae616c0b868b5817c6a85bce09e2a60cadd';
    assert.equal(signJson(credentials, json), expected);
    assert.equal(sha256HexJs(credentials.apiKey + json + credentials.apiSalt), expected);
  });
});

describe('signaturesEqual', () => {
  it('is true only for the same text', () => {
    assert.equal(signaturesEqual('abc', 'abc'), true);
    assert.equal(signaturesEqual('abc', 'abd'), false);
    assert.equal(signaturesEqual('abc', 'ab'), false);
    assert.equal(signaturesEqual('', ''), true);
    // Two different lone surrogates are different strings (a byte comparison of their UTF-8
    // encodings, both U+FFFD, would call them equal).
    assert.equal(signaturesEqual('\ud800', '\ud801'), false);
  });
});
