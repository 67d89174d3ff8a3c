import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CandidateJson } from '../../signals/candidate-json.js';
import { ROOT, runCli } from '../../test-support/cli.js';

const file = join(ROOT, 'data', 'binance_ETH_USDT-4h.csv');

describe('divbot scan', () => {
  it('prints every candidate in SPEC §4 order with all 15 verdicts, rejected ones included', async () => {
    const r = await runCli(['scan', '--data', file, '--json'], { timeoutMs: 30_000 });
    expect(r.code, r.stderr).toBe(0);
    const list = JSON.parse(r.stdout) as CandidateJson[];
    expect(list.length).toBeGreaterThan(100);
    for (let i = 1; i < list.length; i++) {
      const a = list[i - 1]!;
      const b = list[i]!;
      const ordered =
        a.known_at.index < b.known_at.index ||
        (a.known_at.index === b.known_at.index && a.pivot1.index <= b.pivot1.index);
      expect(ordered, `candidate ${i} out of order`).toBe(true);
    }
    const rejectedByScore = list.filter((c) => c.rejected_by === 'score');
    expect(rejectedByScore.length, 'some candidates fail the score gate').toBeGreaterThan(0);
    for (const c of list) {
      expect(c.verdicts).toHaveLength(15);
      expect(Object.keys(c)).toEqual(
        expect.arrayContaining([
          'type',
          'direction',
          'oscillators',
          'pivot1',
          'pivot2',
          'known_at',
          'entry',
          'stop',
          'tp1',
          'tp2',
          'atr',
          'score',
          'confidence',
          'verdicts',
          'rejected_by',
          'accepted',
        ]),
      );
      expect(c.known_at.index - c.pivot2.index, 'known at the confirm bar (R = 3 on 4h)').toBe(3);
      expect(c.known_at.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      expect(c.accepted).toBe(c.rejected_by === null);
      expect(c.symbol).toBe('ETH/USDT');
    }
    expect(list.some((c) => c.accepted)).toBe(true);
  });

  it('--out writes the JSON to a file and keeps stdout empty', async () => {
    const out = join(tmpdir(), `divbot-scan-${process.pid}.json`);
    const r = await runCli(['scan', '--data', file, '--out', out], { timeoutMs: 30_000 });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('');
    const { readFileSync, rmSync } = await import('node:fs');
    expect(JSON.parse(readFileSync(out, 'utf8')).length).toBeGreaterThan(100);
    rmSync(out);
  });

  it('a file that does not exist is a failure naming it', async () => {
    const r = await runCli(['scan', '--data', '/nonexistent/prices.csv']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('/nonexistent/prices.csv');
  });
});
