import type { MultipartPart } from 'mangokit/protocol';
import type { ApiContext } from './context.js';
import type { ApiAnswer } from './http/answer.js';
import type { ApiState } from './state.js';

/** What a POST method handler receives: the sandbox, the API surface's own state and the parsed `json`. */
export interface RouteInput {
  ctx: ApiContext;
  state: ApiState;
  params: Record<string, unknown>;
  /** File parts of a multipart request (uploads). */
  files: MultipartPart[];
}

/** One API method. */
export type RouteHandler = (input: RouteInput) => ApiAnswer | Promise<ApiAnswer>;

/** API methods by path without the leading prefix slash: `vpbx/commands/callback`, `cc/get_presence`. */
export type RouteTable = Record<string, RouteHandler>;
