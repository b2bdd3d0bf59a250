export * from './actions.js';
export * from './config.js';
export * from './gates.js';
export * from './session.js';
export * from './burst-check.js';
