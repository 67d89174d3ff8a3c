// The one schema, for both drivers and for drizzle-kit.
export * from './auth.js';
export * from './control.js';
export * from './demo.js';
export * from './execution.js';
export * from './market.js';
export * from './ops.js';
export * from './risk.js';
export * from './signals.js';
