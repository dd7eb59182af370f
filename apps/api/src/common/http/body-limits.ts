import { RouteConfig } from '@nestjs/platform-fastify';
import type { FastifyInstance, RouteOptions } from 'fastify';

/** Bytes a JSON body may have on a route that does not say otherwise: every form of the app fits. */
export const DEFAULT_BODY_LIMIT = 64 * 1024;

/** Objects and arrays nested deeper than this are refused before JSON.parse (real bodies nest 4 deep). */
export const MAX_BODY_DEPTH = 32;

/**
 * A larger body limit for one route (an event with 60 sessions and a long description, registration
 * answers to 30 questions). Fastify refuses a longer body with 413 before reading it when
 * Content-Length says so, else as soon as the count passes the limit.
 */
export const BodyLimit = (bytes: number) => RouteConfig({ bodyLimit: bytes });

/** Gives each route its body limit as it is registered: the one from @BodyLimit, else the default. */
export function applyRouteBodyLimits(fastify: FastifyInstance): void {
  fastify.addHook('onRoute', (route: RouteOptions) => {
    const declared = (route.config as { bodyLimit?: number } | undefined)?.bodyLimit;
    route.bodyLimit ??= declared ?? DEFAULT_BODY_LIMIT;
  });
}

/**
 * Whether JSON text nests objects or arrays deeper than `max`, by one pass over the characters
 * (strings skipped, escapes honoured). No parse, no recursion: 10,000 levels cost 20 KB of reading.
 */
export function nestsDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}
