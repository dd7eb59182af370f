import { Injectable } from '@nestjs/common';
import argon2 from 'argon2';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@wutong/shared';
import { DomainException } from '../common/errors/domain.exception';
import { fieldError } from '../common/errors/validation';
import { COMMON_PASSWORDS } from './common-passwords';

// OWASP's argon2id minimum (19 MiB, 2 passes): ~30 ms here, enough against offline guessing.
const OPTIONS = { type: argon2.argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

@Injectable()
export class PasswordService {
  /** A hash of a random secret, verified against when the email is unknown so both answers take as long. */
  private readonly decoy = argon2.hash('decoy-password-for-unknown-emails', OPTIONS);

  hash(password: string): Promise<string> {
    return argon2.hash(password, OPTIONS);
  }

  async verify(hash: string | null, password: string): Promise<boolean> {
    if (password.length > PASSWORD_MAX_LENGTH) return false;
    try {
      return await argon2.verify(hash ?? (await this.decoy), password);
    } catch {
      return false;
    }
  }

  /** Refuses short, overlong, one-character and common passwords, and the email itself, with 400 WEAK_PASSWORD. */
  assertStrong(password: string, email?: string, field = 'password'): void {
    const problem = weakness(password, email);
    if (problem) {
      throw new DomainException(
        'WEAK_PASSWORD',
        [fieldError(field, problem.rule, `password ${problem.reason}`)],
        { min: PASSWORD_MIN_LENGTH },
      );
    }
  }
}

/** Why a password is too weak (rule and English reason), or null. */
export function weakness(password: string, email?: string): { rule: string; reason: string } | null {
  const lower = password.toLowerCase();
  const mail = email?.toLowerCase();
  if (password.length < PASSWORD_MIN_LENGTH)
    return { rule: 'passwordTooShort', reason: `must be at least ${PASSWORD_MIN_LENGTH} characters` };
  if (password.length > PASSWORD_MAX_LENGTH)
    return { rule: 'passwordTooLong', reason: `must be at most ${PASSWORD_MAX_LENGTH} characters` };
  if (new Set(password).size < 3)
    return { rule: 'passwordRepetitive', reason: 'must not repeat one or two characters' };
  if (COMMON_PASSWORDS.has(lower))
    return { rule: 'passwordCommon', reason: 'is one of the most common passwords' };
  if (mail && (lower === mail || lower === mail.split('@')[0]))
    return { rule: 'passwordIsEmail', reason: 'must not be your email' };
  return null;
}
