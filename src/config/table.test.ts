import { describe, expect, it } from 'vitest';
import { VARIABLES } from './schema.js';
import { configTableMarkdown } from './table.js';

describe('configTableMarkdown', () => {
  const table = configTableMarkdown();

  it('has one row per variable, under group headings', () => {
    for (const { name } of VARIABLES) {
      const shown = name === 'DASHBOARD_USERS' ? 'DASHBOARD_USER_<NAME>' : name;
      expect(table, name).toMatch(new RegExp(`\\| \`${shown}\` +\\|`));
    }
    expect(table).toContain('### Risk');
    expect(table).toMatch(/\| `MAX_DRAWDOWN_PCT` +\| `15` +\|/);
    expect(table).toMatch(/\| `TRADING_DAY_START` +\| `17:00 America\/New_York` +\|/);
  });

  it('marks secrets and keeps every row to three cells', () => {
    expect(table).toMatch(/\| `ANTHROPIC_API_KEY` +\| unset +\| .*\(secret\) +\|/);
    for (const row of table.split('\n').filter((l) => l.startsWith('| `'))) {
      expect(row.replaceAll('\\|', '').split('|').length, row).toBe(5);
    }
  });
});
