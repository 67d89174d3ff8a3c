// What the route modules share: the backend once the instance opened the API, the sessions and
// the login, and the common schema fragments of the OpenAPI document.
import type { Authenticator } from '../auth/authenticator.js';
import type { SessionStore } from '../auth/sessions.js';
import type { ApiBackend } from './backend.js';

export interface RouteContext {
  /** Throws NotReadyError until the instance opened the API. */
  backend(): ApiBackend;
  authenticator(): Authenticator;
  readonly sessions: SessionStore;
  /** Cookies marked Secure (TLS, or TRUST_PROXY=true). */
  readonly secureCookies: boolean;
}

export const SECURITY: Array<Record<string, string[]>> = [{ session: [] }, { bearer: [] }];

export const anyObject = (description: string) => ({
  description,
  type: 'object',
  additionalProperties: true,
});

export const errorResponses = {
  401: { description: 'not logged in and no valid bearer token', ...errorShape() },
  403: { description: 'CSRF token missing or wrong, or a cross-origin request', ...errorShape() },
};

export function errorShape() {
  return { type: 'object', properties: { error: { type: 'string' } } };
}

export const pageQuery = {
  page: { type: 'integer', minimum: 1, maximum: 1_000_000, default: 1 },
  limit: { type: 'integer', minimum: 1, maximum: 200, default: 50 },
} as const;

export const pagedResponse = (description: string) => ({
  description,
  type: 'object',
  properties: {
    total: { type: 'integer' },
    page: { type: 'integer' },
    limit: { type: 'integer' },
    items: { type: 'array', items: { type: 'object', additionalProperties: true } },
  },
});
