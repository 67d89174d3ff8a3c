// The store's public surface: open it, lock it, and the repositories over it.
export { type AuditEntry, appendAudit, listAudit, type StoredAuditEntry } from './audit-repo.js';
export { type CandleRange, loadCandles, type UpsertCandlesResult, upsertCandles } from './candles-repo.js';
export {
  type DemoRun,
  getDemoRun,
  markDemoFinished,
  markDemoProgress,
  putDemoRun,
  signalCounts,
} from './demo-run-repo.js';
export { databaseErrorCode, isUniqueViolation, SqlState } from './errors.js';
export {
  defaultInstrumentControl,
  getInstrumentControl,
  type InstrumentControlRow,
  listInstrumentControls,
  putInstrumentControl,
} from './instrument-control-repo.js';
export { type JobRun, latestJobRuns, recordJobRun, type StoredJobRun } from './job-runs-repo.js';
export {
  findLlmCall,
  type LlmCall,
  type LlmCallStatus,
  llmSpendSince,
  recordLlmCall,
  type StoredLlmCall,
} from './llm-calls-repo.js';
export {
  acquireInstanceLock,
  type InstanceLock,
  InstanceLockedError,
  type InstanceLockOptions,
} from './lock.js';
export { migrationsFolder, type OpenStoreOptions, openStore } from './open.js';
export { outcomeCounts, pendingOutcomes, saveOutcome } from './outcomes-repo.js';
export {
  defaultRiskState,
  getRiskState,
  putRiskState,
  type RiskState,
  type RiskStateInput,
} from './risk-state-repo.js';
export * as schema from './schema/index.js';
export { listSetups, type SetupRecord, saveSetup } from './setups-repo.js';
export { type JournalEntry, journalCandidates, linkTraded, listSignals, markDenied } from './signals-repo.js';
export type { Db, Schema, Session, Store, StoreKind, StoreTarget } from './store.js';
export { describeDatabaseUrl, executeRows } from './store.js';
