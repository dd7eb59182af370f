import { applyDecorators } from '@nestjs/common';
import { ApiProduces, ApiResponse } from '@nestjs/swagger';
import type { ApiResponses } from './api-responses';

type Handler<T> = (...args: never[]) => T | Promise<T>;
type SuccessStatus = 200 | 201 | 202;

interface ReturnsOptions {
  /** The handler's success status when it is not 200 (201 for a POST without @HttpCode). */
  status?: SuccessStatus;
  description?: string;
}

const ref = (name: keyof ApiResponses) => ({ $ref: `#/components/schemas/${name}` });

/**
 * Documents the handler's success body as the named schema of response-schemas.json, and lets the
 * compiler check that the handler returns that type.
 */
export function Returns<K extends keyof ApiResponses>(name: K, options: ReturnsOptions = {}) {
  return <M extends Handler<ApiResponses[K]>>(
    target: object,
    key: string | symbol,
    descriptor: TypedPropertyDescriptor<M>,
  ): void => {
    ApiResponse({
      status: options.status ?? 200,
      description: options.description ?? name,
      schema: ref(name),
    })(target, key, descriptor);
  };
}

/** A list of the named schema. */
export function ReturnsList<K extends keyof ApiResponses>(name: K, options: ReturnsOptions = {}) {
  return <M extends Handler<ApiResponses[K][]>>(
    target: object,
    key: string | symbol,
    descriptor: TypedPropertyDescriptor<M>,
  ): void => {
    ApiResponse({
      status: options.status ?? 200,
      description: options.description ?? `${name}[]`,
      schema: { type: 'array', items: ref(name) },
    })(target, key, descriptor);
  };
}

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
