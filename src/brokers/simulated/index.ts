export { type BrokerCall, BrokerCalls, type MutatingCall, SimulatedFaults } from './faults.js';
export { SimulatedBroker } from './simulated-broker.js';
export type {
  ClosedTicket,
  FillReason,
  SimulatedBrokerOptions,
  SimulatedFill,
  SimulatedOrder,
  TicketExit,
} from './types.js';
export { decodeVenueOp, opTime, type VenueJournal, type VenueOp } from './venue-journal.js';
export { VenueLog, type VenueParams } from './venue-log.js';
