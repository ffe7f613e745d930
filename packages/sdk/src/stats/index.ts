export * from './csvParser.js';
export * from './fields.js';
export * from './windows.js';
