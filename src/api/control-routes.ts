// The mutations of /api/v1 (SPEC §14): pause, resume, kill-switch reset, close, instrument
// control. Each goes through the instance's control plane (which audits the change); the API adds
// one entry naming who asked (`user:alice`, `token:ci`).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { DEFAULT_REASONS } from '../control/input.js';
import type { InstrumentChange } from '../control/types.js';
import { UsageError } from '../domain/errors.js';
import { anyObject, errorResponses, errorShape, type RouteContext, SECURITY } from './context.js';
import { principalOf } from './guard.js';

const reason = { type: 'string', maxLength: 500 } as const;
const symbol = { type: 'string', minLength: 1, maxLength: 32 } as const;

function post(tag: string, summary: string, body: Record<string, unknown>) {
  return {
    schema: {
      tags: [tag],
      summary,
      security: SECURITY,
      body: { type: 'object', additionalProperties: false, ...body },
      response: {
        200: anyObject(summary),
        400: { description: 'bad input', ...errorShape() },
        409: { description: 'the command does not apply to the current state', ...errorShape() },
        ...errorResponses,
      },
    },
  };
}

export function controlRoutes(app: FastifyInstance, ctx: RouteContext): void {
  const b = () => ctx.backend();
  // The control plane audits each change once, naming who asked (`user:alice`, `token:ci`).
  const actor = (req: FastifyRequest) => principalOf(req).actor;

  for (const command of ['pause', 'resume'] as const) {
    app.post<{ Body: { reason?: string } }>(
      `/control/${command}`,
      post(
        'control',
        command === 'pause' ? 'Stop new entries (exits and protection continue)' : 'Leave PAUSED',
        {
          properties: { reason },
        },
      ),
      (req) => {
        const why = req.body?.reason?.trim() || DEFAULT_REASONS[command]!;
        return b().control.command(command, why, actor(req));
      },
    );
  }

  app.post<{ Body: { reason: string } }>(
    '/control/killswitch/reset',
    post('control', 'Leave HALTED (re-bases the equity peak); a reason is required', {
      required: ['reason'],
      properties: { reason: { ...reason, minLength: 1 } },
    }),
    (req) => {
      const why = req.body.reason.trim();
      if (why === '') throw new UsageError('killswitch reset: a reason is required');
      return b().control.command('reset', why, actor(req));
    },
  );

  app.post<{ Body: { symbol?: string; all?: boolean } }>(
    '/control/close',
    post('control', 'Market-close the bot’s position in a symbol, or all of them', {
      properties: { symbol, all: { type: 'boolean' } },
    }),
    (req) => {
      const { symbol: s, all } = req.body ?? {};
      if ((s === undefined) === (all !== true))
        throw new UsageError('close: give a symbol or all: true (not both)');
      return b().control.close(s, actor(req));
    },
  );

  for (const kind of ['enable', 'disable', 'risk'] as const) {
    app.post<{ Body: { symbol: string; multiplier?: number; reason?: string } }>(
      `/instruments/${kind}`,
      post(
        'instruments',
        kind === 'risk'
          ? 'Scale a symbol’s risk per trade (0 < multiplier ≤ 10)'
          : `${kind === 'enable' ? 'Allow' : 'Stop'} new entries on a symbol`,
        kind === 'risk'
          ? {
              required: ['symbol', 'multiplier'],
              properties: {
                symbol,
                reason,
                multiplier: { type: 'number', exclusiveMinimum: 0, maximum: 10 },
              },
            }
          : { required: ['symbol'], properties: { symbol, reason } },
      ),
      (req) => {
        const change: InstrumentChange =
          kind === 'risk' ? { kind, multiplier: req.body.multiplier! } : { kind };
        const why = req.body.reason?.trim() || undefined;
        return b().control.instrument(req.body.symbol, change, why, actor(req));
      },
    );
  }
}
