// The execution engine's inputs: its settings, the entry plan of a signal, and why it closes.
import type Big from 'big.js';
import type { Broker } from '../domain/broker.js';
import type { InstrumentRegistry } from '../domain/instruments/registry.js';
import type { Ticket } from '../domain/order.js';
import type { Logger } from '../logging/logger.js';
import type { ExecutionJournal } from './execution-journal.js';
import type { PolicySettings } from './position-policy.js';

export interface EngineSettings extends PolicySettings {
  readonly ENTRY_MODE: 'market' | 'limit';
}

export interface EntryTicketPlan {
  readonly ticket: Ticket;
  readonly qty: Big;
  readonly target: number;
}

export interface ExecutionEngineOptions {
  readonly broker: Broker;
  readonly registry: InstrumentRegistry;
  readonly journal: ExecutionJournal;
  readonly settings: EngineSettings;
  /** Keeps client ids of different stores/runs apart (a fresh demo must not meet an old id). */
  readonly namespace: string;
  readonly logger?: Logger;
}

/** Why the bot closes a position itself: a person, the time stop, the end of data, a policy (WEEKEND_POLICY). */
export type CloseReason = 'manual' | 'time' | 'end' | 'policy';
