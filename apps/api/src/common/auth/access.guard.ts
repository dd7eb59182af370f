import { Injectable, Logger, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { AuthService } from '../../auth/auth.service';
import { DomainException, forbidden, unauthorized } from '../errors/domain.exception';
import { SecurityLog } from '../security/security-log';
import { ACCESS_KEY, VERIFIED_KEY, type Access, type RequestWithPrincipal } from './access.decorators';

function bearer(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (!header) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match ? match[1] : '';
}

type AccessRequest = FastifyRequest & RequestWithPrincipal & { accessAdmitted?: boolean };

/**
 * Global guard: resolves the caller and enforces the route's declared access. Public routes accept
 * anonymous callers (a bad token there counts as none); others need a valid token (401) and, with
 * @Roles, one of the roles (403); with @Verified, a verified account (403 EMAIL_NOT_VERIFIED). A
 * route that declares nothing is refused.
 *
 * Routes that need a sign-in are checked earlier too, in a Fastify onRequest hook (`admit`, see
 * app.factory.ts), before their body is read: an anonymous 600 KB body costs nothing. The guard then
 * finds the request admitted and only repeats the check where the hook did not run; the @Verified
 * check needs the handler, so it is always the guard's.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  private readonly logger = new Logger('Access');

  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
    private readonly securityLog: SecurityLog,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const access = this.reflector.getAllAndOverride<Access | undefined>(ACCESS_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    const request = context.switchToHttp().getRequest<AccessRequest>();
    if (!access) {
      this.logger.error(`${context.getClass().name}.${context.getHandler().name} declares no access rule`);
      throw forbidden();
    }
    if (!request.accessAdmitted) await this.admit(access, request);
    const needsVerified = this.reflector.getAllAndOverride<boolean | undefined>(VERIFIED_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (needsVerified && !request.principal?.verified) throw new DomainException('EMAIL_NOT_VERIFIED');
    return true;
  }

  /** Throws 401/403 unless the caller may use a route declaring `access`; sets `request.principal`. */
  async admit(access: Access, request: AccessRequest): Promise<void> {
    const token = bearer(request);
    const principal = token ? await this.auth.authenticate(token) : null;
    if (principal) request.principal = principal;
    if (access.kind !== 'public') {
      if (!principal) {
        if (token)
          this.securityLog.record('access.refused', {
            route: this.route(request),
            ip: request.ip,
            status: 401,
          });
        throw unauthorized();
      }
      if (access.kind === 'roles' && !access.roles.some((role) => principal.roles.includes(role))) {
        this.securityLog.record('access.refused', {
          route: this.route(request),
          userId: principal.userId,
          ip: request.ip,
          status: 403,
        });
        if (principal.adminAwaitingMfa && access.roles.includes('admin'))
          throw new DomainException('MFA_SETUP_REQUIRED');
        throw forbidden();
      }
    }
    request.accessAdmitted = true;
  }

  private route(request: FastifyRequest): string {
    return `${request.method} ${request.routeOptions?.url ?? ''}`;
  }
}
