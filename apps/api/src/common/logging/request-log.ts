import { Global, Module, type DynamicModule } from '@nestjs/common';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Logger, PARAMS_PROVIDER_TOKEN, PinoLogger } from 'nestjs-pino';
import { storage } from 'nestjs-pino/storage';
import pino from 'pino';

/**
 * The application log: pino, JSON lines on stdout. A request's fields are its id, method and URL
 * (never a header); the redaction stays as a second guard should a header ever be logged.
 */
export function createRootLogger(level: string): pino.Logger {
  return pino({
    level,
    redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
    serializers: {
      req: (req: { id: string; method: string; url: string }) => ({
        id: req.id,
        method: req.method,
        url: req.url,
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  });
}

/**
 * nestjs-pino's Logger (Nest's LoggerService) and PinoLogger on `root`, without its pino-http
 * middleware: that one needed @fastify/middie on every request. `logRequests` does its work.
 */
@Global()
@Module({})
export class LoggingModule {
  static forRoot(root: pino.Logger): DynamicModule {
    return {
      module: LoggingModule,
      providers: [
        Logger,
        PinoLogger,
        { provide: PARAMS_PROVIDER_TOKEN, useValue: { pinoHttp: { logger: root } } },
      ],
      exports: [Logger, PinoLogger, PARAMS_PROVIDER_TOKEN],
    };
  }
}

/** What nestjs-pino's PinoLogger reads: the request's logger, made on the first line it writes. */
class RequestLogStore {
  private child?: pino.Logger;

  constructor(
    private readonly root: pino.Logger,
    private readonly request: FastifyRequest,
  ) {}

  get logger(): pino.Logger {
    return (this.child ??= this.root.child({ req: this.request }));
  }

  set logger(logger: pino.Logger) {
    this.child = logger;
  }
}

/**
 * The request log, as pino-http wrote it: one line per answer (`req` {id, method, url}, `res`
 * {statusCode}, `responseTime` in ms; "request completed", or "request errored" with `err` from 500
 * on), health checks left out. Lines logged while a request is handled carry its `req` too.
 */
export function logRequests(fastify: FastifyInstance, root: pino.Logger): void {
  // The rest of the request runs in this context; Fastify carries it across reading the body.
  fastify.addHook('onRequest', (request, _reply, done) => {
    storage.run(new RequestLogStore(root, request) as never, done);
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    if (root.isLevelEnabled('info') && !request.url.startsWith('/api/health')) {
      const responseTime = Math.round(reply.elapsedTime);
      const res = { statusCode: reply.statusCode };
      if (reply.statusCode >= 500)
        root.info(
          { req: request, res, err: new Error(`failed with status code ${reply.statusCode}`), responseTime },
          'request errored',
        );
      else root.info({ req: request, res, responseTime }, 'request completed');
    }
    done();
  });
}
