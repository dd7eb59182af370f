import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { Role } from '@wutong/shared';
import type { Principal } from './principal';

export const ACCESS_KEY = 'wutong:access';

/**
 * Every route declares who may call it: `@Public()`, `@SignedIn()` or `@Roles(...)`.
 * A route without a declaration is refused (the guard treats it as a programming error).
 */
export type Access = { kind: 'public' } | { kind: 'signedIn' } | { kind: 'roles'; roles: Role[] };

export const Public = () => SetMetadata(ACCESS_KEY, { kind: 'public' } satisfies Access);
export const SignedIn = () => SetMetadata(ACCESS_KEY, { kind: 'signedIn' } satisfies Access);
export const Roles = (...roles: Role[]) => SetMetadata(ACCESS_KEY, { kind: 'roles', roles } satisfies Access);

export const VERIFIED_KEY = 'wutong:verified';

/**
 * Besides being signed in, the account must be verified (a confirmed email; later an SMS-confirmed
 * phone): 403 EMAIL_NOT_VERIFIED otherwise. For what throwaway accounts could hoard: seats, slots.
 */
export const Verified = () => SetMetadata(VERIFIED_KEY, true);

export interface RequestWithPrincipal {
  principal?: Principal;
}

/** The signed-in caller (routes under @SignedIn or @Roles). */
export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  return ctx.switchToHttp().getRequest<RequestWithPrincipal>().principal!;
});

/** The caller if signed in, else undefined (public routes). */
export const OptionalUser = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): Principal | undefined => {
    return ctx.switchToHttp().getRequest<RequestWithPrincipal>().principal;
  },
);
