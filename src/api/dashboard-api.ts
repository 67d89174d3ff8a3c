// The dashboard and its JSON API (SPEC §14), registered before the HTTP server listens (Fastify
// takes no routes after listen) and opened by the instance once its store and control plane
// exist — the same late binding as the local API (control/local-api.ts). Until open() every
// /api/v1 route answers 401 without credentials and 503 with them; login answers 503.
//
// `divbot run` creates one DashboardApi, passes `api.plugin` to startHttpServer, and the
// instance calls `api.open(backend)`.
import fastifyCookie from '@fastify/cookie';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import type { Authenticator } from '../auth/authenticator.js';
import { LoginThrottle, type ThrottleLimits } from '../auth/login-throttle.js';
import { SessionStore } from '../auth/sessions.js';
import { registerDashboard } from '../dashboard/static.js';
import { authRoutes } from './auth-routes.js';
import type { ApiBackend } from './backend.js';
import type { RouteContext } from './context.js';
import { controlRoutes } from './control-routes.js';
import { apiErrorHandler, NotReadyError } from './errors.js';
import { guard } from './guard.js';
import { securityHeaders } from './headers.js';
import { readRoutes } from './read-routes.js';

export const API_PREFIX = '/api/v1';
export const DOCS_PREFIX = '/api/docs';

export interface DashboardApiOptions {
  /** DASHBOARD_USERS: name → argon2id hash. */
  readonly configuredUsers: Readonly<Record<string, string>>;
  /** TRUST_PROXY=true (TLS in front): Secure cookies and HSTS. */
  readonly secure: boolean;
  readonly version: string;
  /** Wall-clock time for sessions and lockouts (not the demo's simulated clock). */
  readonly wallClock?: () => number;
  readonly throttle?: ThrottleLimits;
  /** Serve the dashboard's pages at `/` (default true). */
  readonly dashboard?: boolean;
}

export class DashboardApi {
  private backendRef: ApiBackend | undefined;
  private authenticatorRef: Authenticator | undefined;
  readonly sessions: SessionStore;
  private readonly throttle: LoginThrottle;
  private readonly wallClock: () => number;

  // Nothing here loads the store or argon2: the routes exist before listen, the rest at open().
  constructor(private readonly o: DashboardApiOptions) {
    this.wallClock = o.wallClock ?? Date.now;
    this.sessions = new SessionStore(this.wallClock);
    this.throttle = new LoginThrottle(this.wallClock, o.throttle);
  }

  /** For startHttpServer's `plugins`. */
  readonly plugin = async (app: FastifyInstance): Promise<void> => {
    app.addHook('onSend', securityHeaders(this.o.secure));
    await app.register(fastifySwagger, {
      hideUntagged: true,
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'divbot API',
          version: this.o.version,
          description:
            'The dashboard’s JSON API. Authenticate with the session cookie of POST /api/v1/auth/login ' +
            '(mutations then need its csrf_token in the x-csrf-token header) or with a bearer token from `divbot tokens create NAME`.',
        },
        components: {
          securitySchemes: {
            session: { type: 'apiKey', in: 'cookie', name: 'divbot_session' },
            bearer: { type: 'http', scheme: 'bearer' },
          },
        },
      },
    });
    await app.register(fastifySwaggerUi, { routePrefix: DOCS_PREFIX });
    const ctx: RouteContext = {
      backend: () => {
        if (this.backendRef === undefined)
          throw new NotReadyError('divbot is starting: try again in a moment');
        return this.backendRef;
      },
      authenticator: () => {
        if (this.authenticatorRef === undefined)
          throw new NotReadyError('divbot is starting: try again in a moment');
        return this.authenticatorRef;
      },
      sessions: this.sessions,
      secureCookies: this.o.secure,
    };
    await app.register(
      async (scope) => {
        await scope.register(fastifyCookie);
        scope.setErrorHandler(apiErrorHandler);
        scope.addHook(
          'onRequest',
          guard({
            sessions: this.sessions,
            tokenName: () => {
              const backend = this.backendRef;
              return backend && ((token: string) => backend.tokenName(token, this.wallClock()));
            },
          }),
        );
        authRoutes(scope, ctx);
        readRoutes(scope, ctx);
        controlRoutes(scope, ctx);
      },
      { prefix: API_PREFIX },
    );
    if (this.o.dashboard !== false) await registerDashboard(app);
  };

  open(backend: ApiBackend): void {
    this.authenticatorRef = backend.authenticator({
      configured: this.o.configuredUsers,
      now: this.wallClock,
      throttle: this.throttle,
    });
    this.backendRef = backend;
  }

  /** Stops answering (sessions end with the process anyway). */
  close(): void {
    this.backendRef = undefined;
    this.authenticatorRef = undefined;
  }
}
