// Security headers for everything the server sends (SPEC §14). The dashboard runs no inline
// script or style, so the policy allows only its own files; the OpenAPI viewer's bundle needs
// inline styles and data: images.
import type { FastifyReply, FastifyRequest } from 'fastify';

const BASE = [
  "default-src 'none'",
  "script-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "manifest-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
];
const DASHBOARD_CSP = [...BASE, "style-src 'self'"].join('; ');
const DOCS_CSP = [...BASE, "style-src 'self' 'unsafe-inline'"].join('; ');
/** A backtest report (one self-contained file with inline script and style) runs sandboxed in an
 * opaque origin: its script cannot read the dashboard's cookies, storage or API, nor fetch anything. */
export const REPORT_CSP = [
  'sandbox allow-scripts',
  "default-src 'none'",
  "script-src 'unsafe-inline'",
  "style-src 'unsafe-inline'",
  'img-src data:',
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

export function securityHeaders(secure: boolean) {
  return async (req: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const docs = req.url.startsWith('/api/docs');
    // A route may only tighten this to its own policy (the backtest reports' sandbox).
    if (reply.getHeader('content-security-policy') !== REPORT_CSP)
      reply.header('content-security-policy', docs ? DOCS_CSP : DASHBOARD_CSP);
    reply.header('cross-origin-opener-policy', 'same-origin');
    reply.header('cross-origin-resource-policy', 'same-origin');
    reply.header('permissions-policy', 'camera=(), microphone=(), geolocation=(), payment=(), usb=()');
    if (req.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
    if (secure) reply.header('strict-transport-security', 'max-age=31536000');
  };
}
