import { describe, expect, it } from 'vitest';
import { loadConfig } from './load.js';
import { configSchema, isKnownVariable, VARIABLES, variableMeta } from './schema.js';
import { GROUPS } from './var-def.js';

// Every UPPER_SNAKE configuration name in SPEC.md (instrument ids and denial codes left out).
const SPEC_VARIABLES = [
  'MODE',
  'BROKERS',
  'SYMBOLS',
  'HOST',
  'PORT',
  'ANTHROPIC_API_KEY',
  'ANTHROPIC_BASE_URL',
  'BASE_CURRENCY',
  'BB_PERCENTILE',
  'BINANCE_ALLOCATION_USDT',
  'BINANCE_API_KEY',
  'BINANCE_API_SECRET',
  'BINANCE_BASE_URL',
  'CLICKSEND_API_KEY',
  'CLICKSEND_BASE_URL',
  'CLICKSEND_USERNAME',
  'COOLDOWN_BARS_AFTER_STOP',
  'DATABASE_URL',
  'DEMO_SPEED',
  'DIV_HIDDEN',
  'DIV_LINE_OF_SIGHT',
  'DIV_MACD_SAME_SIDE',
  'DIV_MAX_BARS',
  'DIV_MAX_PIVOTS',
  'DIV_MIN_BARS',
  'DIV_OSC_WINDOW',
  'EARNINGS_BLACKOUT_DAYS',
  'ENTRY_MODE',
  'EXIT_ON_OPPOSITE_SIGNAL',
  'HALT_ACTION',
  'HEARTBEAT_URL',
  'IG_ACCOUNT_ID',
  'IG_API_KEY',
  'IG_BASE_URL',
  'IG_PASSWORD',
  'IG_USERNAME',
  'LIMIT_ENTRY_BARS',
  'LIVE_RAMP_TRADES',
  'LIVE_RISK_SCALE',
  'LIVE_TRADING_CONFIRM',
  'LLM_DAILY_BUDGET_USD',
  'LLM_FAILURE',
  'LLM_MAX_CONCURRENCY',
  'LLM_MAX_RETRIES',
  'LLM_MODE',
  'LLM_MODEL',
  'LLM_TIMEOUT_MS',
  'MAX_ATR_MULTIPLE',
  'MAX_CONSECUTIVE_LOSSES',
  'MAX_CORRELATION_EXPOSURE',
  'MAX_COST_R',
  'MAX_CURRENCY_RISK_PCT',
  'MAX_DAILY_LOSS_PCT',
  'MAX_DRAWDOWN_PCT',
  'MAX_HOLD_BARS',
  'MAX_MARGIN_USE_PCT',
  'MAX_NOTIONAL_PCT',
  'MAX_OPEN_POSITIONS',
  'MAX_OPEN_POSITIONS_BINANCE',
  'MAX_OPEN_POSITIONS_OANDA',
  'MAX_OPEN_POSITIONS_IG',
  'MAX_OPEN_RISK_PCT',
  'MAX_SIGNAL_AGE_BARS',
  'MAX_TRADES_PER_DAY',
  'MIN_ADX',
  'MIN_ATR_MULTIPLE',
  'MIN_CONFIDENCE',
  'MIN_CONFIRMING_INDICATORS',
  'MIN_DIVERGENCE_MAGNITUDE_RSI',
  'MIN_DIVERGENCE_SCORE',
  'MIN_RISK_REWARD',
  'MIN_SWING_BARS_1H',
  'MIN_SWING_BARS_4H',
  'MIN_VOLUME_RATIO',
  'NEWS_BLACKOUT_MIN',
  'NO_ENTRY_BEFORE_CLOSE_MIN',
  'OANDA_ACCOUNT_ID',
  'OANDA_API_TOKEN',
  'OANDA_BASE_URL',
  'PAPER_EXECUTION',
  'PIVOT_LEFT_1H',
  'PIVOT_LEFT_4H',
  'PIVOT_RIGHT_1H',
  'PIVOT_RIGHT_4H',
  'RECONCILE_ADOPT',
  'REQUIRE_CANDLE_PATTERN',
  'RISK_PER_TRADE_PCT',
  'RSI_OVERBOUGHT',
  'RSI_OVERSOLD',
  'SETUP_TTL_BARS',
  'SMS_TO',
  'STARTING_EQUITY',
  'STOP_ATR_BUFFER',
  'TELEGRAM_ALLOWED_USER_IDS',
  'TELEGRAM_API_URL',
  'TELEGRAM_BOT_TOKEN',
  'TELEGRAM_CHAT_ID',
  'TP1_CLOSE_PCT',
  'TP1_MIN_R',
  'TP2_R',
  'TRADING_DAY_START',
  'TRAIL_ATR_MULTIPLE',
  'TRAIL_ATR_MULTIPLE_TIGHT',
  'TRUST_PROXY',
  'USE_MULTI_TF_CONFIRMATION',
  'VOLUME_LOW_THRESHOLD',
  'WEEKEND_POLICY',
  'YAHOO_BASE_URL',
];
const ADDED = ['LOG_LEVEL', 'LOG_FORMAT', 'DATA_DIR', 'VAR_DIR', 'MAX_TRADES_PER_DAY_SYMBOL'];

