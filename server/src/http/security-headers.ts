import type { RequestHandler } from 'express';
import helmet from 'helmet';

/**
 * The usual browser hardening on every HTTP answer: no MIME sniffing, never framed, no referrer,
 * and HSTS only when this server itself speaks TLS (a browser would otherwise keep refusing plain
 * http to this host). The console is one same-origin bundle: scripts, XHR and fonts from 'self';
 * inline styles because MUI injects its styles at run time.
 */
export function securityHeaders(tls: boolean): RequestHandler[] {
  const common = helmet({
    contentSecurityPolicy: false,
    strictTransportSecurity: tls ? { maxAge: 365 * 24 * 3600, includeSubDomains: true } : false,
    xFrameOptions: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
  });
  const csp = helmet.contentSecurityPolicy({
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      fontSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
      // Upgrading would send a plain-http console's own requests to a port that has no TLS.
      ...(tls ? { upgradeInsecureRequests: [] } : {}),
    },
  });
  // /graphql answers JSON, except Apollo's development landing page, which loads Apollo's
  // sandbox from its CDN; a CSP there would only break that page.
  const cspOutsideGraphql: RequestHandler = (req, res, next) =>
    req.path === '/graphql' ? next() : csp(req, res, next);
  return [common, cspOutsideGraphql];
}
