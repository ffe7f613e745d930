import { createFetchTransport } from '../internal/fetchTransport.js';
import { nodeRecordingFiles } from '../internal/nodeFiles.js';
import { createNodeTransport } from '../internal/nodeTransport.js';
import { ClientBase, type ClientRuntime } from './clientBase.js';
import type { ClientOptions } from './options.js';

const NODE: ClientRuntime = {
  defaultTransport() {
    const isNode =
      typeof (globalThis as { process?: { versions?: { node?: string } } }).process?.versions?.node ===
      'string';
    return isNode ? createNodeTransport() : createFetchTransport();
  },
  files: nodeRecordingFiles,
};

/**
 * The client of the MANGO OFFICE Virtual PBX API: every method of the reference, grouped by
 * area, over one signed, rate-limited, retrying request pipeline. On Node it sends over
 * `node:http` keep-alive by default; `recordings.save` writes files.
 */
export class MangoClient extends ClientBase {
  constructor(options: ClientOptions = {}) {
    super(options, NODE);
  }
}
