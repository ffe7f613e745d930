import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MangoClient, MangoValidationError } from 'mangokit';
import {
  checkMethod,
  checkParams,
  METHOD_PATHS,
  METHOD_SPECS,
  type MethodInput,
  type MethodParams,
  methodPathOf,
  RESULT,
  requestPathOf,
} from 'mangokit/protocol';

describe('the method table (reference §2, §3)', () => {
  it('keys every method by its path below the vpbx base, the CC and s2t APIs beside it', () => {
    assert.equal(METHOD_PATHS.length, new Set(METHOD_PATHS).size);
    for (const path of METHOD_PATHS) {
      assert.doesNotMatch(path, /^\/|\/$/, path);
      assert.equal(methodPathOf(`/${requestPathOf(path)}/`), path);
    }
    assert.equal(requestPathOf('bwlists/state'), 'vpbx/bwlists/state');
    assert.equal(requestPathOf('../cc/get_presence'), 'cc/get_presence');
    assert.equal(methodPathOf('/vpbx/cc/call/'), 'cc/call');
    assert.equal(methodPathOf('/cc/call'), undefined);
    assert.equal(methodPathOf('/vpbx/queries/recording/issa/REC==/play'), 'queries/recording/issa');
    assert.equal(methodPathOf('/vpbx/queries/balance'), undefined);
  });

  it('reads a list written out, given as JSON, or as one value, as the row allows', () => {
    const stats = (fields: unknown) => checkMethod('stats/request', { date_from: 1, date_to: 2, fields });
    assert.deepEqual(stats('start, finish ,,entry_id').params.fields, ['start', 'finish', 'entry_id']);
    assert.deepEqual(stats([' start', 'finish']).params.fields, ['start', 'finish']);
    assert.deepEqual(stats('start,duration').fields, { fields: RESULT.WRONG_FORMAT });
    assert.deepEqual(stats(' , ').fields, { fields: RESULT.WRONG_FORMAT });
    const ids = (recording_id: unknown) => checkMethod('queries/recording_transcripts', { recording_id });
    assert.deepEqual(ids('["a","b"]').params.recording_id, ['a', 'b']);
    assert.deepEqual(ids('a').params.recording_id, ['a']);
    assert.deepEqual(ids('').fields, { recording_id: RESULT.REQUIRED });
    assert.deepEqual(ids('[broken').fields, { recording_id: RESULT.WRONG_FORMAT });
    assert.deepEqual(ids(Array.from({ length: 501 }, String)).fields, { recording_id: RESULT.ABOVE_MAXIMUM });
    const calls = (extra: object) =>
      checkMethod('stats/calls/request', {
        start_date: '01.11.2026',
        end_date: '02.11.2026',
        limit: '20',
        offset: 0,
        ...extra,
      });
    assert.deepEqual(calls({ context_type: 2 }).params.context_type, [2]);
    assert.deepEqual(calls({ context_type: 4 }).fields, { context_type: RESULT.WRONG_FORMAT });
    assert.deepEqual(calls({ context_type: [1, 4] }).fields, { context_type: RESULT.WRONG_FORMAT });
  });

  it('keeps numeric strings where the row says a method fails on them later, refuses them where it says so', () => {
    const calls = checkMethod('stats/calls/request', {
      start_date: '01.11.2026 00:00:00',
      end_date: '02.11.2026',
      limit: 20,
      offset: 0,
      user_ids: ['1', 2],
      group_ids: ['one'],
    });
    assert.deepEqual(calls.fields, { group_ids: RESULT.WRONG_FORMAT });
    assert.deepEqual(calls.params.user_ids, ['1', 2]);
    assert.deepEqual(checkMethod('../cc/get_presence', { abonent_ids: ['1'] }).fields, {
      abonent_ids: RESULT.WRONG_FORMAT,
    });
    assert.deepEqual(checkMethod('../cc/get_presence', { abonent_ids: [1] }).params, { abonent_ids: [1] });
  });

  it('reads yes/no in every form, and the words and other names a method allows', () => {
    for (const [status, read] of [
      [1, true],
      ['0', false],
      ['online', true],
      ['end', false],
      [true, true],
    ] as const) {
      const c = checkMethod('../cc/set_session_status', { abonent: '7', session_status: status });
      assert.deepEqual(c.params, { abonent_id: 7, status: read });
    }
    assert.deepEqual(checkMethod('../cc/set_session_status', { abonent_id: 7, status: 'maybe' }).fields, {
      status: RESULT.WRONG_FORMAT,
    });
    assert.deepEqual(checkMethod('../cc/set_session_status', {}).fields, {
      abonent_id: RESULT.REQUIRED,
      status: RESULT.REQUIRED,
    });
  });

  it('names a bad field of an object item by its index, and checks formats with their own codes', () => {
    const c = checkMethod('member/create', {
      name: 'X',
      access_role_id: 1,
      extension: '10a',
      email: 'nope',
      password: 'weak',
      login: 'x',
      numbers: [{ number: '79001234567' }, { schedule: { items: [{ type: 'Monday', from: '9:00' }] } }, 'x'],
    });
    assert.deepEqual(c.fields, {
      extension: RESULT.WRONG_FORMAT,
      email: RESULT.EMAIL_FORMAT,
      password: RESULT.WEAK_PASSWORD,
      'numbers[1].number': RESULT.REQUIRED,
      'numbers[1].schedule.items[0].from': RESULT.WRONG_FORMAT,
      'numbers[1].schedule.items[0].until': RESULT.REQUIRED,
      'numbers[2]': RESULT.WRONG_FORMAT,
    });
    const date = checkMethod('member/update', {
      user_id: 1,
      numbers: [
        {
          number: '1',
          schedule: { items: [{ type: 'SpecificDate', from: '09:00', until: '10:00', date: '2026-12-31' }] },
        },
      ],
    });
    assert.equal(date.ok, true);
    assert.equal(date.params.numbers?.[0]?.schedule?.items?.[0]?.specific_date, '2026-12-31');
  });

  it('reads the object a sibling chooses, and only it', () => {
    const add = (p: object) => checkMethod('forwarding/number/add', { client_phone_number: '7903', ...p });
    assert.deepEqual(add({ forward_type: 'group' }).fields, {
      'forward_to_group.forward_group_id': RESULT.REQUIRED,
    });
    const user = add({
      forward_type: 'user',
      forward_to_user: { forward_user_id: '2' },
      forward_to_group: 'x',
    });
    assert.equal(user.ok, true);
    assert.deepEqual(user.params, {
      client_phone_number: '7903',
      forward_type: 'user',
      forward_to_user: { forward_user_id: 2 },
    });
  });

  it('checks the rules over several fields: together, exclusive, either', () => {
    const member = { name: 'X', access_role_id: 1, extension: '150' };
    assert.deepEqual(checkMethod('member/create', { ...member, login: 'x' }).fields, {
      password: RESULT.NEEDS_OTHER_PARAMETERS,
    });
    assert.deepEqual(
      checkMethod('stats/request', { date_from: 1, date_to: 2, to: {}, call_party: { number: '7' } }).fields,
      { call_party: RESULT.ONLY_ONE_ALLOWED },
    );
    assert.deepEqual(checkMethod('schema/set', { schema_id: 1 }).fields, { line_id: RESULT.ONE_REQUIRED });
    assert.deepEqual(checkMethod('schema/set', { schema_id: 1, line_id: 1, trunk_number_id: 2 }).fields, {
      trunk_number_id: RESULT.ONLY_ONE_ALLOWED,
    });
    // "Neither" is only said of a request otherwise right.
    assert.deepEqual(checkMethod('schema/set', {}).fields, { schema_id: RESULT.REQUIRED });
  });

  it('leaves an optional object alone when it is absent, and checks any table with rules', () => {
    assert.deepEqual(checkMethod('stats/request', { date_from: 1, date_to: 2 }).params, {
      date_from: 1,
      date_to: 2,
    });
    const table = { a: { type: 'string' }, b: { type: 'string' } } as const;
    assert.deepEqual(checkParams(table, { b: 'x' }, [{ kind: 'together', fields: ['a', 'b'] }]).fields, {
      a: RESULT.NEEDS_OTHER_PARAMETERS,
    });
  });

  it('types senders exactly and readers tolerantly', () => {
    const send: MethodInput<'stats/calls/request'> = {
      start_date: '01.11.2026',
      end_date: '02.11.2026',
      limit: 20,
      offset: 0,
      context_type: 1,
      user_ids: [1],
    };
    // @ts-expect-error a sender sends the documented numbers, not strings
    const strings: MethodInput<'stats/calls/request'>['user_ids'] = ['1'];
    const read: MethodParams<'stats/calls/request'>['user_ids'] = ['1', 2];
    const open: MethodInput<'campaign/add'> = { campaign_id: 1, anything: [true] };
    const bit: MethodInput<'autosecretary/status/change'> = { user_id: 1, rule_id: 2, active: 1 };
    assert.ok(send && strings && read && open && bit);
    assert.equal(METHOD_SPECS['record/recognize'].open, true);
  });
});

