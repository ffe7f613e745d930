// The outbound half of the SDK: MangoClient, its resources, stats parsing and the code tables.
export * from '../codes/index.js';
export * from '../resources/index.js';
export * from '../stats/index.js';
export type { Clock } from './clock.js';
export { systemClock } from './clock.js';
export { createFetchTransport, type FetchLike } from './fetchTransport.js';
export type { Hooks, RequestHookInfo, ResponseHookInfo, RetryHookInfo } from './hooks.js';
export { type LogFields, type Logger, type LogLevel, redact } from './logger.js';
export { MangoClient } from './mangoClient.js';
export type { UploadFile } from './multipart.js';
export { createNodeTransport, type NodeTransportOptions } from './nodeTransport.js';
export { type ClientOptions, DEFAULT_BASE_URL, type RequestOptions } from './options.js';
export { type PollOptions, type PollOutcome, poll } from './poller.js';
export type { RequestPipeline } from './pipeline.js';
export { RateLimiter, type RateLimitOptions } from './rateLimiter.js';
export {
  DEFAULT_RATE,
  METHOD_RATES,
  type Rate,
  type RateTable,
  SHARED_RATE_BUCKETS,
  vendorRateFor,
} from './rateTable.js';
export { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retryPolicy.js';
export type { Transport, TransportRequest, TransportResponse } from './transport.js';
