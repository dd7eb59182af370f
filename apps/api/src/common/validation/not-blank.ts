import { ValidateBy, type ValidationOptions } from 'class-validator';

/**
 * Text with at least one character that is not white space. Services trim names, titles and topics
 * before storing them, and the database CHECKs a length of at least 1: a value of spaces alone must
 * be refused here (400), not there (a 500).
 */
export function NotBlank(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'notBlank',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && /\S/.test(value),
        defaultMessage: () => '$property must not be blank',
      },
    },
    options,
  );
}
