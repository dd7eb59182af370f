import type { ErrorCode, FieldError } from '@wutong/shared';

/**
 * An expected failure with a stable code. Services throw it; the global filter turns it into the
 * error body of API.md with a message in the caller's language.
 */
export class DomainException extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly statusCode: number,
    readonly details?: FieldError[] | Record<string, unknown>,
    /** Values for the localized message, e.g. `{ question: 'Company name' }`. */
    readonly params: Record<string, string | number> = {},
  ) {
    super(code);
  }
}

export const notFound = () => new DomainException('NOT_FOUND', 404);
export const forbidden = () => new DomainException('FORBIDDEN', 403);
export const unauthorized = () => new DomainException('UNAUTHORIZED', 401);
