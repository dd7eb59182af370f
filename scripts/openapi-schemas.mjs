// `npm run openapi:schemas` writes apps/api/src/openapi/response-schemas.json: the OpenAPI 3.0
// schemas of every 2xx JSON body, generated from the TypeScript types listed in
// apps/api/src/openapi/api-responses.ts (the same types the handlers return and the web app reads).
// `--check` (part of `npm run lint`) fails when the committed file is not what the types give.
import { readFileSync, writeFileSync } from 'node:fs';
import { createGenerator } from 'ts-json-schema-generator';

const SOURCE = 'apps/api/src/openapi/api-responses.ts';
const TARGET = 'apps/api/src/openapi/response-schemas.json';
const check = process.argv.includes('--check');

const jsonSchema = createGenerator({
  path: SOURCE,
  tsconfig: 'tsconfig.base.json',
  type: 'ApiResponses',
  expose: 'export',
  topRef: false,
  jsDoc: 'extended',
  skipTypeCheck: true,
  // Interfaces are closed: a field the type does not name is a leak the fuzz suite reports.
  additionalProperties: false,
}).createSchema('ApiResponses');

// `Page<EventSummary>` is not a valid component name in OpenAPI.
const componentName = (definition) =>
  decodeURIComponent(definition)
    .replace(/[<>,\s]+/g, '_')
    .replace(/_+$/, '');

/** JSON Schema (draft 7, as generated) → the OpenAPI 3.0 dialect @nestjs/swagger writes. */
function toOpenApi(schema) {
  if (Array.isArray(schema)) return schema.map(toOpenApi);
  if (typeof schema !== 'object' || schema === null) return schema;
  const out = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === '$ref')
      out.$ref = `#/components/schemas/${componentName(value.replace('#/definitions/', ''))}`;
    else if (key === 'const') out.enum = [value];
    else if (key === 'properties' || key === 'definitions')
      out[key] = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toOpenApi(v)]));
    else if (key === 'items' && Array.isArray(value))
      throw new Error('tuples have no OpenAPI 3.0 form: use an array type');
    else out[key] = toOpenApi(value);
  }
  // type: ['string', 'null'] → type: 'string', nullable: true
  if (Array.isArray(out.type)) {
    const types = out.type.filter((t) => t !== 'null');
    if (types.length < out.type.length) out.nullable = true;
    if (types.length === 1) out.type = types[0];
    else {
      delete out.type;
      out.anyOf = types.map((type) => ({ type }));
    }
  }
  // anyOf: [X, {type: 'null'}] → X, nullable (a $ref cannot take siblings in 3.0: wrap it in allOf)
  for (const key of ['anyOf', 'oneOf']) {
    if (!out[key]) continue;
    const rest = out[key].filter((s) => s.type !== 'null' || Object.keys(s).length > 1);
    if (rest.length === out[key].length) continue;
    delete out[key];
    out.nullable = true;
    if (rest.length > 1) out[key] = rest;
    else if (rest[0].$ref) out.allOf = [rest[0]];
    else Object.assign(out, rest[0], { nullable: true });
  }
  // enum with null → nullable enum
  if (Array.isArray(out.enum) && out.enum.includes(null)) {
    out.enum = out.enum.filter((v) => v !== null);
    out.nullable = true;
  }
  return out;
}

const openApi = toOpenApi(jsonSchema);
const schemas = {};
for (const [name, definition] of Object.entries(openApi.definitions ?? {}))
  schemas[componentName(name)] = definition;
// Each name of ApiResponses is a component: usually the interface itself, else a reference to it.
for (const [name, property] of Object.entries(openApi.properties)) {
  if (property.$ref === `#/components/schemas/${name}`) continue;
  if (schemas[name]) throw new Error(`${name} names two different shapes`);
  schemas[name] = property;
}
const sorted = Object.fromEntries(
  Object.keys(schemas)
    .sort()
    .map((k) => [k, schemas[k]]),
);
const text = `${JSON.stringify(sorted, null, 2)}\n`;

if (check) {
  let committed = '';
  try {
    committed = readFileSync(TARGET, 'utf8');
  } catch {
    // missing: reported below
  }
  if (committed !== text) {
    console.error(`${TARGET} is out of date with ${SOURCE}: run npm run openapi:schemas`);
    process.exit(1);
  }
  console.log(`${TARGET}: ${Object.keys(sorted).length} schemas, up to date`);
} else {
  writeFileSync(TARGET, text);
  console.log(`${TARGET}: ${Object.keys(sorted).length} schemas written`);
}
