/**
 * HTTP hygiene around the API: security headers (helmet), no caching of personal data, a limit on failed
 * authentication per client (429 with Retry-After), and 405 with `Allow` for a known path and a wrong method.
 */
import type { RequestHandler } from 'express';
import helmet from 'helmet';
import { openApiDocument } from './openapi';

/** Security headers (nosniff, frame options, CSP, referrer policy, …). */
export const securityHeaders = (): RequestHandler => helmet();

/** Responses under /api/v1 hold personal data: never stored by a cache. */
export const noStore: RequestHandler = (_req, res, next) => {
  res.set('Cache-Control', 'no-store');
  next();
};

/**
 * At most `perMinute` failed authentications (401) per client and minute; then 429 with Retry-After until the
 * minute is over. Hand-written rather than express-rate-limit: that one counts every request while it is in
 * flight and discounts the successful ones only when they finish, so a burst of valid requests from one
 * client (200 registrations at once) was refused.
 */
export function authFailureLimit(perMinute: number): RequestHandler {
  const failures = new Map<string, { count: number; resetAt: number }>();
  return (req, res, next) => {
    const key = req.ip ?? 'unknown';
    const now = Date.now();
    if (failures.size > 10_000) for (const [k, e] of failures) if (e.resetAt <= now) failures.delete(k);
    const entry = failures.get(key);
    if (entry && entry.resetAt > now && entry.count >= perMinute) {
      res.set('Retry-After', String(Math.ceil((entry.resetAt - now) / 1000)));
      res.status(429).json({ error: 'too_many_requests', message: 'too many failed authentications; try again later' });
      return;
    }
    res.on('finish', () => {
      if (res.statusCode !== 401) return;
      const current = failures.get(key);
      if (current && current.resetAt > Date.now()) current.count += 1;
      else failures.set(key, { count: 1, resetAt: Date.now() + 60_000 });
    });
    next();
  };
}

/** The methods the API has for each path, as patterns (from the OpenAPI document). */
function pathMethods(): Array<{ pattern: RegExp; methods: string[] }> {
  return Object.entries(openApiDocument().paths).map(([path, ops]) => ({
    pattern: new RegExp(`^${path.replace(/\{[^}]+\}/g, '[^/]+')}$`),
    methods: Object.keys(ops as object).map((m) => m.toUpperCase()),
  }));
}

/** The last handler: 405 with `Allow` when the path exists with other methods, else 404. */
export function notFound(): RequestHandler {
  const known = pathMethods();
  return (req, res) => {
    const allowed = known.filter((k) => k.pattern.test(req.path)).flatMap((k) => k.methods);
    if (allowed.length && !allowed.includes(req.method)) {
      res.set('Allow', [...new Set(allowed)].join(', '));
      res.status(405).json({ error: 'method_not_allowed', message: `${req.method} is not allowed on ${req.path}` });
      return;
    }
    res.status(404).json({ error: 'not_found', message: `no route ${req.method} ${req.path}` });
  };
}
