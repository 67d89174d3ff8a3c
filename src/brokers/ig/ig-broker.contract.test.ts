import { brokerContract } from '../contract/broker-contract.js';
import { igHarness } from './test-support/ig-harness.js';

brokerContract('IgBroker via the fake IG server', () => igHarness());
