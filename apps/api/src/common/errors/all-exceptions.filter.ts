import {
  Catch,
  HttpException,
  Inject,
  Logger,
  type ArgumentsHost,
  type ExceptionFilter,
} from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ERROR_STATUS, pickLocale, type ErrorBody, type ErrorCode } from '@wutong/shared';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { DATABASE_RETRY_AFTER_S, isDatabaseUnavailable } from '../../health/database-errors';
import { PG, pgError } from '../database/pg-errors';
import { DomainException } from './domain.exception';
import { fieldError } from './validation';
import { errorMessage, localizeDetails } from './messages';

const CODE_BY_STATUS: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'NOT_FOUND',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
  503: 'SERVICE_UNAVAILABLE',
};

/** Errors Fastify raises before a handler runs (body parsing), by their code; statuses from ERROR_STATUS. */
const FASTIFY_ERRORS: Record<string, { code: ErrorCode; field?: string; reason?: string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { code: 'BAD_REQUEST', field: 'body', reason: 'invalidJson' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: 'BAD_REQUEST', field: 'body', reason: 'emptyBody' },
  FST_ERR_CTP_BODY_TOO_LARGE: { code: 'PAYLOAD_TOO_LARGE' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { code: 'UNSUPPORTED_MEDIA_TYPE' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { code: 'BAD_REQUEST' },
};

interface FastifyLikeError {
  statusCode?: number;
  code?: string;
}

/**
 * The one place where errors become responses: `{statusCode, code, message, details?, requestId}`
 * with the message in the caller's language. Anything unexpected is a 500 with a correlation id
 * and the stack in the log, never in the body.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const request = ctx.getRequest<FastifyRequest>();
    const reply = ctx.getResponse<FastifyReply>();
    const locale = pickLocale(request.headers['accept-language']);
    const body = this.toBody(exception, request);
    body.message = errorMessage(
      body.code,
      locale,
      exception instanceof DomainException ? exception.params : {},
    );
    if (Array.isArray(body.details)) body.details = localizeDetails(body.details, locale);
    if (body.statusCode === 429) {
      const wait =
        exception instanceof DomainException && typeof exception.params.retryAfter === 'number'
          ? exception.params.retryAfter
          : Math.ceil((this.config.authRateLimit?.ttlMs ?? 60_000) / 1000);
      void reply.header('retry-after', String(wait));
    }
    if (body.code === 'DATABASE_UNAVAILABLE')
      void reply.header('retry-after', String(DATABASE_RETRY_AFTER_S));
    void reply.status(body.statusCode).header('content-type', 'application/json; charset=utf-8').send(body);
  }

  private toBody(exception: unknown, request: FastifyRequest): ErrorBody {
    const requestId = String(request.id);
    if (exception instanceof DomainException) {
      return {
        statusCode: exception.statusCode,
        code: exception.code,
        message: '',
        details: exception.details,
        requestId,
      };
    }
    if (exception instanceof ThrottlerException) {
      return { statusCode: 429, code: 'RATE_LIMITED', message: '', requestId };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      if (status < 500)
        return { statusCode: status, code: CODE_BY_STATUS[status] ?? 'BAD_REQUEST', message: '', requestId };
    }
    const fastifyError = exception as FastifyLikeError;
    const known = fastifyError?.code ? FASTIFY_ERRORS[fastifyError.code] : undefined;
    if (known) {
      const details =
        known.field && known.reason
          ? [fieldError(known.field, known.reason, `body: ${known.reason}`)]
          : undefined;
      return { statusCode: ERROR_STATUS[known.code], code: known.code, message: '', details, requestId };
    }
    if (
      typeof fastifyError?.statusCode === 'number' &&
      fastifyError.statusCode >= 400 &&
      fastifyError.statusCode < 500
    ) {
      const status = fastifyError.statusCode;
      return { statusCode: status, code: CODE_BY_STATUS[status] ?? 'BAD_REQUEST', message: '', requestId };
    }
    const pg = pgError(exception)?.code;
    if (pg === PG.characterNotInRepertoire || pg === PG.untranslatableCharacter) {
      // Text PostgreSQL cannot store (a NUL character in a query or a field): the caller's input.
      return { statusCode: 400, code: 'BAD_REQUEST', message: '', requestId };
    }
    if (isDatabaseUnavailable(exception)) {
      // A restart or failover of PostgreSQL: retryable, one warning line, no stack.
      this.logger.warn(
        { requestId, method: request.method, url: request.url, err: String(exception) },
        'database unavailable',
      );
      return { statusCode: 503, code: 'DATABASE_UNAVAILABLE', message: '', requestId };
    }
    this.logger.error(
      { err: exception, requestId, method: request.method, url: request.url },
      exception instanceof Error ? exception.stack : String(exception),
    );
    return { statusCode: 500, code: 'INTERNAL_ERROR', message: '', requestId };
  }
}
