// The default schedule of SPEC §17. The jobs' work is wired by each mode's composition root.
export const DEFAULT_SCHEDULES = Object.freeze({
  analysis: '*/5 * * * *',
  monitor: '*/2 * * * *',
  outcomes: '*/5 * * * *',
  snapshot: '0 * * * *',
});

export type JobName = keyof typeof DEFAULT_SCHEDULES;
