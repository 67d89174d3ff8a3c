// Symbols from data-file names (SPEC §16): `binance_BTC_USDT-1h.csv`, `oanda_EUR_USD-4h.csv`,
// `yahoo_NVDA-1h.csv` or `ig_NVDA-1h.csv`. Syntax only: whether the symbol is known is the
// registry's question, so its error (with suggestions) reaches the user.
import type { SymbolId } from './types.js';

/**
 * The canonical id in a file-name stem (the name without `.csv`; a `-1h`/`-4h` suffix is
 * allowed), or undefined when the stem does not follow the convention.
 */
export function symbolFromFileStem(stem: string): SymbolId | undefined {
  const match = /^(binance|oanda|ig|yahoo)_([A-Za-z0-9_.]+?)(?:-[A-Za-z0-9]+)?$/i.exec(stem.trim());
  if (match === null) return undefined;
  const prefix = match[1]!.toLowerCase();
  const rest = match[2]!.toUpperCase();
  switch (prefix) {
    case 'binance': {
      const parts = rest.split('_');
      return parts.length === 2 && parts.every((p) => /^[A-Z0-9]+$/.test(p))
        ? (`${parts[0]}/${parts[1]}` as SymbolId)
        : undefined;
    }
    case 'oanda':
      return /^[A-Z0-9]+_[A-Z]{3}$/.test(rest) ? (rest as SymbolId) : undefined;
    default:
      return /^[A-Z][A-Z0-9.]*$/.test(rest) ? (rest as SymbolId) : undefined;
  }
}
