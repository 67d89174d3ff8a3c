// The running instance's local API (SPEC §12): the CLI's state-changing commands (and, on PGlite,
// `killswitch status`, since the embedded database cannot be opened twice) reach the instance here.
//
// Wiring: Fastify cannot add routes once it listens, and the HTTP server listens before the slow
// parts of the instance exist. So `divbot run` creates one LocalApi, passes `localApi.plugin` to
// startHttpServer (registered before listen), and the instance calls `open()` once its control
// plane exists: that generates the token and writes the 0600 token file; `close()` removes it.
// Until open() every route answers 401 (there is no token to match), after close() likewise.
//
// Every route needs `Authorization: Bearer <token>`, checked in onRequest (before any body is
// parsed), and a loopback peer.
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { UsageError } from '../domain/errors.js';
import { ControlConflictError, ControlFailure } from './errors.js';
import { DEFAULT_REASONS, parseMultiplier, requireReason } from './input.js';
import { type LocalApiEndpoint, newToken, removeTokenFile, writeTokenFile } from './token-file.js';
import type { ControlPlane, InstrumentChange, StateCommand } from './types.js';

export const LOCAL_API_PREFIX = '/api/local';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

interface Body {
  readonly reason?: unknown;
  readonly symbol?: unknown;
  readonly all?: unknown;
  readonly multiplier?: unknown;
}

export class LocalApi {
  private token: Buffer | undefined;
  private control: ControlPlane | undefined;
  private tokenPath: string | undefined;

  /** For startHttpServer's `plugins`. */
  readonly plugin = (app: FastifyInstance): void => {
    void app.register(
      async (scope) => {
        scope.addHook('onRequest', async (req, reply) => this.authorize(req, reply));
        scope.get('/status', async () => this.plane().status());
        for (const [path, command] of [
          ['/pause', 'pause'],
          ['/resume', 'resume'],
          ['/killswitch/reset', 'reset'],
          ['/killswitch/trip', 'trip'],
        ] as const) {
          scope.post(path, async (req, reply) =>
            this.answer(reply, () => this.plane().command(command, reasonOf(req.body as Body, command))),
          );
        }
        scope.post('/close', async (req, reply) =>
          this.answer(reply, () => {
            const body = (req.body ?? {}) as Body;
            const symbol = typeof body.symbol === 'string' ? body.symbol : undefined;
            if ((symbol === undefined) === (body.all !== true))
              throw new UsageError('close: give a symbol or all: true (not both)');
            return this.plane().close(symbol);
          }),
        );
        for (const kind of ['enable', 'disable', 'risk'] as const) {
          scope.post(`/instruments/${kind}`, async (req, reply) =>
            this.answer(reply, () => {
              const body = (req.body ?? {}) as Body;
              if (typeof body.symbol !== 'string')
                throw new UsageError(`instruments ${kind}: symbol required`);
              const change: InstrumentChange =
                kind === 'risk'
                  ? { kind, multiplier: parseMultiplier(body.multiplier as string | number) }
                  : { kind };
              const reason = typeof body.reason === 'string' ? body.reason : undefined;
              return this.plane().instrument(body.symbol, change, reason);
            }),
          );
        }
      },
      { prefix: LOCAL_API_PREFIX },
    );
  };

  /** Starts answering with this control plane; writes the token file (mode 0600). */
  open(control: ControlPlane, tokenPath: string, url: string): LocalApiEndpoint {
    const token = newToken();
    const endpoint = { token, url, pid: process.pid };
    writeTokenFile(tokenPath, endpoint);
    this.token = Buffer.from(token);
    this.control = control;
    this.tokenPath = tokenPath;
    return endpoint;
  }

  /** Stops answering and removes the token file. Idempotent. */
  close(): void {
    if (this.tokenPath !== undefined) removeTokenFile(this.tokenPath);
    this.token = undefined;
    this.control = undefined;
    this.tokenPath = undefined;
  }

  private async authorize(req: FastifyRequest, reply: FastifyReply): Promise<void> {
    if (!LOOPBACK.has(req.socket.remoteAddress ?? '')) {
      await reply.code(403).send({ error: 'the local API answers loopback clients only' });
      return;
    }
    const header = req.headers.authorization ?? '';
    const given = Buffer.from(header.startsWith('Bearer ') ? header.slice(7) : '');
    const token = this.token;
    if (token === undefined || given.length !== token.length || !timingSafeEqual(given, token)) {
      await reply.code(401).header('www-authenticate', 'Bearer').send({ error: 'unauthorized' });
    }
  }

  private plane(): ControlPlane {
    if (this.control === undefined) throw new ControlFailure('the instance is not ready');
    return this.control;
  }

  private async answer(reply: FastifyReply, work: () => Promise<unknown>): Promise<unknown> {
    try {
      return await work();
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      const code = e instanceof ControlConflictError ? 409 : e instanceof UsageError ? 400 : 500;
      if (code === 500 && !(e instanceof ControlFailure))
        reply.log.error({ err: e }, 'local API command failed');
      return reply.code(code).send({ error: message });
    }
  }
}

function reasonOf(body: Body | undefined, command: StateCommand): string {
  const given = typeof body?.reason === 'string' ? body.reason : undefined;
  const fallback = DEFAULT_REASONS[command];
  if (fallback !== undefined) return given?.trim() ? given : fallback;
  return requireReason(given, command === 'reset' ? 'killswitch reset' : 'killswitch trip');
}
