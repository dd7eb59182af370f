import { QueryFailedError } from 'typeorm';

/** PostgreSQL error codes the services map to domain errors. */
export const PG = {
  uniqueViolation: '23505',
  foreignKeyViolation: '23503',
  checkViolation: '23514',
  exclusionViolation: '23P01',
  /** A NUL character (or bytes the database encoding cannot hold) in a text value. */
  characterNotInRepertoire: '22021',
  untranslatableCharacter: '22P05',
} as const;

export function pgError(error: unknown): { code: string; constraint?: string } | null {
  if (!(error instanceof QueryFailedError)) return null;
  const driver = error.driverError as { code?: string; constraint?: string };
  return driver.code ? { code: driver.code, constraint: driver.constraint } : null;
}
