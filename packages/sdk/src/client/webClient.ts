import { createFetchTransport } from '../internal/fetchTransport.js';
import { ClientBase, type ClientRuntime } from './clientBase.js';
import type { ClientOptions } from './options.js';

const WEB: ClientRuntime = { defaultTransport: () => createFetchTransport() };

/**
 * The client of the MANGO OFFICE Virtual PBX API for any runtime with `fetch` (browsers' server
 * side, workers, Deno, Bun): the same methods as `mangokit`'s, sent with `fetch`; no file system,
 * so `recordings.save` throws (use `recordings.download`).
 */
export class MangoClient extends ClientBase {
  constructor(options: ClientOptions = {}) {
    super(options, WEB);
  }
}
