import { RequestMethod, type INestApplication } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, ModulesContainer, Reflector } from '@nestjs/core';
import { ACCESS_KEY, type Access } from './access.decorators';

const joinPath = (...parts: string[]) =>
  `/${parts
    .flatMap((p) => p.split('/'))
    .filter((s) => s.length > 0)
    .join('/')}`;

/**
 * The access rule of every controller route, keyed `METHOD /path` with the path as Fastify
 * registered it (`GET /api/events/:id`), read from the same metadata AccessGuard reads (handler
 * first, then class). Lets a Fastify hook check access before the body is read.
 */
export function routeAccessTable(app: INestApplication, prefix: string): Map<string, Access> {
  const discovery = new DiscoveryService(app.get(ModulesContainer));
  const scanner = new MetadataScanner();
  const reflector = new Reflector();
  const table = new Map<string, Access>();
  for (const { metatype, instance } of discovery.getControllers()) {
    if (!metatype || !instance) continue;
    const bases = [Reflect.getMetadata(PATH_METADATA, metatype) ?? ''].flat() as string[];
    const proto = Object.getPrototypeOf(instance) as Record<string, unknown>;
    for (const name of scanner.getAllMethodNames(proto)) {
      const handler = proto[name] as (...args: unknown[]) => unknown;
      const paths = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
      if (paths === undefined) continue;
      const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod];
      const access = reflector.getAllAndOverride<Access | undefined>(ACCESS_KEY, [handler, metatype]);
      if (!access) continue;
      for (const base of bases)
        for (const path of [paths].flat()) table.set(`${method} ${joinPath(prefix, base, path)}`, access);
    }
  }
  return table;
}
