import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import responseSchemas from './response-schemas.json';

/**
 * The OpenAPI document: requests from the DTO classes (@nestjs/swagger), responses from the shared
 * TypeScript types (response-schemas.json, see api-responses.ts).
 */
export function openApiDocument(app: INestApplication): OpenAPIObject {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Wutong API')
      .setDescription('Startup events, registrations, check-in, mentors and office hours, annual targets.')
      .setVersion('0.1.0')
      .addBearerAuth()
      .build(),
  );
  const components = (document.components ??= {});
  const schemas = components.schemas ?? {};
  for (const name of Object.keys(responseSchemas))
    if (schemas[name]) throw new Error(`OpenAPI schema ${name} is both a DTO class and a response type`);
  // Through unknown: the JSON's inferred type of a union (anyOf members with different properties)
  // does not compare with SchemaObject, though each member is one.
  components.schemas = { ...schemas, ...(responseSchemas as unknown as Record<string, SchemaObject>) };
  return document;
}
