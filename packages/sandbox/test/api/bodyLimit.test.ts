import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { flood, meanwhile, toldTooLarge } from '../../../sdk/test/support/flood.js';
import { startSandboxApi } from './sandboxHarness.js';

describe('the sandbox API after a 413', () => {
  it('stops reading the body and closes the connection; another client is unaffected', async () => {
    const api = await startSandboxApi();
    try {
      const port = Number(new URL(api.url).port);
      for (const length of [2 * 1024 ** 3, 'chunked'] as const) {
        const attack = flood(port, {
          path: '/vpbx/config/users/request',
          length,
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
        });
        const others = await meanwhile(
          attack,
          async () => (await api.post('/vpbx/config/users/request')).status,
        );
        const result = await attack;
        assert.ok(toldTooLarge(result.response), `${length}: ${result.response}`);
        // The limit is 1 MiB; what the kernel buffers hold comes on top, nothing more.
        assert.ok(result.written < 32 * 1024 ** 2, `${length}: the sandbox took ${result.written} bytes`);
        assert.ok(others.length > 0 && others.every((o) => o.status === 200), JSON.stringify(others));
      }
    } finally {
      await api.close();
    }
  });
});