describe('the SDK checks a method’s required parameters from its row before sending', () => {
  const client = new MangoClient({
    apiKey: 'k',
    apiSalt: 's',
    baseUrl: 'http://127.0.0.1:9/vpbx/',
    maxRetries: 0,
  });

  it('names the first missing one, nested ones by their dotted path', async () => {
    const refused = async (call: () => Promise<unknown>, message: RegExp) =>
      assert.rejects(call, (err: Error) => err instanceof MangoValidationError && message.test(err.message));
    await refused(
      () => client.groups.update({ group: {} } as never),
      /^group\/update: group_id is required$/,
    );
    await refused(
      () => client.forwarding.add({ client_phone_number: '7903', forward_type: 'user', status: 1 } as never),
      /^forwarding\/number\/add: client_phone_type is required$/,
    );
    await refused(
      () => client.cc.setSessionStatus({ abonent_id: 1 } as never),
      /^cc\/set_session_status: status is required$/,
    );
    await refused(() => client.outboundBlacklist.delete({} as never), /numbers is required/);
    await refused(
      () => client.recognition.tasks({} as never),
      /^transcribes\/tasks: request_ids is required$/,
    );
    await refused(
      () => client.calls.callback({ to_number: '7' } as never),
      /^commands\/callback: from\.extension is required$/,
    );
  });
});
