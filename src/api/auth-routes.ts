// Login, logout and the current session (SPEC §14). Login answers 401 alike for an unknown name
// and a wrong password; a locked user or an over-eager address gets 429 with Retry-After.
import type { FastifyInstance } from 'fastify';
import { errorResponses, errorShape, type RouteContext, SECURITY } from './context.js';
import { principalOf, SESSION_COOKIE } from './guard.js';

const TAG = ['auth'];

export function authRoutes(app: FastifyInstance, ctx: RouteContext): void {
  app.post<{ Body: { name: string; password: string } }>(
    '/auth/login',
    {
      config: { public: true },
      schema: {
        tags: TAG,
        summary: 'Log in with a dashboard user; sets the session cookie and returns the CSRF token',
        body: {
          type: 'object',
          required: ['name', 'password'],
          additionalProperties: false,
          properties: {
            name: { type: 'string', maxLength: 64 },
            password: { type: 'string', maxLength: 1024 },
          },
        },
        response: {
          200: {
            description: 'logged in',
            type: 'object',
            properties: { user: { type: 'string' }, csrf_token: { type: 'string' } },
          },
          401: { description: 'wrong user name or password', ...errorShape() },
          429: { description: 'too many attempts, or the user is locked', ...errorShape() },
        },
      },
    },
    async (req, reply) => {
      const backend = ctx.backend();
      const result = await ctx.authenticator().login(req.body.name, req.body.password, req.ip);
      if (!result.ok) {
        req.log.warn(
          { user: req.body.name.slice(0, 64), ip: req.ip, reason: result.reason },
          'dashboard login refused',
        );
        if (result.reason === 'invalid')
          return reply.code(401).send({ error: 'wrong user name or password' });
        const seconds = Math.max(1, Math.ceil(result.retryAfterMs / 1000));
        return reply
          .code(429)
          .header('retry-after', String(seconds))
          .send({
            error:
              result.reason === 'locked'
                ? `too many failed logins: this user is locked for ${seconds} s`
                : `too many login attempts from this address: try again in ${seconds} s`,
          });
      }
      const session = ctx.sessions.create(result.user);
      await backend.audit({
        at: backend.now(),
        actor: `user:${result.user}`,
        action: 'auth.login',
        details: { ip: req.ip },
      });
      reply.setCookie(SESSION_COOKIE, session.id, {
        path: '/',
        httpOnly: true,
        sameSite: 'strict',
        secure: ctx.secureCookies,
      });
      return { user: result.user, csrf_token: session.csrf };
    },
  );

  app.post(
    '/auth/logout',
    {
      schema: {
        tags: TAG,
        summary: 'End the session',
        security: SECURITY,
        response: {
          200: { description: 'logged out', type: 'object', properties: { ok: { type: 'boolean' } } },
          ...errorResponses,
        },
      },
    },
    async (req, reply) => {
      const p = principalOf(req);
      if (p.session) ctx.sessions.destroy(p.session.id);
      reply.clearCookie(SESSION_COOKIE, {
        path: '/',
        httpOnly: true,
        sameSite: 'strict',
        secure: ctx.secureCookies,
      });
      return { ok: true };
    },
  );

  app.get(
    '/auth/session',
    {
      schema: {
        tags: TAG,
        summary: 'Who is logged in, and the CSRF token for mutations',
        security: SECURITY,
        response: {
          200: {
            description: 'the caller',
            type: 'object',
            properties: {
              actor: { type: 'string' },
              kind: { type: 'string' },
              csrf_token: { type: ['string', 'null'] },
            },
          },
          ...errorResponses,
        },
      },
    },
    async (req) => {
      const p = principalOf(req);
      return { actor: p.actor, kind: p.kind, csrf_token: p.session?.csrf ?? null };
    },
  );
}
