/**
 * SPEC §9, persisted: ACTIVE; PAUSED (by a person: no new entries); REDUCING (daily loss: exits
 * only until the next trading day); HALTED (kill switch, until a person resets it).
 */
export const TradingStates = ['ACTIVE', 'PAUSED', 'REDUCING', 'HALTED'] as const;
export type TradingState = (typeof TradingStates)[number];

/** Cancels and protective exits always pass; only ACTIVE opens new risk. */
export function allowsNewEntries(state: TradingState): boolean {
  return state === 'ACTIVE';
}
