import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, ModulesContainer, Reflector } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ACCESS_KEY, type Access } from '../../apps/api/src/common/auth/access.decorators';

/** One route as Nest registered it: the controller method behind it and the access rule it declares. */
export interface NestRoute {
  /** `GET /api/events/:id`: the key of the expectation table. */
  key: string;
  method: string;
  path: string;
  handler: string;
  /** The declared rule as the guard reads it, or undefined when the route declares none. */
  access: Access | undefined;
}

const PREFIX = 'api';

function joinPath(...parts: string[]): string {
  const segments = parts.flatMap((p) => p.split('/')).filter((s) => s.length > 0);
  return `/${segments.join('/')}`;
}

/** Renders a declared rule the way the expectation table spells its `guard`. */
export function accessLabel(access: Access | undefined): string {
  if (!access) return '(none)';
  return access.kind === 'roles' ? `roles:${[...access.roles].sort().join(',')}` : access.kind;
}

/**
 * Every HTTP route of every controller, read from Nest's own metadata (the same PATH/METHOD metadata
 * the router uses, and ACCESS_KEY resolved as AccessGuard resolves it: handler first, then class).
 */
export function nestRoutes(app: NestFastifyApplication): NestRoute[] {
  const discovery = new DiscoveryService(app.get(ModulesContainer));
  const scanner = new MetadataScanner();
  const reflector = new Reflector();
  const routes: NestRoute[] = [];
  for (const wrapper of discovery.getControllers()) {
    const { metatype, instance } = wrapper;
    if (!metatype || !instance) continue;
    const bases = [Reflect.getMetadata(PATH_METADATA, metatype) ?? ''].flat() as string[];
    const proto = Object.getPrototypeOf(instance) as Record<string, unknown>;
    for (const name of scanner.getAllMethodNames(proto)) {
      const handler = proto[name] as (...args: unknown[]) => unknown;
      const paths = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
      if (paths === undefined) continue;
      const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod];
      const access = reflector.getAllAndOverride<Access | undefined>(ACCESS_KEY, [handler, metatype]);
      for (const base of bases) {
        for (const path of [paths].flat()) {
          const full = joinPath(PREFIX, base, path);
          routes.push({
            key: `${method} ${full}`,
            method,
            path: full,
            handler: `${metatype.name}.${name}`,
            access,
          });
        }
      }
    }
  }
  return routes.sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method));
}
