import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MangoClient, MangoValidationError, type SmsParams } from 'mangokit';
import {
  type CommandParams,
  COMMAND_NAMES,
  COMMAND_SPECS,
  checkCommand,
  checkParams,
  RESULT,
  smsTextSize,
} from 'mangokit/protocol';

describe('the command parameter table (reference §2)', () => {
  it('has one row per command, each with command_id required and at most 128 bytes (§1.4)', () => {
    assert.deepEqual(
      Object.keys(COMMAND_SPECS),
      COMMAND_NAMES.map((n) => `commands/${n}`),
    );
    for (const row of Object.values(COMMAND_SPECS))
      assert.deepEqual(row.command_id, { type: 'string', required: true, maxBytes: 128 });
  });

  it('reads strings from numbers and integers from numeric strings (§1.2), and leaves unknown keys out', () => {
    const c = checkCommand('play/start', { command_id: 7, call_id: 'A', internal_id: ' 7005 ', extra: 1 });
    assert.equal(c.ok, true);
    assert.deepEqual(c.params, { command_id: '7', call_id: 'A', internal_id: 7005 });
    const typed: CommandParams<'play/start'> | undefined = c.ok ? c.params : undefined;
    assert.equal(typed?.internal_id, 7005);
  });

  it('names each bad field with its code: 3103 missing, 3104 wrong type, 3108 / 3109 out of range', () => {
    const c = checkCommand('callback', {
      command_id: 'é'.repeat(65),
      from: [],
      to_number: { n: 1 },
      line_number: 7495,
    });
    assert.equal(c.ok, false);
    assert.deepEqual(c.fields, {
      command_id: RESULT.ABOVE_MAXIMUM,
      from: RESULT.WRONG_FORMAT,
      'from.extension': RESULT.REQUIRED,
      to_number: RESULT.WRONG_FORMAT,
    });
    assert.deepEqual(c.params, { line_number: '7495' });
    assert.deepEqual(
      checkCommand('play/start', { command_id: 'p', call_id: 'A', internal_id: 1.5, after_play_time: -2 })
        .fields,
      {
        internal_id: RESULT.WRONG_FORMAT,
        after_play_time: RESULT.BELOW_MINIMUM,
      },
    );
    assert.deepEqual(
      checkCommand('transfer', {
        command_id: 't',
        call_id: 'A',
        method: 'soft',
        to_number: '1',
        initiator: '2',
      }).fields,
      {
        method: RESULT.WRONG_FORMAT,
      },
    );
  });

  it('treats an empty internal_id as "only wait", but its key as required (§2.6)', () => {
    assert.deepEqual(
      checkCommand('play/start', { command_id: 'p', call_id: 'A', internal_id: '' }).fields,
      {},
    );
    assert.deepEqual(checkCommand('play/start', { command_id: 'p', call_id: 'A' }).fields, {
      internal_id: RESULT.REQUIRED,
    });
  });

  it('accepts callback_group without line_number, as the PBX does though the doc requires it (§2.2)', () => {
    const c = checkCommand('callback_group', { command_id: 'g', from: '500', to: '79031112233' });
    assert.equal(c.ok, true);
  });

  it('keeps only the sip_headers keys a method uses, ignoring the rest as the PBX does (§2.12)', () => {
    const c = checkCommand('route', {
      command_id: 'r',
      call_id: 'A',
      to_number: '101',
      sip_headers: { 'From/display-name': 'VIP', 'Call-Info/answer-after': '0', 'From/x': 'y' },
    });
    assert.deepEqual(c.params.sip_headers, { 'From/display-name': 'VIP' });
    assert.deepEqual(
      checkCommand('route', { command_id: 'r', call_id: 'A', to_number: '1', sip_headers: 'x' }).fields,
      {
        sip_headers: RESULT.WRONG_FORMAT,
      },
    );
  });

  it('checks any table, nested objects included', () => {
    const table = {
      who: { type: 'object', required: true, fields: { id: { type: 'integer', required: true, max: 9 } } },
    } as const;
    assert.deepEqual(checkParams(table, { who: { id: '10' } }).fields, { 'who.id': RESULT.ABOVE_MAXIMUM });
    assert.deepEqual(checkParams(table, {}).fields, { who: RESULT.REQUIRED, 'who.id': RESULT.REQUIRED });
    assert.deepEqual(checkParams(table, 'not an object').fields, {
      who: RESULT.REQUIRED,
      'who.id': RESULT.REQUIRED,
    });
  });
});

describe('SMS text size (§2.4)', () => {
  it('counts GSM-7 septets (two for the extension table) or UTF-16 units, in segments of 153 / 67', () => {
    assert.deepEqual(smsTextSize('é'.repeat(300)), { encoding: 'gsm7', units: 300, segments: 2 });
    assert.deepEqual(smsTextSize('ж'.repeat(300)), { encoding: 'ucs2', units: 300, segments: 5 });
    assert.deepEqual(smsTextSize('{}'), { encoding: 'gsm7', units: 4, segments: 1 });
    assert.deepEqual(smsTextSize('ok 🙂'), { encoding: 'ucs2', units: 5, segments: 1 });
    assert.deepEqual(smsTextSize(''), { encoding: 'gsm7', units: 0, segments: 1 });
    assert.equal(smsTextSize('a'.repeat(612)).segments, 4);
    assert.equal(smsTextSize('a'.repeat(613)).segments, 5);
    assert.equal(smsTextSize('я'.repeat(268)).segments, 4);
  });
});

describe('the SDK takes its command types and required fields from the table', () => {
  const client = new MangoClient({
    apiKey: 'k',
    apiSalt: 's',
    baseUrl: 'http://127.0.0.1:9/vpbx/',
    maxRetries: 0,
  });

  it('refuses to send a command without a required field, naming it', async () => {
    const params = { text: 'hi', to_number: '79031112233' } as unknown as SmsParams;
    await assert.rejects(client.sms.send(params), (err: Error) => {
      assert.ok(err instanceof MangoValidationError);
      assert.equal(err.message, 'commands/sms: from_extension is required');
      return true;
    });
    await assert.rejects(
      client.calls.callbackGroup({ from: '500', to: '79031112233' } as never),
      /commands\/callback_group: line_number is required/,
    );
  });
});
