// `npm run bench`: runs every suite and writes bench-results/<suite>.json plus a summary.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { type BenchResult, type BenchSuite, measure } from './harness.js';
import { backtestSuite } from './suites/backtest.js';
import { baselineSuite } from './suites/baseline.js';
import { cycleSuite } from './suites/cycle.js';
import { detectionSuite } from './suites/detection.js';
import { indicatorsSuite } from './suites/indicators.js';

const SUITES: BenchSuite[] = [baselineSuite, indicatorsSuite, detectionSuite, cycleSuite, backtestSuite];

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const outDir = 'bench-results';
  mkdirSync(outDir, { recursive: true });
  const machine = {
    node: process.version,
    cpus: cpus().length,
    cpu_model: cpus()[0]?.model ?? 'unknown',
    memory_gb: Math.round(totalmem() / 2 ** 30),
  };
  const summary: Record<string, BenchResult[]> = {};
  for (const suite of SUITES) {
    if (only.length && !only.includes(suite.name)) continue;
    const results = suite.results ? await suite.results() : (await suite.cases()).map((c) => measure(c));
    summary[suite.name] = results;
    writeFileSync(
      `${outDir}/${suite.name}.json`,
      `${JSON.stringify({ suite: suite.name, machine, results, ...suite.derive?.(results) }, null, 2)}\n`,
    );
    for (const r of results) {
      process.stdout.write(
        `${suite.name}/${r.name}: ${(r.per_second / 1e6).toFixed(2)} M ${r.unit}/s (median ${r.median_ms} ms)\n`,
      );
    }
  }
  writeFileSync(
    `${outDir}/summary.json`,
    `${JSON.stringify({ at: new Date().toISOString(), machine, summary }, null, 2)}\n`,
  );
}

await main();
