import { ERROR_STATUS, type ErrorCode, type FieldError } from '@wutong/shared';

/**
 * An expected failure with a stable code. Services throw it; the global filter turns it into the
 * error body of docs/api.md with a message in the caller's language. The HTTP status comes from the
 * one table of codes (ERROR_STATUS in libs/shared), never from the throw site.
 */
export class DomainException extends Error {
  readonly statusCode: number;

  constructor(
    readonly code: ErrorCode,
    readonly details?: FieldError[] | Record<string, unknown>,
    /** Values for the localized message, e.g. `{ question: 'Company name' }`. */
    readonly params: Record<string, string | number> = {},
  ) {
    super(code);
    this.statusCode = ERROR_STATUS[code];
  }
}

export const notFound = () => new DomainException('NOT_FOUND');
export const forbidden = () => new DomainException('FORBIDDEN');
export const unauthorized = () => new DomainException('UNAUTHORIZED');
