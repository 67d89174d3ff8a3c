// The GET /positions and GET /workingorders (Version 2) entries of the fake, in the shape of
// trading-ig's recordings (fixtures/positions_v2.json, workingorders_v2.json).
import { type Deal, type FakeVenue, local, n, utc, type Wire } from './fake-venue.js';

export function positionWire(v: FakeVenue, d: Deal): Wire {
  const bid = v.quote(d.epic, 'SELL').toNumber();
  const offer = v.quote(d.epic, 'BUY').toNumber();
  return {
    position: {
      contractSize: 1.0,
      createdDate: local(d.created),
      createdDateUTC: utc(d.created),
      dealId: d.dealId,
      dealReference: d.dealReference,
      size: d.size.toNumber(),
      direction: d.direction,
      limitLevel: n(d.limit),
      level: d.level.toNumber(),
      currency: v.epics.get(d.epic)!.currency,
      controlledRisk: false,
      stopLevel: n(d.stop),
      trailingStep: null,
      trailingStopDistance: null,
      limitedRiskPremium: null,
    },
    market: marketData(v, d.epic, bid, offer),
  };
}

export function orderWire(v: FakeVenue, d: Deal): Wire {
  const bid = v.quote(d.epic, 'SELL').toNumber();
  const offer = v.quote(d.epic, 'BUY').toNumber();
  return {
    workingOrderData: {
      dealId: d.dealId,
      direction: d.direction,
      epic: d.epic,
      orderSize: d.size.toNumber(),
      orderLevel: d.level.toNumber(),
      timeInForce: 'GOOD_TILL_CANCELLED',
      createdDate: local(d.created),
      createdDateUTC: utc(d.created),
      goodTillDate: null,
      goodTillDateISO: null,
      guaranteedStop: false,
      orderType: d.type,
      stopDistance: null,
      limitDistance: null,
      currencyCode: v.epics.get(d.epic)!.currency,
      dma: false,
      limitedRiskPremium: null,
    },
    marketData: marketData(v, d.epic, bid, offer),
  };
}

function marketData(v: FakeVenue, epic: string, bid: number, offer: number): Wire {
  return {
    instrumentName: epic,
    expiry: '-',
    epic,
    instrumentType: 'SHARES',
    lotSize: 1.0,
    high: offer,
    low: bid,
    percentageChange: 0.0,
    netChange: 0.0,
    bid,
    offer,
    updateTime: utc(v.now).slice(11),
    updateTimeUTC: utc(v.now).slice(11),
    delayTime: 0,
    streamingPricesAvailable: true,
    marketStatus: v.marketStatus,
    scalingFactor: 1,
  };
}
