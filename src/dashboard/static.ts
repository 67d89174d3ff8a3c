// The dashboard's files (SPEC §14): static HTML, CSS and plain JavaScript modules, no build
// step. They hold no data (every figure comes from /api/v1 after login), so they are public.
// The files live in src/dashboard/public and are found from both src/ (tests) and dist/.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

export const DASHBOARD_DIR = fileURLToPath(new URL('../../src/dashboard/public/', import.meta.url));

let chartLibrary: string | undefined;
function lightweightCharts(): string {
  // The standalone build (a global `LightweightCharts`) is not in the package's exports.
  const pkg = createRequire(import.meta.url).resolve('lightweight-charts/package.json');
  chartLibrary ??= readFileSync(
    join(dirname(pkg), 'dist/lightweight-charts.standalone.production.js'),
    'utf8',
  );
  return chartLibrary;
}

export async function registerDashboard(app: FastifyInstance): Promise<void> {
  await app.register(fastifyStatic, {
    root: DASHBOARD_DIR,
    prefix: '/',
    index: ['index.html'],
    wildcard: false,
    cacheControl: true,
    maxAge: 0,
  });
  app.get('/assets/lightweight-charts.js', { schema: { hide: true } }, async (_req, reply) =>
    reply
      .type('text/javascript; charset=utf-8')
      .header('cache-control', 'public, max-age=3600')
      .send(
        `/*! lightweight-charts — Apache License 2.0 — Copyright (c) 2025 TradingView, Inc. */\n${lightweightCharts()}`,
      ),
  );
}
