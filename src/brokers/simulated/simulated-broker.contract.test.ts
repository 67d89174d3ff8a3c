import { brokerContract } from '../contract/broker-contract.js';
import { simulatedHarness } from './test-support/contract-harness.js';

brokerContract('SimulatedBroker', simulatedHarness);
