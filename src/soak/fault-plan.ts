// The soak's faults (SPEC §11): random, seeded switches of the three fake venues — timeouts,
// 429/418, 5xx, HTML pages, malformed JSON, lost responses, rejections, IG session expiry and
// allowance errors — armed on the routes the paper loop uses, order placement weighted up. Every
// fault a fake actually serves is counted (armed ones that no request took are not faults).
import type { Fault as BinanceFault, Route as BinanceRoute } from '../brokers/binance/fake/fake-faults.js';
import type { FakeMarket } from '../brokers/fake-market/fake-market.js';
import type { FaultQueue } from '../brokers/fake-support/fault-queue.js';
import type { Fault as IgFault, Route as IgRoute } from '../brokers/ig/fake/fake-faults.js';
import type { Fault as OandaFault, Route as OandaRoute } from '../brokers/oanda/fake/fake-faults.js';
import type { Random } from './random.js';

export type VenueName = 'oanda' | 'binance' | 'ig';

export interface ServedFault {
  readonly venue: VenueName;
  readonly route: string;
  readonly kind: string;
  /** A route that creates or changes orders at the venue. */
  readonly orderPath: boolean;
}

/** Longer than the adapters' timeout in the soak's tuning (tuning.ts): a timeout. */
export const DELAY_MS = 450;

interface VenuePlan<R extends string, F> {
  readonly orderRoutes: readonly R[];
  readonly queryRoutes: readonly R[];
  readonly orderFaults: readonly F[];
  readonly queryFaults: readonly F[];
}

const common = [
  { kind: 'rateLimited', retryAfterSeconds: 1 },
  { kind: 'serverError', status: 503 },
  { kind: 'serverError', status: 500 },
  { kind: 'htmlError', status: 502 },
  { kind: 'malformedJson' },
  { kind: 'delay', ms: DELAY_MS },
  { kind: 'loseResponse' },
] as const;

const OANDA: VenuePlan<OandaRoute, OandaFault> = {
  orderRoutes: ['createOrder', 'closeTrade', 'tradeOrders'],
  queryRoutes: ['candles', 'pricing', 'summary', 'openTrades', 'transactions', 'idrange', 'getOrder'],
  orderFaults: [...common, { kind: 'reject', reason: 'INSUFFICIENT_MARGIN' }],
  queryFaults: [...common, { kind: 'nanCandle' }],
};

const BINANCE: VenuePlan<BinanceRoute, BinanceFault> = {
  orderRoutes: ['createOrder', 'createOco', 'cancelOrderList', 'cancelOrder'],
  queryRoutes: [
    'klines',
    'ticker',
    'account',
    'openOrders',
    'openOrderList',
    'myTrades',
    'allOrders',
    'getOrder',
  ],
  orderFaults: [
    ...common,
    { kind: 'timestamp' },
    { kind: 'reject', msg: 'Account has insufficient balance for requested action.' },
  ],
  queryFaults: [...common, { kind: 'banned', retryAfterSeconds: 1 }, { kind: 'timestamp' }],
};

const IG: VenuePlan<IgRoute, IgFault> = {
  orderRoutes: ['openPosition', 'closePosition', 'amendPosition', 'confirm'],
  queryRoutes: ['prices', 'positions', 'activity', 'accounts', 'market', 'workingOrders'],
  orderFaults: [
    ...common,
    { kind: 'expiredSession' },
    { kind: 'rejectDeal', reason: 'INSUFFICIENT_FUNDS' },
    { kind: 'allowance', which: 'account-trading' },
  ],
  queryFaults: [...common, { kind: 'expiredSession' }, { kind: 'allowance', which: 'account' }],
};

type AnyQueue = FaultQueue<string, { kind: string }>;

/**
 * Arms faults on the fakes and counts the ones they serve. Faults on order routes wait for the
 * next order, which may be days away: they survive the checks' disarming and are armed again
 * after them, until a request takes them.
 */
export class FaultPlan {
  readonly served: ServedFault[] = [];
  #armed = 0;
  readonly #waiting = new Set<{ queue: AnyQueue; route: string; fault: { kind: string } }>();

  constructor(
    private readonly market: FakeMarket,
    private readonly random: Random,
  ) {
    this.#watch('oanda', market.oanda.faults as unknown as AnyQueue, OANDA.orderRoutes);
    this.#watch('binance', market.binance.faults as unknown as AnyQueue, BINANCE.orderRoutes);
    this.#watch('ig', market.ig.faults as unknown as AnyQueue, IG.orderRoutes);
  }

  /** Faults armed so far (served or not). */
  get armed(): number {
    return this.#armed;
  }

  /** Faults on order routes still waiting for an order. */
  get waiting(): number {
    return this.#waiting.size;
  }

  /** Arms `n` random faults; about a third on order routes (at most a few waiting at once). */
  arm(n: number): void {
    for (let i = 0; i < n; i++) {
      const venue = this.random.pick(['oanda', 'binance', 'ig'] as const);
      const order = this.#waiting.size < 6 && this.random.chance(0.35);
      const queue = this.market[venue].faults as unknown as AnyQueue;
      const plan = (venue === 'oanda' ? OANDA : venue === 'binance' ? BINANCE : IG) as unknown as VenuePlan<
        string,
        { kind: string }
      >;
      const routes = order ? plan.orderRoutes : plan.queryRoutes;
      // Some faults hit whatever request comes next, as a flaky network does.
      const route = !order && this.random.chance(0.2) ? '*' : this.random.pick(routes);
      const fault = this.random.pick(order ? plan.orderFaults : plan.queryFaults);
      queue.arm(route, fault);
      if (order) this.#waiting.add({ queue, route, fault });
      this.#armed++;
    }
  }

  /** Removes every armed fault not served yet (before the checks, which need answers). */
  disarm(): void {
    this.market.oanda.faults.reset();
    this.market.binance.faults.reset();
    this.market.ig.faults.reset();
  }

  /** Arms again the order-route faults still waiting (after the checks). */
  rearm(): void {
    for (const w of this.#waiting) w.queue.arm(w.route, w.fault);
  }

  byKind(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const f of this.served) {
      const key = `${f.venue}.${f.kind}`;
      out[key] = (out[key] ?? 0) + 1;
    }
    return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : 1)));
  }

  #watch(venue: VenueName, queue: AnyQueue, orderRoutes: readonly string[]): void {
    const take = queue.take.bind(queue);
    queue.take = (route: string) => {
      const fault = take(route);
      if (fault === undefined) return undefined;
      this.served.push({ venue, route, kind: fault.kind, orderPath: orderRoutes.includes(route) });
      for (const w of this.#waiting)
        if (w.fault === fault && w.queue === queue) {
          this.#waiting.delete(w);
          break;
        }
      return fault;
    };
  }
}
