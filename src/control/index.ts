// The control plane (SPEC §9/§10/§12): trading state commands, manual close and instrument control,
// on the store directly, inside the running instance, or through its local API.
export * from './core.js';
export * from './errors.js';
export { InstrumentControls } from './instrument-controls.js';
export { LiveControl, type LiveControlOptions } from './live-control.js';
export { LOCAL_API_PREFIX, LocalApi } from './local-api.js';
export { connectInstance, RemoteControl } from './remote-control.js';
export { StoreControl } from './store-control.js';
export * from './token-file.js';
export type * from './types.js';
