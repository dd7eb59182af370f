import { applyDecorators } from '@nestjs/common';
import { IsString, MaxLength, ValidateBy, buildMessage } from 'class-validator';
import { isValidPhoneNumber } from 'libphonenumber-js/max';

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
