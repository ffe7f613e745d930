import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { it } from 'node:test';
import { inferScenario } from '../src/conformance/infer.js';
import { readModel } from '../src/conformance/model.js';
import { parseTraffic } from '../src/traffic/format.js';
import { ROOT } from './helpers/cli.js';

/** The digits the inferred scenario has the caller press, in order. */
function presses(text: string): string[] {
  return inferScenario(readModel(parseTraffic(text)))
    .steps.filter((s) => s.kind === 'press')
    .map((s) => (s as { digits: string }).digits);
}

it("a call's key presses are played once, however many IVR legs the call has", async () => {
  const text = await readFile(join(ROOT, 'packages/cli/corpus/pdf-2017-dtmf-route.jsonl'), 'utf8');
  const once = presses(text);
  assert.deepEqual(once, ['1', '123456789']);

  // The same recording with a second IVR leg on the call (the caller sent back to the menu).
  const lines = text.trim().split('\n');
  const first = JSON.parse(lines[1]!) as { form: { json: string }; body: string; at: string };
  const json = JSON.parse(first.form.json) as Record<string, unknown>;
  const second = { ...json, call_id: 'U0VDT05ESVZSTEVH', timestamp: (json.timestamp as number) + 1 };
  const form = { ...first.form, json: JSON.stringify(second) };
  const body = first.body.replace(/json=.*$/, `json=${encodeURIComponent(form.json)}`);
  const at = new Date(Date.parse(first.at) + 1000).toISOString();
  lines.splice(2, 0, JSON.stringify({ ...first, at, form, body }));
  assert.deepEqual(presses(lines.join('\n')), once);
});
