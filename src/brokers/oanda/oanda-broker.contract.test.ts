import { brokerContract } from '../contract/broker-contract.js';
import { oandaHarness } from './test-support/oanda-harness.js';

brokerContract('OandaBroker via the fake v20 server', () => oandaHarness());
