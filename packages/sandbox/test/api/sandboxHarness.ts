import { type Sandbox, type SandboxOptions, startSandbox } from '../../src/index.js';
import type { Office } from '../../src/office/types.js';
import { type PostOptions, postSigned, type Reply, readReply, T0, testOffice } from './harness.js';

/** The real sandbox (office loader, call engine, control API, server) with the test office on a manual clock. */
export interface SandboxApi {
  sandbox: Sandbox;
  url: string;
  /** The live office the sandbox serves. */
  readonly office: Office;
  /** Notifications the engine emitted (`result/stat`, CC events, call events…). */
  notifications: Array<{ path: string; payload: unknown }>;
  /** Moves the sandbox clock on by `sec` seconds. */
  advance(sec: number): void;
  post(path: string, params?: unknown, opts?: PostOptions): Promise<Reply>;
  fetch(path: string, init?: RequestInit): Promise<Reply>;
  close(): Promise<void>;
}

/** Starts the real sandbox on port 0; lock-out and rate limits off unless asked. */
export async function startSandboxApi(
  options: SandboxOptions = {},
  office = testOffice(),
): Promise<SandboxApi> {
  const sandbox = await startSandbox({
    port: 0,
    clock: 'manual',
    startMs: T0 * 1000,
    lockout: false,
    rateLimits: false,
    office,
    ...options,
  });
  const notifications: Array<{ path: string; payload: unknown }> = [];
  sandbox.engine.on('notification', (path: string, payload: unknown) =>
    notifications.push({ path, payload }),
  );
  const doFetch = async (path: string, init?: RequestInit) =>
    readReply(await fetch(sandbox.url + path, { redirect: 'manual', ...init }));
  return {
    sandbox,
    url: sandbox.url,
    get office() {
      return sandbox.office;
    },
    notifications,
    advance: (sec) => sandbox.clock.advance(sec * 1000),
    fetch: doFetch,
    post: (path, params = {}, opts = {}) => postSigned(doFetch, path, params, opts),
    close: () => sandbox.close(),
  };
}
