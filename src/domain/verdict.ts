export const VerdictStatuses = ['pass', 'fail', 'skip'] as const;
export type VerdictStatus = (typeof VerdictStatuses)[number];

/** One rule's result on one candidate (SPEC §7); all 15 are recorded on every candidate. */
export interface Verdict {
  readonly rule: number;
  readonly name: string;
  readonly status: VerdictStatus;
  readonly value: number | string | boolean | null;
  readonly threshold: number | string | boolean | null;
}

export const RULE_COUNT = 15;
