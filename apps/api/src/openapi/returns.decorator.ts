import { applyDecorators } from '@nestjs/common';
import { ApiProduces, ApiResponse } from '@nestjs/swagger';
import type { ReferenceObject, SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import type { ApiResponses } from './api-responses';

type Handler<T> = (...args: never[]) => T | Promise<T>;
type SuccessStatus = 200 | 201 | 202;

interface ReturnsOptions {
  /** The handler's success status when it is not 200 (201 for a POST without @HttpCode). */
  status?: SuccessStatus;
  description?: string;
}

const ref = (name: keyof ApiResponses) => ({ $ref: `#/components/schemas/${name}` });

/** A method decorator that only accepts handlers returning T, and documents `schema` as their answer. */
function documents<T>(schema: SchemaObject | ReferenceObject, description: string, options: ReturnsOptions) {
  return <M extends Handler<T>>(
    target: object,
    key: string | symbol,
    descriptor: TypedPropertyDescriptor<M>,
  ) => {
    ApiResponse({ status: options.status ?? 200, description: options.description ?? description, schema })(
      target,
      key,
      descriptor,
    );
  };
}

/**
 * Documents the handler's success body as the named schema of response-schemas.json, and lets the
 * compiler check that the handler returns that type.
 */
export const Returns = <K extends keyof ApiResponses>(name: K, options: ReturnsOptions = {}) =>
  documents<ApiResponses[K]>(ref(name), name, options);

/** A list of the named schema. */
export const ReturnsList = <K extends keyof ApiResponses>(name: K, options: ReturnsOptions = {}) =>
  documents<ApiResponses[K][]>({ type: 'array', items: ref(name) }, `${name}[]`, options);

/** A file (CSV, XLSX, PDF, iCalendar) rather than JSON. */
export function ReturnsFile(contentType: string, description: string) {
  return applyDecorators(
    ApiProduces(contentType),
    ApiResponse({
      status: 200,
      description,
      content: { [contentType]: { schema: { type: 'string', format: 'binary' } } },
    }),
  );
}
