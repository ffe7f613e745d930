import assert from 'node:assert/strict';
import { createEnvelope, encodeEnvelope } from 'mangokit/protocol';
import type { Sandbox } from '../../src/index.js';

/**
 * Calls the sandbox's control API (`/_sandbox/<path>`): GET without a body, POST with one (or
 * `method`); fails the test unless it answers 2xx, and returns the JSON answer.
 */
export async function control<T>(sb: Sandbox, path: string, body?: unknown, method?: string): Promise<T> {
  const res = await fetch(`${sb.url}/_sandbox/${path}`, {
    method: method ?? (body === undefined ? 'GET' : 'POST'),
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  assert.ok(res.ok, `${path}: HTTP ${res.status} ${await res.clone().text()}`);
  return (await res.json()) as T;
}

/** A signed API request the sandbox counts as invalid (no employee 999): it arms, then trips, the lock-out. */
export async function invalidRequest(sb: Sandbox): Promise<number> {
  const credentials = { apiKey: sb.office.api_key, apiSalt: sb.office.api_salt };
  const res = await fetch(`${sb.url}/vpbx/commands/callback`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: encodeEnvelope(
      createEnvelope(credentials, { command_id: 'x', from: { extension: '999' }, to_number: '1' }),
    ),
  });
  await res.arrayBuffer();
  return res.status;
}
