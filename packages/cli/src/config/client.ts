import { MangoClient, type RequestOptions } from 'mangokit';
import type { CacheOwner } from './cache.js';
import { resolveCredentials } from './credentials.js';
import type { CommandContext } from '../core/command.js';
import { rememberBaseUrl } from '../core/sandboxProbe.js';

/** A client built from the resolved credentials, and request options tied to Ctrl-C. */
export interface CommandClient {
  client: MangoClient;
  /** Pass to every SDK call: aborting the CLI cancels the request (and any limiter wait or poll). */
  options: RequestOptions;
  /** Whose account this is (key and base URL, never the salt): names its employee cache. */
  owner: CacheOwner;
}

/** Builds the SDK client for a command (flags → profile → env → .env → default profile). */
export async function createClient(ctx: CommandContext): Promise<CommandClient> {
  const c = await resolveCredentials(ctx.args, ctx.io);
  rememberBaseUrl(c.baseUrl);
  const client = new MangoClient({
    apiKey: c.apiKey,
    apiSalt: c.apiSalt,
    ...(c.baseUrl ? { baseUrl: c.baseUrl } : {}),
  });
  return { client, options: { signal: ctx.io.signal }, owner: { apiKey: c.apiKey, baseUrl: c.baseUrl } };
}
