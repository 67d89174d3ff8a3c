import { brokerContract } from '../contract/broker-contract.js';
import { binanceHarness } from './test-support/binance-harness.js';

brokerContract('BinanceBroker (ccxt) via the fake spot server', () => binanceHarness());
