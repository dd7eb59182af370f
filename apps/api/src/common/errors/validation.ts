import type { ValidationError } from 'class-validator';
import type { FieldError } from '@wutong/shared';
import { DomainException } from './domain.exception';

/** Flattens class-validator's tree into one entry per field, with dotted paths (`company.creditCode`). */
export function fieldErrors(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own: FieldError[] = e.constraints
      ? [{ field, messages: Object.values(e.constraints), rules: Object.keys(e.constraints) }]
      : [];
    return own.concat(fieldErrors(e.children ?? [], field));
  });
}

export function validationException(errors: ValidationError[]): DomainException {
  return new DomainException('VALIDATION_FAILED', fieldErrors(errors));
}

/** One field's problem for a DomainException's details: the rule names it, the message is English. */
export function fieldError(field: string, rule: string, message: string): FieldError {
  return { field, messages: [message], rules: [rule] };
}
