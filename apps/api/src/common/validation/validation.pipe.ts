import { ValidationPipe, type ArgumentMetadata, type ValidationPipeOptions } from '@nestjs/common';
import { validationException } from '../errors/validation';

/** The global pipe's rules: unknown fields refused, bodies turned into their DTO classes. */
export const VALIDATION_OPTIONS: ValidationPipeOptions = {
  whitelist: true,
  forbidNonWhitelisted: true,
  transform: true,
  forbidUnknownValues: true,
  exceptionFactory: validationException,
};

/**
 * A hand check of a body for a hot route: the DTO instance when the body is one that class-validator
 * would accept unchanged (then the result equals ValidationPipe's), else undefined — and the body
 * goes through ValidationPipe as any other, so refusals keep their exact details.
 */
export type PlainBodyCheck<T> = (value: unknown) => T | undefined;

const bodyChecks = new Map<unknown, PlainBodyCheck<unknown>>();

/** Registers `check` for bodies of type `dto` (next to the DTO; a unit test compares it with the pipe). */
export function checkBodyByHand<T>(dto: new () => T, check: PlainBodyCheck<T>): void {
  bodyChecks.set(dto, check);
}

/**
 * ValidationPipe (VALIDATION_OPTIONS) with a short way for the few bodies a hand check accepts:
 * class-transformer and class-validator cost more CPU than the registration statement itself.
 */
export class AppValidationPipe extends ValidationPipe {
  constructor() {
    super(VALIDATION_OPTIONS);
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' && metadata.metatype) {
      const accepted = bodyChecks.get(metadata.metatype)?.(value);
      if (accepted !== undefined) return accepted;
    }
    return super.transform(value, metadata);
  }
}

/** A JSON object as JSON.parse makes it (not an array, a class instance or a null-prototype object). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}
