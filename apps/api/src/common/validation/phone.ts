import { applyDecorators } from '@nestjs/common';
import { IsString, MaxLength, ValidateBy, buildMessage } from 'class-validator';
import { isValidPhoneNumber, parsePhoneNumberFromString } from 'libphonenumber-js/max';

/** Numbers without a country code are read as mainland China's. */
export const DEFAULT_PHONE_REGION = 'CN';

/**
 * A real phone number as people type it (spaces, dashes, brackets allowed): a mainland mobile
 * (138 0013 8000), a landline with its area code (0734-8888888), or any number with +country code.
 * Checked against libphonenumber's full metadata, so a 7-digit fragment is refused.
 */
export function isPhone(value: unknown): boolean {
  return typeof value === 'string' && value.length <= 30 && isValidPhoneNumber(value, DEFAULT_PHONE_REGION);
}

export const IsPhone = () =>
  applyDecorators(
    IsString(),
    MaxLength(30),
    ValidateBy({
      name: 'isPhone',
      validator: {
        validate: isPhone,
        defaultMessage: buildMessage(
          (each) =>
            `${each}$property must be a phone number: a mainland mobile, a landline with its area code, or +country code`,
        ),
      },
    }),
  );

/**
 * A mainland China mobile (`+8613800138000`, `13800138000`, spaces and dashes allowed) in E.164,
 * or null for anything else (landlines, other countries, fragments): the numbers phone sign-in texts.
 */
export function mainlandMobile(value: unknown): string | null {
  if (typeof value !== 'string' || value.length > 30) return null;
  const parsed = parsePhoneNumberFromString(value, DEFAULT_PHONE_REGION);
  if (!parsed?.isValid() || parsed.country !== 'CN') return null;
  const type = parsed.getType();
  return type === 'MOBILE' || type === 'FIXED_LINE_OR_MOBILE' ? parsed.number : null;
}

export const IsMainlandMobile = () =>
  applyDecorators(
    IsString(),
    MaxLength(30),
    ValidateBy({
      name: 'isMainlandMobile',
      validator: {
        validate: (value) => mainlandMobile(value) !== null,
        defaultMessage: buildMessage(
          (each) => `${each}$property must be a mainland China mobile number: +8613800138000 or 13800138000`,
        ),
      },
    }),
  );
