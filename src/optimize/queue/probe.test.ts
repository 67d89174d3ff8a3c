// An address where no Redis answers fails at once, naming it (BullMQ's own clients would retry
// for ever) — no service needed.
import { createServer } from 'node:net';
import { expect, it } from 'vitest';
import { probeRedis } from './connection.js';

it('a Redis address nobody answers on is refused at once, naming it and the cause', async () => {
  // A port that was free a moment ago: nothing listens there now.
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((r) => server.close(() => r()));
  await expect(probeRedis('--queue', { host: '127.0.0.1', port })).rejects.toThrow(
    new RegExp(`--queue: cannot reach redis://127\\.0\\.0\\.1:${port}: connect ECONNREFUSED`),
  );
});
