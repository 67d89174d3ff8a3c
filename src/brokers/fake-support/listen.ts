// Fake servers listen on an ephemeral loopback port. Their idle keep-alive outlasts the HTTP
// clients' own (undici: 4 s), so a client never reuses a socket the server is closing at that
// moment — a race that shows as ECONNRESET on a loaded machine and is no venue's behaviour.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export async function listenLoopback(server: Server): Promise<number> {
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}
