export type { ApiContext, ApiOptions, InjectedFault } from './context.js';
export { API_ROUTES, createApiHandler, DEFAULT_MAX_BODY_BYTES } from './handler.js';
export { RATE_LIMITED_BODY } from './http/answer.js';
export { LOCKOUT_WINDOW_SEC } from './http/lockout.js';
export { FILE_LINK_TTL_SEC } from './recordings/fileTokens.js';
export { STATS_KEEP_SEC } from './stats/jobs.js';
export { DEFAULT_STATS_TIMING, preparationSec, type StatsTiming } from './stats/timing.js';
