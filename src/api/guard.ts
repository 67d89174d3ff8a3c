// Authentication and CSRF for /api/v1 (SPEC §14), in onRequest: before any body is parsed or
// validated, so an unauthenticated request gets 401 whatever it sends. Two credentials:
// - the session cookie (HttpOnly, SameSite=Strict) of a dashboard login; every mutation must
//   also carry the session's CSRF token in `x-csrf-token`;
// - `Authorization: Bearer <token>` from `divbot tokens create` for scripts (no ambient
//   credential, so no CSRF token is needed).
// A mutation whose Origin is another site is refused whatever its credentials.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sameSecret } from '../auth/secrets.js';
import type { SessionStore, WebSession } from '../auth/sessions.js';

export const SESSION_COOKIE = 'divbot_session';
export const CSRF_HEADER = 'x-csrf-token';

export interface Principal {
  /** For the audit trail: `user:alice` or `token:ci`. */
  readonly actor: string;
  readonly kind: 'session' | 'token';
  readonly session?: WebSession;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Reachable without credentials (the login). */
    public?: boolean;
  }
}

const principals = new WeakMap<FastifyRequest, Principal>();

export function principalOf(req: FastifyRequest): Principal {
  const p = principals.get(req);
  if (p === undefined) throw new Error('no principal: the route is not behind the guard');
  return p;
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface GuardOptions {
  readonly sessions: SessionStore;
  /** The active token's name; undefined until the instance opened the API. */
  readonly tokenName: () => ((token: string) => Promise<string | undefined>) | undefined;
}

export function guard(o: GuardOptions) {
  return async (req: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const mutation = !SAFE.has(req.method);
    if (mutation && !sameOrigin(req)) {
      await reply.code(403).send({ error: 'cross-origin request refused' });
      return;
    }
    if (req.routeOptions.config?.public === true) return;
    const principal = await identify(req, o);
    if (principal === undefined) {
      await reply
        .code(401)
        .header('www-authenticate', 'Bearer realm="divbot"')
        .send({ error: 'authentication required: log in, or send Authorization: Bearer <token>' });
      return;
    }
    if (mutation && principal.kind === 'session') {
      const given = req.headers[CSRF_HEADER];
      if (typeof given !== 'string' || !sameSecret(given, principal.session!.csrf)) {
        await reply.code(403).send({ error: `CSRF token missing or wrong (send it in ${CSRF_HEADER})` });
        return;
      }
    }
    principals.set(req, principal);
  };
}

async function identify(req: FastifyRequest, o: GuardOptions): Promise<Principal | undefined> {
  const header = req.headers.authorization;
  if (header !== undefined) {
    // A request that names a credential is judged by it alone.
    const lookup = o.tokenName();
    if (!header.startsWith('Bearer ') || lookup === undefined) return undefined;
    const name = await lookup(header.slice(7).trim());
    return name === undefined ? undefined : { actor: `token:${name}`, kind: 'token' };
  }
  const id = req.cookies[SESSION_COOKIE];
  const session = id === undefined ? undefined : o.sessions.get(id);
  return session === undefined ? undefined : { actor: `user:${session.user}`, kind: 'session', session };
}

/** No Origin (curl, same-origin GET) passes; a present one must name this host. */
function sameOrigin(req: FastifyRequest): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  if (origin === 'null') return false;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}
