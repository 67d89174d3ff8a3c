import { describe, expect, it } from 'vitest';
import { UsageError } from '../domain/errors.js';
import { parseParam, parseParams } from './params.js';
import { gridSize, parameterSets, sampleIndices } from './search.js';

describe('--param ranges', () => {
  it('expands LOW..HIGH[:STEP] with the inputs’ precision, STEP 1 by default', () => {
    expect(parseParam('TP2_R=2..4').values).toEqual(['2', '3', '4']);
    expect(parseParam('STOP_ATR_BUFFER=0.1..0.3:0.1').values, 'no float noise').toEqual([
      '0.1',
      '0.2',
      '0.3',
    ]);
    expect(parseParam('TP2_R=1.5..2.5:0.25').values).toEqual(['1.50', '1.75', '2.00', '2.25', '2.50']);
    expect(parseParam('TP2_R=2..2').values).toEqual(['2']);
  });

  it('rejects, naming the key, a variable that does not exist, a secret, a bad range', () => {
    const bad = (flag: string, message: RegExp) => {
      expect(() => parseParams([flag], {})).toThrow(UsageError);
      expect(() => parseParams([flag], {})).toThrow(message);
    };
    bad('NOT_A_VARIABLE=1..2', /--param NOT_A_VARIABLE: not a configuration variable/);
    bad('OANDA_API_TOKEN=1..2', /--param OANDA_API_TOKEN: a secret/);
    bad('TP2_R=3..2', /--param TP2_R: HIGH 2 is below LOW 3/);
    bad('TP2_R=1..2:0', /--param TP2_R: STEP must be above 0/);
    bad('TP2_R=abc', /--param TP2_R: expected LOW\.\.HIGH/);
    bad('TP2_R', /expected KEY=LOW\.\.HIGH/);
    // The schema says what is wrong with the value (TP2_R must be above 0).
    bad('TP2_R=-1..1', /--param TP2_R=-1: TP2_R: /);
    // PIVOT_LEFT_1H is a whole number of bars.
    bad('PIVOT_LEFT_1H=2..3:0.5', /--param PIVOT_LEFT_1H=2\.5: PIVOT_LEFT_1H/);
    expect(() => parseParams(['TP2_R=2..3', 'TP2_R=4..5'], {})).toThrow(/TP2_R: given twice/);
    expect(() => parseParams([], {})).toThrow(/at least one/);
  });
});

describe('parameter sets', () => {
  const ranges = [parseParam('TP2_R=2..4'), parseParam('STOP_ATR_BUFFER=0.5..1:0.5')];

  it('a grid is every combination, the last key fastest, keys in the order given', () => {
    expect(gridSize(ranges)).toBe(6);
    const sets = parameterSets(ranges, { mode: 'grid' });
    expect(sets.map((s) => `${s.TP2_R}/${s.STOP_ATR_BUFFER}`)).toEqual([
      '2/0.5',
      '2/1.0',
      '3/0.5',
      '3/1.0',
      '4/0.5',
      '4/1.0',
    ]);
    expect(Object.keys(sets[0]!)).toEqual(['TP2_R', 'STOP_ATR_BUFFER']);
  });

  it('random search draws distinct sets, the same for the same seed, in grid order', () => {
    const a = parameterSets(ranges, { mode: 'random', trials: 3, seed: 7 });
    expect(a).toHaveLength(3);
    expect(new Set(a.map((s) => JSON.stringify(s))).size).toBe(3);
    expect(parameterSets(ranges, { mode: 'random', trials: 3, seed: 7 })).toEqual(a);
    const idx = sampleIndices(1000, 20, 1);
    expect(idx).toEqual([...idx].sort((x, y) => x - y));
    expect(sampleIndices(1000, 20, 2), 'another seed, other sets').not.toEqual(idx);
    expect(
      parameterSets(ranges, { mode: 'random', trials: 99, seed: 1 }),
      'more trials than sets: all',
    ).toHaveLength(6);
    expect(() => parameterSets(ranges, { mode: 'random' })).toThrow(/--trials/);
  });
});
