// The read side of /api/v1: what every dashboard page shows, for scripts too.
import type { FastifyInstance } from 'fastify';
import {
  anyObject,
  errorResponses,
  pagedResponse,
  pageQuery,
  type RouteContext,
  SECURITY,
} from './context.js';
import { NotFoundError } from './errors.js';
import { pageOf } from './format.js';
import { REPORT_CSP } from './headers.js';
import { REPORT_NAME_PATTERN } from './queries/backtest-reports.js';

type PageQ = { page?: number; limit?: number };

const idParams = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'integer', minimum: 1 } },
} as const;

function get(
  tag: string,
  summary: string,
  extra: Record<string, unknown> = {},
  response?: Record<string, unknown>,
) {
  return {
    schema: {
      tags: [tag],
      summary,
      security: SECURITY,
      ...extra,
      response: { 200: response ?? anyObject(summary), ...errorResponses },
    },
  };
}

export function readRoutes(app: FastifyInstance, ctx: RouteContext): void {
  const b = () => ctx.backend();

  app.get(
    '/overview',
    get('overview', 'Trading state, equity curve, today’s P&L, drawdown, open positions'),
    () => b().overview(),
  );

  app.get<{ Querystring: PageQ & { status?: 'open' | 'closed' | 'all' } }>(
    '/positions',
    get(
      'positions',
      'Positions (open by default)',
      {
        querystring: {
          type: 'object',
          properties: {
            ...pageQuery,
            status: { type: 'string', enum: ['open', 'closed', 'all'], default: 'open' },
          },
        },
      },
      pagedResponse('positions'),
    ),
    (req) => b().positions(req.query.status ?? 'open', pageOf(req.query)),
  );

  app.get<{ Querystring: PageQ & { symbol?: string; accepted?: boolean } }>(
    '/signals',
    get(
      'signals',
      'The signal journal: every candidate with its 15 verdicts, newest first',
      {
        querystring: {
          type: 'object',
          properties: {
            ...pageQuery,
            symbol: { type: 'string', maxLength: 32 },
            accepted: { type: 'boolean' },
          },
        },
      },
      pagedResponse('signals'),
    ),
    (req) => b().signals({ symbol: req.query.symbol, accepted: req.query.accepted }, pageOf(req.query)),
  );

  app.get<{ Params: { id: number } }>(
    '/signals/:id',
    get('signals', 'One signal with its verdicts, LLM review and outcome', { params: idParams }),
    async (req) => (await b().signal(req.params.id)) ?? notFound(`signal ${req.params.id}`),
  );

  app.get<{ Params: { id: number } }>(
    '/signals/:id/chart',
    get('signals', 'Chart data: candles around the signal, pivots, divergence line, levels, fills', {
      params: idParams,
    }),
    async (req) => (await b().signalChart(req.params.id)) ?? notFound(`signal ${req.params.id}`),
  );

  app.get<{ Querystring: PageQ }>(
    '/orders',
    get(
      'orders',
      'Orders with their state history, newest first',
      { querystring: { type: 'object', properties: pageQuery } },
      pagedResponse('orders'),
    ),
    (req) => b().orders(pageOf(req.query)),
  );

  app.get<{ Querystring: PageQ }>(
    '/trades',
    get(
      'orders',
      'Closed trades, newest first',
      { querystring: { type: 'object', properties: pageQuery } },
      pagedResponse('trades'),
    ),
    (req) => b().trades(pageOf(req.query)),
  );

  app.get<{ Querystring: PageQ }>(
    '/fills',
    get(
      'orders',
      'Fills, newest first',
      { querystring: { type: 'object', properties: pageQuery } },
      pagedResponse('fills'),
    ),
    (req) => b().fills(pageOf(req.query)),
  );

  for (const [path, what, make] of [
    ['/trades.csv', 'trades', () => b().tradesCsv()],
    ['/fills.csv', 'fills', () => b().fillsCsv()],
  ] as const) {
    app.get(
      path,
      {
        schema: {
          tags: ['orders'],
          summary: `CSV export of every ${what} (oldest first)`,
          security: SECURITY,
          produces: ['text/csv'],
          response: { 200: { description: `${what} as CSV`, type: 'string' }, ...errorResponses },
        },
      },
      async (_req, reply) => {
        const csv = await make();
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="divbot-${what}.csv"`)
          .send(csv);
      },
    );
  }

  app.get<{ Querystring: PageQ & { status?: string } }>(
    '/setups',
    get(
      'setups',
      '4h setups awaiting a 1h trigger, and how they ended',
      {
        querystring: {
          type: 'object',
          properties: {
            ...pageQuery,
            status: { type: 'string', enum: ['live', 'triggered', 'expired', 'invalidated'] },
          },
        },
      },
      pagedResponse('setups'),
    ),
    (req) => b().setups(req.query.status, pageOf(req.query)),
  );

  app.get(
    '/rules',
    get('rules', 'Rule efficacy: per validator rule, outcomes of the candidates it failed vs passed'),
    () => b().rules(),
  );

  app.get(
    '/backtests',
    get(
      'backtests',
      'The backtest reports saved in VAR_DIR/reports/, newest first',
      {},
      {
        description: 'report files',
        type: 'array',
        items: {
          type: 'object',
          properties: {
            name: { type: 'string' },
            size: { type: 'integer' },
            modified_at: { type: 'string' },
          },
        },
      },
    ),
    () => b().backtestReports(),
  );

  app.get<{ Params: { name: string } }>(
    '/backtests/:name',
    {
      schema: {
        tags: ['backtests'],
        summary: 'One backtest report (self-contained HTML, served sandboxed)',
        security: SECURITY,
        produces: ['text/html'],
        params: {
          type: 'object',
          required: ['name'],
          properties: { name: { type: 'string', pattern: REPORT_NAME_PATTERN } },
        },
        response: { 200: { description: 'the report', type: 'string' }, ...errorResponses },
      },
    },
    async (req, reply) => {
      const html = await b().backtestReport(req.params.name);
      return reply.type('text/html; charset=utf-8').header('content-security-policy', REPORT_CSP).send(html);
    },
  );

  app.get('/health', get('health', 'Deep health, jobs, LLM usage and cost'), () => b().health());

  app.get('/settings', get('settings', 'The effective configuration, secrets masked'), () => b().settings());

  app.get(
    '/instruments',
    get(
      'instruments',
      'Every instrument with its run-time control (enabled, risk multiplier)',
      {},
      {
        description: 'instruments',
        type: 'array',
        items: { type: 'object', additionalProperties: true },
      },
    ),
    () => b().instruments(),
  );

  app.get<{ Querystring: { limit?: number } }>(
    '/audit',
    get(
      'settings',
      'The audit trail of human actions, newest first',
      { querystring: { type: 'object', properties: { limit: pageQuery.limit } } },
      { description: 'audit entries', type: 'array', items: { type: 'object', additionalProperties: true } },
    ),
    (req) => b().auditLog(req.query.limit ?? 50),
  );
}

function notFound(what: string): never {
  throw new NotFoundError(`${what} not found`);
}
