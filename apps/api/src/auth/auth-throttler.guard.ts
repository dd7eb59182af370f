import { Injectable, Logger, type ExecutionContext } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerLimitDetail, type ThrottlerRequest } from '@nestjs/throttler';
import type { FastifyRequest } from 'fastify';
import { DomainException } from '../common/errors/domain.exception';
import { SecurityLog } from '../common/security/security-log';

/** Throttler names: per client address (the proxy-aware `request.ip`) and per account (the email tried). */
export const BY_ADDRESS = 'address';
export const BY_ACCOUNT = 'account';

/**
 * The account a sign-in, sign-up or reset is about: its email, lower-cased; requests without one
 * (a reset confirmation) count under their address.
 */
export function accountTracker(request: Record<string, unknown>): string {
  const req = request as unknown as FastifyRequest;
  const body = req.body as { email?: unknown } | undefined;
  return typeof body?.email === 'string' ? `email:${body.email.trim().toLowerCase()}` : `ip:${req.ip}`;
}

/**
 * @nestjs/throttler's guard for the auth routes, answering 429 RATE_LIMITED with the real wait in
 * Retry-After, writing the security log, and letting requests through (logged) when the shared
 * counter store (Redis) is unreachable: signing in must not depend on the limiter's store.
 */
@Injectable()
export class AuthThrottlerGuard extends ThrottlerGuard {
  private readonly storeLogger = new Logger('Throttler');
  private readonly securityLog = new SecurityLog();

  protected override async handleRequest(request: ThrottlerRequest): Promise<boolean> {
    try {
      return await super.handleRequest(request);
    } catch (error) {
      if (error instanceof DomainException) throw error;
      this.storeLogger.error({ err: error }, 'rate-limit store unavailable: request let through');
      return true;
    }
  }

  protected override async throwThrottlingException(
    context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const byAccount = detail.tracker.startsWith('email:');
    this.securityLog.record('throttled', {
      route: request.routeOptions?.url,
      ip: request.ip,
      email: byAccount ? detail.tracker.slice('email:'.length) : undefined,
      by: byAccount ? BY_ACCOUNT : BY_ADDRESS,
      hits: detail.totalHits,
    });
    throw new DomainException('RATE_LIMITED', undefined, {
      retryAfter: Math.max(1, Math.ceil(detail.timeToBlockExpire)),
    });
  }
}
