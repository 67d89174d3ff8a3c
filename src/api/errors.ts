// HTTP answers for the API's failures: a request that cannot be served names why, in one shape.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { ControlConflictError, ControlFailure } from '../control/errors.js';
import { UsageError } from '../domain/errors.js';

export class NotFoundError extends Error {}
/** The instance is still starting (the API opens once its store and control plane exist). */
export class NotReadyError extends Error {}

export function apiErrorHandler(error: FastifyError, req: FastifyRequest, reply: FastifyReply) {
  if (error.validation) return reply.code(400).send({ error: error.message });
  if (error instanceof NotFoundError) return reply.code(404).send({ error: error.message });
  if (error instanceof NotReadyError) return reply.code(503).send({ error: error.message });
  if (error instanceof ControlConflictError) return reply.code(409).send({ error: error.message });
  if (error instanceof UsageError) return reply.code(400).send({ error: error.message });
  if (error instanceof ControlFailure) return reply.code(503).send({ error: error.message });
  if (typeof error.statusCode === 'number' && error.statusCode < 500)
    return reply.code(error.statusCode).send({ error: error.message });
  req.log.error({ err: error, url: req.url }, 'API request failed');
  return reply.code(500).send({ error: 'internal error (see the log)' });
}
