export * from './calls.js';
export * from './command.js';
export * from './recordings.js';
export * from './sms.js';
export * from './stats.js';
export * from './users.js';