function isDeeplyFrozen(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return true;
  return Object.isFrozen(value) && Object.values(value).every(isDeeplyFrozen);
}

describe('configSchema', () => {
  it('covers every variable the SPEC names, and the added ones', () => {
    const missing = [...SPEC_VARIABLES, ...ADDED].filter((name) => !isKnownVariable(name));
    expect(missing, 'variables the SPEC names but the schema lacks').toEqual([]);
  });

  it('gives every variable a group, and a one-line meaning', () => {
    for (const { name, meta } of VARIABLES) {
      expect(GROUPS, name).toContain(meta.group);
      expect(meta.meaning.length, name).toBeGreaterThan(8);
      expect(meta.meaning, `${name}: one line`).not.toMatch(/\n/);
    }
  });

  it('parses an empty environment to the SPEC defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      MODE: 'dev',
      LLM_MODE: 'off',
      LLM_FAILURE: 'closed',
      LLM_MODEL: 'claude-sonnet-5-5',
      ENTRY_MODE: 'market',
      PAPER_EXECUTION: 'venue',
      HALT_ACTION: 'keep',
      WEEKEND_POLICY: 'hold',
      BASE_CURRENCY: 'USD',
      STARTING_EQUITY: 100_000,
      PIVOT_LEFT_1H: 5,
      PIVOT_RIGHT_1H: 5,
      PIVOT_LEFT_4H: 5,
      PIVOT_RIGHT_4H: 3,
      DIV_MIN_BARS: 5,
      DIV_MAX_BARS: 60,
      DIV_MAX_PIVOTS: 10,
      DIV_OSC_WINDOW: 2,
      DIV_HIDDEN: true,
      DIV_LINE_OF_SIGHT: false,
      MIN_CONFIDENCE: 0.7,
      MIN_RISK_REWARD: 2,
      MAX_ATR_MULTIPLE: 7,
      MIN_SWING_BARS_4H: 10,
      MIN_SWING_BARS_1H: 7,
      MIN_VOLUME_RATIO: 0.05,
      VOLUME_LOW_THRESHOLD: 0,
      USE_MULTI_TF_CONFIRMATION: true,
      SETUP_TTL_BARS: 6,
      RISK_PER_TRADE_PCT: 1,
      MAX_NOTIONAL_PCT: 500,
      MAX_COST_R: 0.2,
      MAX_OPEN_POSITIONS_BINANCE: 2,
      MAX_OPEN_POSITIONS_OANDA: 5,
      MAX_OPEN_POSITIONS_IG: 5,
      MAX_TRADES_PER_DAY: 10,
      MAX_TRADES_PER_DAY_SYMBOL: 2,
      MAX_DRAWDOWN_PCT: 15,
      TRADING_DAY_START: { hour: 17, minute: 0, timeZone: 'America/New_York' },
      LIVE_RISK_SCALE: 0.25,
      LIVE_RAMP_TRADES: 50,
      TRAIL_ATR_MULTIPLE: 2,
      TRAIL_ATR_MULTIPLE_TIGHT: 1,
      MAX_HOLD_BARS: 120,
      LLM_TIMEOUT_MS: 30_000,
      HOST: '127.0.0.1',
      PORT: 8080,
      TRUST_PROXY: false,
      LOG_LEVEL: 'info',
      LOG_FORMAT: 'auto',
      DATA_DIR: './data',
      VAR_DIR: './var',
      DEMO_SPEED: 3600,
      TELEGRAM_ALLOWED_USER_IDS: [],
      DASHBOARD_USERS: {},
    });
    expect(config.BROKERS, 'unset means all brokers').toBeUndefined();
    expect(config.DATABASE_URL, 'unset means the embedded database').toBeUndefined();
  });

  it('returns a deeply frozen object', () => {
    const config = loadConfig({ SYMBOLS: 'EUR_USD,BTC/USDT', TELEGRAM_ALLOWED_USER_IDS: '42' });
    expect(isDeeplyFrozen(config)).toBe(true);
    expect(() => {
      (config as { MODE: string }).MODE = 'live';
    }).toThrow(TypeError);
    expect(() => (config.SYMBOLS as string[]).push('X')).toThrow(TypeError);
  });

  it('ignores unknown environment variables', () => {
    expect(configSchema.parse({ PATH: '/usr/bin', HOME: '/root', npm_config_x: 'y' }).MODE).toBe('dev');
  });

  it('knows DASHBOARD_USER_<NAME> and not the internal DASHBOARD_USERS field', () => {
    expect(isKnownVariable('DASHBOARD_USER_ALICE')).toBe(true);
    expect(isKnownVariable('DASHBOARD_USERS')).toBe(false);
    expect(isKnownVariable('NOT_A_VARIABLE')).toBe(false);
    expect(variableMeta('DASHBOARD_USER_BOB')?.group).toBe('dashboard');
  });
});
