import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import helmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { pickLocale } from '@wutong/shared';
import { AppModule } from './app.module';
import { errorMessage } from './common/errors/messages';
import type { AppConfig } from './config/app-config';

const REQUEST_ID = /^[A-Za-z0-9._-]{8,128}$/;

/**
 * Builds the whole application (API under /api, OpenAPI, the web app at /) without listening.
 * main.ts and the end-to-end tests both use it, so tests run the app users get.
 */
export async function createApp(config: AppConfig): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    trustProxy: config.trustProxy,
    bodyLimit: 1024 * 1024,
    // Keep a caller's X-Request-Id (a load balancer's) or make one; logs and error bodies carry it.
    genReqId: (req: IncomingMessage) => {
      const given = req.headers['x-request-id'];
      const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
      (req as { id?: string }).id = id;
      return id;
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    bufferLogs: true,
    bodyParser: false,
  });
  acceptEmptyJsonBodies(adapter);
  app.useLogger(app.get(Logger));
  app.setGlobalPrefix('api');

  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  await app.register(helmet, {
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
        frameAncestors: ["'none'"],
        // Deployments behind plain http on a LAN must still load their own assets.
        upgradeInsecureRequests: null,
      },
    },
    crossOriginEmbedderPolicy: false,
  });

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Wutong API')
      .setDescription('Startup events, registrations, check-in, mentors and office hours, annual targets.')
      .setVersion('0.1.0')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });

  serveWebApp(app, config);
  return app;
}

/**
 * The built web app at /: files by their path (hashed assets cached for a year), every other path
 * answered with index.html for the client-side router. /api stays the API's (404 in its error shape).
 */
function serveWebApp(app: NestFastifyApplication, config: AppConfig): void {
  const fastify = app.getHttpAdapter().getInstance();
  const hasWeb = existsSync(join(config.webDist, 'index.html'));
  if (hasWeb) void app.register(fastifyStatic, { root: config.webDist, serve: false });
  fastify.get('/*', (request, reply) => {
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
    void parse(request, body as string, done);
  });
}
