// The fake Messages API, for tests and `divbot fakes`.
export {
  type FakeAnthropic,
  type FakeAnthropicOptions,
  type ReceivedRequest,
  startFakeAnthropic,
} from './anthropic-fake-server.js';
export * from './replies.js';
