import type { ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';

/** Helmet's options for every answer: the CSP, framing, referrer and HSTS policy of the base. */
export const HELMET_OPTIONS: HelmetOptions = {
  contentSecurityPolicy: {
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      // Ant Design writes its styles at run time.
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:', 'blob:'],
      connectSrc: ["'self'"],
      fontSrc: ["'self'", 'data:'],
      objectSrc: ["'none'"],
      // Never framed (clickjacking); helmet's X-Frame-Options: SAMEORIGIN covers older browsers.
      frameAncestors: ["'none'"],
      // Deployments behind plain http on a LAN must still load their own assets.
      upgradeInsecureRequests: null,
    },
  },
  crossOriginEmbedderPolicy: false,
  // Reset and ticket links carry tokens in the URL: never send them on in a Referer.
  referrerPolicy: { policy: 'no-referrer' },
  // Browsers honour HSTS only over HTTPS (RFC 6797 §8.1), so plain-http LAN installs are not
  // affected, and behind a TLS proxy it pins HTTPS for a year. No includeSubDomains or preload:
  // other hosts of the base's domain are not Wutong's to pin.
  strictTransportSecurity: { maxAge: 365 * 24 * 3600, includeSubDomains: false, preload: false },
};

/**
 * The headers helmet sets with `options`, computed once. The options hold no per-request parts (no
 * nonces, no directive functions), so every answer gets the same headers; @fastify/helmet rebuilt
 * helmet and reparsed the CSP on every request.
 */
export function helmetHeaders(options: HelmetOptions): [string, string][] {
  const headers: [string, string][] = [];
  const recorder = {
    setHeader: (name: string, value: string) => headers.push([name, value]),
    removeHeader: () => undefined,
  } as unknown as ServerResponse;
  helmet(options)({} as never, recorder, (error?: unknown) => {
    if (error) throw error;
  });
  return headers;
}

/** Sets helmet's headers (HELMET_OPTIONS) on every answer, as the first thing a request meets. */
export function addSecurityHeaders(fastify: FastifyInstance): void {
  const headers = Object.fromEntries(helmetHeaders(HELMET_OPTIONS));
  fastify.addHook('onRequest', (_request, reply, done) => {
    // Fastify's headers, not the raw response's: Node then writes them all at once, unmerged.
    void reply.headers(headers);
    done();
  });
}
