import { ValidateBy, buildMessage, type ValidationOptions } from 'class-validator';

/**
 * A finite number with at most `places` decimals. Replaces `@IsNumber({ maxDecimalPlaces })`, whose
 * check reads the digits after a "." in `String(value)` and throws a TypeError (a 500) on numbers
 * printed in exponent form such as 9e-323 or 1e-7 — found by test/api/fuzz.e2e-spec.ts.
 */
export function MaxDecimalPlaces(places: number, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'maxDecimalPlaces',
      constraints: [places],
      validator: {
        validate: (value: unknown) =>
          typeof value === 'number' && Number.isFinite(value) && Number(value.toFixed(places)) === value,
        defaultMessage: buildMessage(
          (each) => `${each}$property must have at most ${places} decimal places`,
          options,
        ),
      },
    },
    options,
  );
}
