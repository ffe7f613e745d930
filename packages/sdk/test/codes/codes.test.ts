import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeDisconnectReason, describeResultCode } from 'mangokit';
import { DISCONNECT_REASONS, RESULT, RESULT_CODES, resultCodeClass } from 'mangokit/protocol';

describe('result codes (§5) and disconnect reasons (§6)', () => {
  it('has English and Russian text for every code', () => {
    const codes = Object.keys(RESULT_CODES).map(Number);
    assert.ok(codes.length > 200);
    for (const c of codes) {
      assert.ok(RESULT_CODES[c]!.en.length > 3, `en ${c}`);
      assert.match(RESULT_CODES[c]!.ru, /[А-Яа-яЁё]/, `ru ${c}`);
    }
    assert.equal(RESULT_CODES[3102]?.en, 'sign does not match the computed value');
  });

  it('falls back to the nearest known class as the vendor rule says', () => {
    assert.deepEqual(
      [
        describeResultCode(2219).matched,
        describeResultCode(1090).matched,
        describeResultCode('3321').matched,
      ],
      [2210, 1000, 3320],
    );
    assert.equal(describeResultCode(1000).exact, true);
    assert.equal(describeResultCode(2219).exact, false);
    assert.equal(describeResultCode(7777).matched, undefined);
    assert.match(describeResultCode(7777).en, /unknown/);
    assert.equal(describeResultCode(Number.NaN).class, 'unknown');
  });

  it('classifies by first digit', () => {
    assert.deepEqual([1100, 2000, 3104, 4101, 5008, 6000, 999].map(resultCodeClass), [
      'success',
      'billing',
      'request',
      'action',
      'server',
      'fax',
      'unknown',
    ]);
  });

  it('describes disconnect reasons with their class', () => {
    const d = describeDisconnectReason(1121);
    assert.equal(d.en, 'busy received from the far end');
    assert.equal(d.reasonClass?.en, 'normal termination');
    assert.equal(describeDisconnectReason(4502).reasonClass?.from, 4500);
    assert.equal(describeDisconnectReason(3100).reasonClass, undefined);
    assert.ok(DISCONNECT_REASONS.every((c) => c.from <= c.to && /[А-Яа-я]/.test(c.ru)));
  });

  it('names every code once, each name typed as its code', () => {
    const entries = Object.entries(RESULT);
    assert.equal(entries.length, Object.keys(RESULT_CODES).length);
    assert.equal(new Set(entries.map(([, code]) => code)).size, entries.length, 'one name per code');
    for (const [name, code] of entries) {
      assert.match(name, /^[A-Z][A-Z0-9_]*[A-Z0-9]$/, name);
      assert.ok(RESULT_CODES[code], `${name} = ${code} is in the table`);
    }
    const success: 1000 = RESULT.SUCCESS;
    assert.deepEqual(
      [success, RESULT.NO_ANSWER, RESULT.ENDED_BY_API, RESULT.INSUFFICIENT_FUNDS, RESULT.ABOVE_MAXIMUM],
      [1000, 1111, 1181, 2240, 3109],
    );
    assert.ok(Object.isFrozen(RESULT));
  });
});
