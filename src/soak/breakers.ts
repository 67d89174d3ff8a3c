// The person the breakers wait for (SPEC §9): a PAUSED book is resumed and a HALTED one reset
// (the commands of src/control; the peak re-based on the next equity seen) a day after it stopped, so a year of soak keeps trading. The
// states seen are counted for the summary.
import { applyCommand } from '../control/index.js';
import type { PaperSession } from '../run/paper/paper-session.js';
import type { SoakSummary } from './soak-summary.js';

const DAY_MS = 86_400_000;

export async function playPerson(session: PaperSession, t: number, summary: SoakSummary): Promise<void> {
  const s = session.risk.tradingState;
  const key = `${s.state}@${s.since ?? 0}`;
  if (s.state !== 'ACTIVE' && !summary.breakers.seen.includes(key)) {
    summary.breakers.seen.push(key);
    summary.breakers.entered[s.state] = (summary.breakers.entered[s.state] ?? 0) + 1;
  }
  if (s.state !== 'PAUSED' && s.state !== 'HALTED') return;
  if (s.since !== null && t - s.since < DAY_MS) return;
  const command = s.state === 'PAUSED' ? 'resume' : 'reset';
  const r = applyCommand(
    s,
    command,
    `soak: a person ${command}s the book the next day`,
    t,
    undefined,
    'keep',
  );
  await session.risk.setState(r.state);
  summary.breakers.commands[command] = (summary.breakers.commands[command] ?? 0) + 1;
}
