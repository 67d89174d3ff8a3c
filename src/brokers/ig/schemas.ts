// zod schemas for the IG payloads the adapter reads (brokers.md §2, trading-ig's recordings in
// fixtures/). Unknown fields are dropped; a missing field the code relies on is an error.
import { z } from 'zod';

const num = z.number();
const nullableNum = z.number().nullable().optional();
const direction = z.enum(['BUY', 'SELL']);

export const errorBody = z.object({ errorCode: z.string() });

/** POST /session, Version 2 (tokens arrive as the CST and X-SECURITY-TOKEN headers). */
export const sessionResponse = z.object({
  currentAccountId: z.string(),
  currencyIsoCode: z.string(),
  accountInfo: z.object({ balance: num, deposit: num, profitLoss: num, available: num }),
});

export const accountsResponse = z.object({
  accounts: z.array(
    z.object({
      accountId: z.string(),
      currency: z.string(),
      balance: z.object({ balance: num, profitLoss: num, available: num }).nullable(),
    }),
  ),
});

export const dealReferenceResponse = z.object({ dealReference: z.string() });

/** GET /confirms/{dealReference}, Version 1. */
export const confirmResponse = z.object({
  date: z.string(),
  dealId: z.string().nullable(),
  dealReference: z.string(),
  dealStatus: z.enum(['ACCEPTED', 'REJECTED']),
  status: z.string().nullable(),
  reason: z.string(),
  epic: z.string(),
  direction: direction.nullable().optional(),
  size: nullableNum,
  level: nullableNum,
  stopLevel: nullableNum,
  limitLevel: nullableNum,
  affectedDeals: z.array(z.object({ dealId: z.string(), status: z.string() })).default([]),
});
export type Confirm = z.output<typeof confirmResponse>;

/** GET /positions, Version 2. */
export const positionEntry = z.object({
  position: z.object({
    createdDateUTC: z.string(),
    dealId: z.string(),
    dealReference: z.string(),
    size: num,
    direction,
    level: num,
    currency: z.string(),
    stopLevel: nullableNum,
    limitLevel: nullableNum,
  }),
  market: z.object({ epic: z.string() }),
});
export const positionsResponse = z.object({ positions: z.array(positionEntry) });
export type IgPosition = z.output<typeof positionEntry>;

/** GET /workingorders, Version 2. */
export const workingOrderEntry = z.object({
  workingOrderData: z.object({
    dealId: z.string(),
    direction,
    epic: z.string(),
    orderSize: num,
    orderLevel: num,
    orderType: z.enum(['LIMIT', 'STOP']),
    createdDateUTC: z.string(),
  }),
});
export const workingOrdersResponse = z.object({ workingOrders: z.array(workingOrderEntry) });
export type IgWorkingOrder = z.output<typeof workingOrderEntry>;

/** GET /markets/{epic}, Version 3: only the snapshot is read (ticker, tradeable flag). */
export const marketResponse = z.object({
  instrument: z.object({ epic: z.string() }),
  snapshot: z.object({ marketStatus: z.string(), bid: z.number().nullable(), offer: z.number().nullable() }),
});

const pricePoint = z.object({ bid: z.number().nullable().optional(), ask: z.number().nullable().optional() });
/** GET /prices/{epic}, Version 3. */
export const pricesResponse = z.object({
  prices: z.array(
    z.object({
      snapshotTimeUTC: z.string(),
      openPrice: pricePoint,
      highPrice: pricePoint,
      lowPrice: pricePoint,
      closePrice: pricePoint,
      lastTradedVolume: z.number().nullable().optional(),
    }),
  ),
  metadata: z.object({
    allowance: z.object({ remainingAllowance: num, totalAllowance: num, allowanceExpiry: num }),
    pageData: z.object({ pageSize: num, pageNumber: num, totalPages: num }),
  }),
});

/** GET /history/activity, Version 3 with `detailed=true`. */
export const activityEntry = z.object({
  date: z.string(),
  epic: z.string(),
  dealId: z.string(),
  channel: z.string(),
  type: z.string(),
  status: z.string(),
  description: z.string(),
  details: z.object({
    dealReference: z.string(),
    actions: z.array(z.object({ actionType: z.string(), affectedDealId: z.string() })),
    direction,
    size: num,
    level: num,
    currency: z.string(),
  }),
});
export const activityResponse = z.object({
  activities: z.array(activityEntry),
  metadata: z.object({ paging: z.object({ size: num, next: z.string().nullable() }) }),
});
export type IgActivity = z.output<typeof activityEntry>;

/** IG's UTC stamps come without a zone (`2020-10-12T20:50:00`): read them as UTC, never local. */
export function parseUtc(stamp: string): number {
  const iso = /[zZ]|[+-]\d\d:\d\d$/.test(stamp) ? stamp : `${stamp}Z`;
  const t = Date.parse(iso);
  if (Number.isNaN(t)) throw new RangeError(`not an IG UTC time: ${stamp}`);
  return t;
}

/** The inverse, at second precision, for query parameters (`from`, `to`). */
export const formatUtc = (t: number): string => new Date(t).toISOString().slice(0, 19);

/** GET /markets/{epic}, Version 3: the dealing rules the registry refresh reads (brokers.md §2.6). */
export const marketRulesResponse = z.object({
  instrument: z.object({ epic: z.string() }),
  dealingRules: z.object({
    minDealSize: z.object({ unit: z.string(), value: z.number().positive() }),
  }),
  snapshot: z.object({ decimalPlacesFactor: z.number().int().min(0).max(12) }),
});
