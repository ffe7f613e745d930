/**
 * @mangokit/gateway — a durable MANGO OFFICE webhook receiver: verify, store (SQLite or
 * PostgreSQL) before answering 200, de-duplicate, fold into calls, forward, stream, archive.
 */
export { type ArchiveOptions, archivePath, type RecordingSaver, safeName } from './archive/archiver.js';
export { foldCall } from './calls/projection.js';
export { type ConsumerOptions, type ForwardedEvent, Forwarder } from './delivery/forwarder.js';
export { type Gateway, type GatewayOptions, startGateway } from './gateway.js';
export { InsecureAdminError, isLoopbackHost } from './http/auth.js';
export { eventIdentity, type EventIdentity } from './ingest/identity.js';
export {
  createJsonLogger,
  type GatewayLogger,
  type LogLevel,
  redact,
  redactUrl,
  silentLogger,
} from './observability/logger.js';
export { Metrics } from './observability/metrics.js';
export { CommitBatcher, CommitTimeoutError } from './store/batcher.js';
export { StoreUnavailableError } from './store/guard.js';
export { type Migration, MIGRATIONS, SchemaTooNewError } from './store/migrations.js';
export { PostgresStore, type PostgresStoreOptions } from './store/postgresStore.js';
export { DatabaseInUseError } from './store/sqliteLock.js';
export { SqliteStore, type SqliteStoreOptions } from './store/sqliteStore.js';
export type * from './store/types.js';
