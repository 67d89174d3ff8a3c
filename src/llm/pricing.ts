// USD per million tokens, for the daily budget and the cost column of llm_calls. Figures from
// shared/specs/anthropic.md §4 (Anthropic's pricing and model overview pages, read 2026-11):
//   https://platform.claude.com/docs/en/about-claude/pricing
//   https://platform.claude.com/docs/zh-CN/models/{sonnet-5-5,opus-5-5,haiku-5-5,sonnet-5}/overview
//   https://platform.claude.com/docs/en/models/opus-5/overview
// Cache writes with a 5-minute TTL cost 1.25× input, 1-hour writes 2×, reads 0.1× (0.2/0.25 fixed
// on the 5.5 generation). An unknown model is priced like the dearest one, so the budget errs on
// the side of spending less.
import Big from 'big.js';
import { longestPrefix } from './models.js';

export interface Prices {
  readonly input: number;
  readonly cacheWrite5m: number;
  readonly cacheWrite1h: number;
  readonly cacheRead: number;
  readonly output: number;
}

interface PriceRow extends Prices {
  readonly prefix: string;
  /** Haiku 5.5 charges more once a prompt exceeds 100K input tokens. */
  readonly above100k?: Prices;
}

const p = (input: number, cacheWrite5m: number, cacheWrite1h: number, cacheRead: number, output: number) => ({
  input,
  cacheWrite5m,
  cacheWrite1h,
  cacheRead,
  output,
});

export const PRICE_TABLE: readonly PriceRow[] = [
  { prefix: 'claude-fable-5-1', ...p(10, 12.5, 20, 0.25, 50) },
  { prefix: 'claude-opus-5-5', ...p(4, 5, 8, 0.2, 20) },
  { prefix: 'claude-opus-5', ...p(5, 6.25, 10, 0.5, 25) },
  { prefix: 'claude-sonnet-5-5', ...p(2, 2.5, 4, 0.2, 10) },
  { prefix: 'claude-sonnet-5', ...p(2, 2.5, 4, 0.2, 10) },
  { prefix: 'claude-haiku-5-5', ...p(0.1, 0.125, 0.2, 0.01, 0.5), above100k: p(0.5, 0.625, 1, 0.05, 2.5) },
  { prefix: 'claude-opus-4-5', ...p(5, 6.25, 10, 0.5, 25) },
  { prefix: 'claude-opus-4-6', ...p(5, 6.25, 10, 0.5, 25) },
  { prefix: 'claude-opus-4-7', ...p(5, 6.25, 10, 0.5, 25) },
  { prefix: 'claude-opus-4-8', ...p(5, 6.25, 10, 0.5, 25) },
  { prefix: 'claude-sonnet-4-5', ...p(3, 3.75, 6, 0.3, 15) },
  { prefix: 'claude-sonnet-4-6', ...p(3, 3.75, 6, 0.3, 15) },
  { prefix: 'claude-haiku-4-5', ...p(1, 1.25, 2, 0.1, 5) },
];

const DEAREST: Prices = p(10, 12.5, 20, 0.25, 50);

export interface TokenUsage {
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly cacheReadTokens: number;
  /** All cache writes; `cacheWrite1hTokens` of them at the 1-hour rate, the rest at the 5-minute one. */
  readonly cacheWriteTokens: number;
  readonly cacheWrite1hTokens: number;
}

export function pricesOf(model: string, promptTokens = 0): Prices {
  const row = longestPrefix(PRICE_TABLE, model);
  if (row === undefined) return DEAREST;
  return row.above100k !== undefined && promptTokens > 100_000 ? row.above100k : row;
}

/** Cost in USD as a decimal string (exact: the store's column is numeric). */
export function costUsd(model: string, u: TokenUsage): string {
  const prompt = u.inputTokens + u.cacheReadTokens + u.cacheWriteTokens;
  const pr = pricesOf(model, prompt);
  const write1h = Math.min(u.cacheWrite1hTokens, u.cacheWriteTokens);
  return new Big(u.inputTokens)
    .times(pr.input)
    .plus(new Big(u.outputTokens).times(pr.output))
    .plus(new Big(u.cacheReadTokens).times(pr.cacheRead))
    .plus(new Big(u.cacheWriteTokens - write1h).times(pr.cacheWrite5m))
    .plus(new Big(write1h).times(pr.cacheWrite1h))
    .div(1_000_000)
    .toFixed();
}
