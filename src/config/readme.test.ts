// Fails when README.md's configuration table is out of date with the schema. To refresh it:
//   UPDATE_CONFIG_TABLE=1 npx vitest run src/config/readme.test.ts
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { configTableMarkdown } from './table.js';

const README = new URL('../../README.md', import.meta.url);
const START = '<!-- config-table:start -->';
const END = '<!-- config-table:end -->';

describe('README configuration table', () => {
  it('matches the schema', () => {
    const readme = readFileSync(README, 'utf8');
    const start = readme.indexOf(START);
    const end = readme.indexOf(END);
    expect(start, 'README.md has the config-table markers').toBeGreaterThanOrEqual(0);
    expect(end).toBeGreaterThan(start);
    const expected = `\n${configTableMarkdown()}`;
    const current = readme.slice(start + START.length, end);
    if (current !== expected && process.env.UPDATE_CONFIG_TABLE === '1') {
      writeFileSync(README, readme.slice(0, start + START.length) + expected + readme.slice(end));
      return;
    }
    expect(current, 'run UPDATE_CONFIG_TABLE=1 npx vitest run src/config/readme.test.ts').toBe(expected);
  });
});
