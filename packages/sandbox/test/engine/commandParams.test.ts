import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { type Harness, harness } from '../support/engineHarness.js';

// The engine reads a command's parameters through its row of COMMAND_SPECS (mangokit/protocol),
// as the vendor API and the control API do.

let h: Harness;
afterEach(() => h.close());

test('shape errors answer 3100 with the vendor codes per field; numbers for strings are read as strings', async () => {
  h = harness();
  assert.deepEqual(
    h.engine.command('callback', {
      command_id: 'c'.repeat(129),
      from: { extension: '101', number: 'x'.repeat(129) },
      to_number: '7900',
    }),
    { result: 3100, fields: { command_id: 3109, 'from.number': 3109 } },
  );
  assert.deepEqual(
    h.engine.command('sms', { command_id: 's', text: 42, from_extension: 101, to_number: 79000000001 }),
    {
      result: 1000,
    },
  );
  assert.deepEqual(await h.results(), { s: 1000 });
});

test('play/start with an empty internal_id only waits after_play_time in the IVR (reference §2.6)', async () => {
  h = harness();
  h.engine.incomingCall('79000000001', undefined, { onRing: 'answer' });
  h.sec(3);
  const callId = h.calls()[0]!.call_id;
  assert.deepEqual(
    h.engine.command('play/start', {
      command_id: 'p',
      call_id: callId,
      internal_id: '',
      after_play_time: 10,
    }),
    {
      result: 1000,
    },
  );
  assert.deepEqual(await h.results(), { p: 1000 });
  // Without the wait the menu would time out at 3 + 6 + 8 = 17 s; now 10 s later.
  h.sec(20);
  assert.equal(h.calls().filter((e) => e.location === 'abonent').length, 0);
  h.sec(8);
  assert.ok(h.calls().filter((e) => e.location === 'abonent').length > 0);
});
