import { randomUUID } from 'node:crypto';
import { STATUS_CODES, type IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyMultipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { createRootLogger, logRequests } from './common/logging/request-log';
import { pickLocale } from '@wutong/shared';
import { AppModule } from './app.module';
import { AccessGuard } from './common/auth/access.guard';
import { routeAccessTable } from './common/auth/route-access';
import { DomainException } from './common/errors/domain.exception';
import { applyRouteBodyLimits, MAX_BODY_DEPTH, nestsDeeperThan } from './common/http/body-limits';
import { addSecurityHeaders } from './common/http/security-headers';
import { errorMessage } from './common/errors/messages';
import { fieldError } from './common/errors/validation';
import type { AppConfig } from './config/app-config';
import { openApiDocument } from './openapi/openapi-document';
import { PublicPages } from './public-pages/public-pages.service';
import { PublicAddress } from './notifications/public-address';
import { MULTIPART_OPTIONS } from './event-images/upload';

const REQUEST_ID = /^[A-Za-z0-9._-]{8,128}$/;

/**
 * Builds the whole application (API under /api, OpenAPI, the web app at /) without listening.
 * main.ts and the end-to-end tests both use it, so tests run the app users get.
 */
export async function createApp(config: AppConfig): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    trustProxy: config.trustProxy,
    // Routes get their own, smaller limits (common/http/body-limits.ts); this caps anything else.
    bodyLimit: 1024 * 1024,
    // Keep a caller's X-Request-Id (a load balancer's) or make one; logs and error bodies carry it.
    genReqId: (req: IncomingMessage) => {
      const given = req.headers['x-request-id'];
      const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
      (req as { id?: string }).id = id;
      return id;
    },
    // Refusals Fastify answers before Nest sees the request, in the error shape of every answer.
    frameworkErrors: answerFrameworkError,
    clientErrorHandler: answerClientError,
    // No Nest middleware: the request log is Fastify hooks (logRequests), not pino-http through middie.
    skipMiddie: true,
  });
  const logger = createRootLogger(config.logLevel);
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, logger), adapter, {
    bufferLogs: true,
    bodyParser: false,
  });
  logRequests(adapter.getInstance(), logger);
  // Helmet's headers first, so that every answer has them, also a refusal of the hooks below.
  addSecurityHeaders(adapter.getInstance());
  acceptEmptyJsonBodies(adapter);
  applyRouteBodyLimits(adapter.getInstance());
  app.useLogger(app.get(Logger));
  app.setGlobalPrefix('api');
  checkAccessBeforeBodies(app);

  const fastify = app.getHttpAdapter().getInstance();
  // Every answer, also one a CORS preflight or a refusal of the router ends: at send time.
  fastify.addHook('onSend', (request, reply, payload, done) => {
    reply.header('x-request-id', request.id);
    done(null, payload);
  });
  const publicAddress = app.get(PublicAddress);
  fastify.addHook('onRequest', (request, _reply, done) => {
    publicAddress.noteRequestHost(request.headers.host);
    done();
  });

  // multipart/form-data (event images): parsed only where a handler reads it, within its limits.
  await app.register(fastifyMultipart, MULTIPART_OPTIONS);

  // CORS: the web app is same-origin; other sites only if CORS_ORIGINS lists their exact origin.
  // Sign-in is a bearer token, not a cookie, so credentials are never allowed.
  if (config.corsOrigins.length > 0) {
    const allowed = new Set(config.corsOrigins);
    app.enableCors({
      origin: (origin: string | undefined, done: (error: Error | null, allow: boolean) => void) =>
        done(null, origin !== undefined && allowed.has(origin.toLowerCase())),
      methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
      allowedHeaders: ['authorization', 'content-type', 'accept-language', 'x-request-id'],
      exposedHeaders: ['content-disposition', 'x-request-id'],
      credentials: false,
      maxAge: 600,
    });
  }

  // Off in production unless OPENAPI_UI=true; then both paths answer 404 like any unknown /api path.
  if (config.openApiUi) {
    SwaggerModule.setup('api/docs', app, openApiDocument(app), { jsonDocumentUrl: 'api/docs-json' });
  }

  serveWebApp(app, config);
  return app;
}

/**
 * A path the router refuses: a parameter over 100 characters (ids are UUIDs, so it names nothing:
 * 404 as for any unknown id) or broken percent-encoding (400).
 */
function answerFrameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const [statusCode, code] =
    error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? [404, 'NOT_FOUND'] : [400, 'BAD_REQUEST'];
  const message = errorMessage(code, pickLocale(request.headers['accept-language']));
  void reply
    .status(statusCode)
    .header('content-type', 'application/json; charset=utf-8')
    .send({ statusCode, code, message, requestId: request.id });
}

/**
 * A request Node's HTTP parser refuses (headers or URL over 16 KiB: 431; malformed: 400; too slow:
 * 408). Nothing was parsed, so no language or request id: the default locale and a fresh id.
 */
function answerClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const statusCode =
    error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
  const code = statusCode === 431 ? 'PAYLOAD_TOO_LARGE' : 'BAD_REQUEST';
  const body = JSON.stringify({
    statusCode,
    code,
    message: errorMessage(code, pickLocale(undefined)),
    requestId: randomUUID(),
  });
  if (socket.writable)
    socket.write(
      `HTTP/1.1 ${statusCode} ${STATUS_CODES[statusCode]}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        `Content-Type: application/json; charset=utf-8\r\nConnection: close\r\n\r\n${body}`,
    );
  socket.destroy(error);
}

/**
 * The built web app at /: files by their path (hashed assets cached for a year), every other path
 * answered with index.html for the client-side router. /api stays the API's (404 in its error shape).
 */
function serveWebApp(app: NestFastifyApplication, config: AppConfig): void {
  const fastify = app.getHttpAdapter().getInstance();
  const hasWeb = existsSync(join(config.webDist, 'index.html'));
  // preCompressed: the build leaves .br and .gz copies (scripts/compress-web.mjs); a file without
  // one is sent as it is.
  if (hasWeb) void app.register(fastifyStatic, { root: config.webDist, serve: false, preCompressed: true });
  const pages = app.get(PublicPages);
  fastify.get('/*', async (request, reply) => {
    const path = decodeURIComponent(request.url.split('?')[0]);
    if (path === '/api' || path.startsWith('/api/') || !hasWeb) {
      const locale = pickLocale(request.headers['accept-language']);
      return reply.status(404).send({
        statusCode: 404,
        code: 'NOT_FOUND',
        message: errorMessage('NOT_FOUND', locale),
        requestId: request.id,
      });
    }
    if (/\.[a-z0-9]{1,8}$/i.test(path)) {
      const immutable = path.startsWith('/assets/');
      return reply.sendFile(path.slice(1), { maxAge: immutable ? 365 * 24 * 3600 * 1000 : 0, immutable });
    }
    // The public event pages come with their content (PublicPages); every other route is the app's.
    const rendered = hasWeb && config.publicPages ? await pages.render(path, request.headers) : null;
    if (rendered)
      return reply
        .status(rendered.status)
        .header('cache-control', 'no-cache')
        .type('text/html; charset=utf-8')
        .send(rendered.html);
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });
}

/**
 * JSON bodies as Fastify parses them (prototype poisoning refused), except that an empty body sent
 * with `Content-Type: application/json` counts as no body: many clients send the header on every
 * POST and DELETE, and an action such as logging out has nothing to say.
 */
function acceptEmptyJsonBodies(adapter: FastifyAdapter): void {
  const fastify = adapter.getInstance();
  const parse = fastify.getDefaultJsonParser('error', 'error');
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (body === '') {
      done(null, undefined);
      return;
    }
    // Deep nesting is refused before parsing: JSON.parse and the validation pipe recurse.
    if (nestsDeeperThan(body as string, MAX_BODY_DEPTH)) {
      done(
        new DomainException('VALIDATION_FAILED', [
          fieldError('body', 'maxDepth', `body must not nest deeper than ${MAX_BODY_DEPTH} levels`),
        ]),
      );
      return;
    }
    void parse(request, body as string, (error: Error | null, value?: unknown) => {
      const poisoned = error ? undefined : constructorKey(value);
      if (poisoned === undefined) return done(error, value);
      // Fastify refuses `constructor.prototype`; a bare `constructor` key would pass it and then be
      // dropped unseen by class-transformer. Refused like any field a DTO does not declare.
      const message = `property ${poisoned} should not exist`;
      done(new DomainException('VALIDATION_FAILED', [fieldError(poisoned, 'whitelistValidation', message)]));
    });
  });
}

/**
 * Routes that need a sign-in refuse a caller without one (401) or without the role (403) when the
 * request arrives, before Fastify reads, parses or validates its body: an anonymous flood of large
 * bodies costs a header check. AccessGuard still runs and finds these requests admitted.
 */
function checkAccessBeforeBodies(app: NestFastifyApplication): void {
  let table: ReturnType<typeof routeAccessTable> | undefined;
  let guard: AccessGuard | undefined;
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRequest', (request, _reply, done) => {
      const url = request.routeOptions?.url;
      if (!url) return done();
      // Built on the first request: the controllers are resolved by then.
      table ??= routeAccessTable(app, 'api');
      const access = table.get(`${request.method} ${url}`);
      if (!access || access.kind === 'public') return done();
      guard ??= app.get<AccessGuard>(AccessGuard);
      guard.admit(access, request).then(() => done(), done);
    });
}

/** The dotted path of the first `constructor` key anywhere in a parsed body (iterative: bodies nest deep). */
function constructorKey(value: unknown): string | undefined {
  const stack: [unknown, string][] = [[value, '']];
  while (stack.length) {
    const [node, path] = stack.pop()!;
    if (!node || typeof node !== 'object') continue;
    for (const [key, child] of Object.entries(node)) {
      const at = path ? `${path}.${key}` : key;
      if (key === 'constructor') return at;
      stack.push([child, at]);
    }
  }
  return undefined;
}
