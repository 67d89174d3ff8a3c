// "Did you mean" for symbol typos: `EURUSD`, `btc-usdt`, `SPX500`, `NVDIA`.

/** Compare ignoring case and separators, so `eur/usd` meets `EUR_USD`. */
const normalise = (s: string) => s.toUpperCase().replace(/[^A-Z0-9]/g, '');

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/** Up to `max` known ids close to `query`, best first. */
export function closeMatches(query: string, known: readonly string[], max = 3): string[] {
  const q = normalise(query);
  if (q === '') return [];
  const scored = known.map((id) => {
    const k = normalise(id);
    if (k === q) return { id, score: 0 };
    if (q.length >= 3 && k.startsWith(q)) return { id, score: 1 };
    return { id, score: 1 + editDistance(q, k) };
  });
  // Only a spelling of the same id when there is one (`EURUSD` → EUR_USD, not AUD_USD too).
  const limit = scored.some((s) => s.score === 0) ? 0 : q.length <= 4 ? 2 : 3;
  return scored
    .filter((s) => s.score <= limit)
    .sort((a, b) => a.score - b.score || a.id.localeCompare(b.id))
    .slice(0, max)
    .map((s) => s.id);
}
