import { describe, expect, it } from 'vitest';
import { configCheck } from './check.js';

describe('configCheck', () => {
  it('exits 0 with the grouped, aligned configuration and where each value came from', () => {
    const result = configCheck(
      { PORT: '9100' },
      { dotenv: 'MODE=paper\n', overrides: { LOG_LEVEL: 'debug' } },
    );
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toBe('');
    const lines = result.stdout.split('\n');
    expect(lines).toContain('General');
    expect(lines).toContain('Dashboard and API');
    const line = (name: string) => lines.find((l) => l.trimStart().startsWith(`${name} `))!;
    expect(line('MODE')).toMatch(/^ {2}MODE +paper +\.env$/);
    expect(line('PORT')).toMatch(/ 9100 +env$/);
    expect(line('LOG_LEVEL')).toMatch(/ debug +--set$/);
    expect(line('MAX_DRAWDOWN_PCT')).toMatch(/ 15 +default$/);
    expect(line('ANTHROPIC_API_KEY')).toMatch(/\(unset\)/);
    expect(line('MODE').indexOf('paper'), 'values start in one column').toBe(line('PORT').indexOf('9100'));
  });

  it('with json prints only JSON: the flat masked configuration', () => {
    const result = configCheck({ MIN_CONFIDENCE: '0.8' }, { json: true });
    expect(result.exitCode).toBe(0);
    const parsed = JSON.parse(result.stdout);
    expect(parsed.MIN_CONFIDENCE_BINANCE).toBe(0.8);
    expect(parsed.TRADING_DAY_START).toBe('17:00 America/New_York');
    expect(parsed.DATABASE_URL).toBeNull();
  });

  it('exits 2 naming every bad variable on stderr', () => {
    const result = configCheck({ MAX_DRAWDOWN_PCT: 'abc', MODE: 'livee' });
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('MAX_DRAWDOWN_PCT: expected a number, got "abc"');
    expect(result.stderr).toContain('MODE: expected one of dev, paper, live, got "livee"');
  });

  it('with json a failure still prints only JSON on stdout', () => {
    const result = configCheck({ PORT: 'x' }, { json: true, overrides: { NOPE: '1' } });
    expect(result.exitCode).toBe(2);
    expect(JSON.parse(result.stdout)).toEqual({
      issues: [
        { variable: '--set', message: 'unknown variable NOPE' },
        { variable: 'PORT', message: 'expected an integer, got "x"' },
      ],
    });
  });
});
