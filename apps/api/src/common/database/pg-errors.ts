import { QueryFailedError } from 'typeorm';

/** PostgreSQL error codes the services map to domain errors. */
export const PG = {
  uniqueViolation: '23505',
  foreignKeyViolation: '23503',
  checkViolation: '23514',
  exclusionViolation: '23P01',
  deadlockDetected: '40P01',
  /** A NUL character (or bytes the database encoding cannot hold) in a text value. */
  characterNotInRepertoire: '22021',
  untranslatableCharacter: '22P05',
} as const;

export function pgError(error: unknown): { code: string; constraint?: string } | null {
  if (!(error instanceof QueryFailedError)) return null;
  const driver = error.driverError as { code?: string; constraint?: string };
  return driver.code ? { code: driver.code, constraint: driver.constraint } : null;
}

/**
 * Runs a transaction again (up to three times in all) when PostgreSQL broke a deadlock by
 * aborting it: nothing of the aborted attempt was written, and the next attempt reads what the
 * other side committed.
 */
export async function retryOnDeadlock<T>(attempt: () => Promise<T>, times = 3): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await attempt();
    } catch (error) {
      if (i >= times || pgError(error)?.code !== PG.deadlockDetected) throw error;
    }
  }
}
