import type { HealthView } from './api-responses';
import responseSchemas from './response-schemas.json';
import { Returns, ReturnsFile, ReturnsList } from './returns.decorator';

class Handlers {
  @Returns('HealthView')
  health(): Promise<HealthView> {
    return Promise.resolve({ status: 'ok', database: 'up' });
  }

  @ReturnsList('HealthView', { status: 201 })
  many(): HealthView[] {
    return [];
  }

  // The compiler refuses a handler whose return type is not the schema it names (`npm run
  // typecheck` fails if this line ever compiles).
  // @ts-expect-error: { status: 'down' } is not a HealthView
  @Returns('HealthView')
  wrong(): Promise<{ status: 'down' }> {
    return Promise.resolve({ status: 'down' });
  }

  @ReturnsFile('text/csv', 'A table')
  csv(): string {
    return '';
  }
}

/** Where @nestjs/swagger keeps a handler's documented responses (DECORATORS.API_RESPONSE). */
const API_RESPONSE = 'swagger/apiResponse';
const responses = (method: keyof Handlers) =>
  Reflect.getMetadata(API_RESPONSE, Handlers.prototype[method]) as Record<string, unknown>;

describe('@Returns', () => {
  it('documents the named schema, which the generated schemas hold', () => {
    expect(responses('health')).toEqual({
      200: expect.objectContaining({ schema: { $ref: '#/components/schemas/HealthView' } }),
    });
    expect(responseSchemas.HealthView).toEqual(
      expect.objectContaining({ required: ['status', 'database'], additionalProperties: false }),
    );
  });

  it('documents lists with their status, and files by media type', () => {
    expect(responses('many')).toEqual({
      201: expect.objectContaining({
        schema: { type: 'array', items: { $ref: '#/components/schemas/HealthView' } },
      }),
    });
    expect(responses('csv')).toEqual({
      200: expect.objectContaining({
        content: { 'text/csv': { schema: { type: 'string', format: 'binary' } } },
      }),
    });
  });
});
