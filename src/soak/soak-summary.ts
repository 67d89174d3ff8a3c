// The soak's JSON summary (soak-results/): faults served by kind, restarts, trades, jobs, checks.
import type { PaperSession } from '../run/paper/paper-session.js';
import type { KillReport } from './kill-restart.js';

export interface SoakSummary {
  seed: number;
  simulated: { from: string; to: string };
  hours: number;
  /** The simulated hours asked for; fewer were run when the wall-clock budget ran out. */
  requestedHours: number;
  stoppedBy: 'hours' | 'budget';
  wallSeconds: number;
  faults: { armed: number; served: number; orderPath: number; byKind: Record<string, number> };
  restarts: { graceful: number; sigkill: number; failedStarts: number; kills: KillReport[] };
  trades: {
    positions: number;
    closed: number;
    open: number;
    canceled: number;
    exits: Record<string, number>;
  };
  jobs: { ok: number; failed: Record<string, number> };
  scripted: { opened: number; denied: Record<string, number>; failed: Record<string, number> };
  breakers: { entered: Record<string, number>; commands: Record<string, number>; seen: string[] };
  venueOrders: Record<string, number>;
  checks: {
    run: number;
    failed: number;
    resyncs: number;
    last?: { at: string; orders: number; openTickets: number; venuePositions: number };
    violations: { at: string; after: string; violation: string }[];
  };
}

export function emptySummary(seed: number, start: number): SoakSummary {
  const from = `${new Date(start).toISOString().slice(0, 19)}Z`;
  return {
    seed,
    simulated: { from, to: from },
    hours: 0,
    requestedHours: 0,
    stoppedBy: 'hours',
    wallSeconds: 0,
    faults: { armed: 0, served: 0, orderPath: 0, byKind: {} },
    restarts: { graceful: 0, sigkill: 0, failedStarts: 0, kills: [] },
    trades: { positions: 0, closed: 0, open: 0, canceled: 0, exits: {} },
    jobs: { ok: 0, failed: {} },
    scripted: { opened: 0, denied: {}, failed: {} },
    breakers: { entered: {}, commands: {}, seen: [] },
    venueOrders: {},
    checks: { run: 0, failed: 0, resyncs: 0, violations: [] },
  };
}

export function tally(s: PaperSession): SoakSummary['trades'] {
  const all = s.engine.all();
  const exits: Record<string, number> = {};
  for (const p of all)
    for (const t of p.tickets) for (const e of t.exits) exits[e.reason] = (exits[e.reason] ?? 0) + 1;
  return {
    positions: all.length,
    closed: all.filter((p) => p.status === 'closed').length,
    open: all.filter((p) => p.status === 'open' || p.status === 'pending').length,
    canceled: all.filter((p) => p.status === 'canceled').length,
    exits,
  };
}
