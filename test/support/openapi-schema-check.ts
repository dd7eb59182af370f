/**
 * A small checker for the OpenAPI 3.0 schemas Nest's Swagger module writes (type, properties,
 * required, items, enum, nullable, allOf, $ref, uuid and date-time formats). It answers the list of
 * problems, empty when the value matches — enough to hold responses to what the document promises.
 */

export type Schema = Record<string, unknown> & {
  $ref?: string;
  type?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  nullable?: boolean;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  format?: string;
  additionalProperties?: boolean | Schema;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  example?: unknown;
  default?: unknown;
};

export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
}

export interface Operation {
  operationId?: string;
  parameters?: { name: string; in: 'path' | 'query' | 'header'; required?: boolean; schema?: Schema }[];
  requestBody?: { required?: boolean; content: Record<string, { schema?: Schema }> };
  responses?: Record<string, { description?: string; content?: Record<string, { schema?: Schema }> }>;
  security?: unknown[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function resolve(doc: OpenApiDocument, schema: Schema): Schema {
  let s = schema;
  for (let depth = 0; s.$ref && depth < 20; depth++) {
    const name = s.$ref.replace('#/components/schemas/', '');
    const target = doc.components?.schemas?.[name];
    if (!target) throw new Error(`unresolved $ref ${s.$ref}`);
    s = { ...target, ...(s.nullable ? { nullable: true } : {}) };
  }
  return s;
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/** Problems of `value` against `schema`, each with its JSON path. */
export function schemaProblems(doc: OpenApiDocument, schema: Schema, value: unknown, path = '$'): string[] {
  const s = resolve(doc, schema);
  if (value === null) return s.nullable ? [] : [`${path}: null where ${s.type ?? 'a value'} is not nullable`];
  const problems: string[] = [];
  for (const part of s.allOf ?? []) problems.push(...schemaProblems(doc, part, value, path));
  const alternatives = s.oneOf ?? s.anyOf;
  if (alternatives && !alternatives.some((alt) => schemaProblems(doc, alt, value, path).length === 0))
    problems.push(`${path}: matches none of ${alternatives.length} alternatives`);
  if (s.enum && !s.enum.includes(value)) problems.push(`${path}: ${JSON.stringify(value)} not in enum`);
  const actual = typeOf(value);
  switch (s.type) {
    case undefined:
      break;
    case 'integer':
      if (actual !== 'integer') problems.push(`${path}: ${actual} where integer expected`);
      break;
    case 'number':
      if (actual !== 'integer' && actual !== 'number')
        problems.push(`${path}: ${actual} where number expected`);
      break;
    case 'string':
      if (actual !== 'string') problems.push(`${path}: ${actual} where string expected`);
      else if (s.format === 'uuid' && !UUID.test(value as string)) problems.push(`${path}: not a uuid`);
      else if (s.format === 'date-time' && Number.isNaN(Date.parse(value as string)))
        problems.push(`${path}: not a date-time`);
      break;
    case 'array':
      if (actual !== 'array') problems.push(`${path}: ${actual} where array expected`);
      else if (s.items)
        (value as unknown[]).forEach((item, i) =>
          problems.push(...schemaProblems(doc, s.items as Schema, item, `${path}[${i}]`)),
        );
      break;
    case 'object': {
      if (actual !== 'object') {
        problems.push(`${path}: ${actual} where object expected`);
        break;
      }
      const record = value as Record<string, unknown>;
      for (const key of s.required ?? [])
        if (!(key in record)) problems.push(`${path}.${key}: required but missing`);
      for (const [key, propSchema] of Object.entries(s.properties ?? {}))
        if (key in record && record[key] !== undefined)
          problems.push(...schemaProblems(doc, propSchema, record[key], `${path}.${key}`));
      if (s.additionalProperties === false)
        for (const key of Object.keys(record))
          if (!s.properties?.[key]) problems.push(`${path}.${key}: not allowed`);
      break;
    }
    default:
      if (actual !== s.type) problems.push(`${path}: ${actual} where ${s.type} expected`);
  }
  return problems;
}

/** The body of every error response (docs/api.md): `{statusCode, code, message, details?, requestId}`. */
export const ERROR_BODY_SCHEMA: Schema = {
  type: 'object',
  required: ['statusCode', 'code', 'message', 'requestId'],
  additionalProperties: false,
  properties: {
    statusCode: { type: 'integer' },
    code: { type: 'string' },
    message: { type: 'string' },
    requestId: { type: 'string' },
    details: {},
  },
};

/** Error body problems, including a code in UPPER_SNAKE_CASE, a non-empty message and a matching status. */
export function errorBodyProblems(doc: OpenApiDocument, status: number, body: unknown): string[] {
  const problems = schemaProblems(doc, ERROR_BODY_SCHEMA, body);
  if (problems.length) return problems;
  const b = body as { statusCode: number; code: string; message: string; details?: unknown };
  if (b.statusCode !== status) problems.push(`$.statusCode ${b.statusCode} but HTTP status ${status}`);
  if (!/^[A-Z][A-Z0-9_]*$/.test(b.code))
    problems.push(`$.code ${JSON.stringify(b.code)} is not a stable code`);
  if (!b.message) problems.push('$.message is empty');
  if (b.details !== undefined && (typeof b.details !== 'object' || b.details === null))
    problems.push('$.details is neither a list nor an object');
  if (Array.isArray(b.details))
    b.details.forEach((d: unknown, i) => {
      const f = d as { field?: unknown; messages?: unknown };
      if (typeof f?.field !== 'string' || !Array.isArray(f.messages))
        problems.push(`$.details[${i}] is not {field, messages, rules?}`);
    });
  return problems;
}

/**
 * Problems of one answer against its operation: an error has the shape of docs/api.md; a success has a
 * documented status and media type, no body on 204, and a JSON body matching its schema. `text` is
 * the body when it is text (a file streamed out is not read).
 */
export function answerProblems(
  doc: OpenApiDocument,
  operation: Operation,
  status: number,
  mediaType: string,
  text: string | undefined,
): string[] {
  const json = (): { value?: unknown; problem?: string } => {
    try {
      return { value: text ? JSON.parse(text) : undefined };
    } catch {
      return { problem: `not JSON: ${text!.slice(0, 120)}` };
    }
  };
  if (status >= 400) {
    if (mediaType !== 'application/json') return [`error answered as ${mediaType || 'no content type'}`];
    if (text === undefined) return [];
    const body = json();
    return body.problem ? [body.problem] : errorBodyProblems(doc, status, body.value);
  }
  if (status < 200 || status >= 300) return [];
  const documented = operation.responses?.[String(status)];
  if (!documented) return [`status ${status} is not documented`];
  if (status === 204) return text ? [`204 with a body: ${text.slice(0, 120)}`] : [];
  const content = documented.content?.[mediaType];
  if (!content)
    return [
      `answered ${mediaType || 'no content type'}, documented ${Object.keys(documented.content ?? {}).join(', ') || 'no body'}`,
    ];
  if (mediaType !== 'application/json' || !content.schema || text === undefined) return [];
  const body = json();
  return body.problem ? [body.problem] : schemaProblems(doc, content.schema, body.value);
}

/** Anything that looks like a stack trace, a source path or a database error in a response body. */
export function leaksInternals(text: string): string | undefined {
  const patterns: [string, RegExp][] = [
    ['stack frame', /\n\s+at [\w.<>$[\] ]+ \(?[^\s)]*:\d+:\d+\)?/],
    ['stack frame', /\bat (?:async )?[\w.<>$]+ \((?:\/|node:|file:)[^)]*:\d+:\d+\)/],
    ['source path', /(?:node_modules\/|\/apps\/api\/src\/|\.ts:\d+:\d+)/],
    [
      'database error',
      /QueryFailedError|TypeORMError|EntityPropertyNotFound|duplicate key value|violates (?:foreign key|check|not-null|unique) constraint|invalid input syntax for type|syntax error at or near/i,
    ],
    ['error class', /\b(?:TypeError|ReferenceError|RangeError|SyntaxError): /],
  ];
  for (const [name, re] of patterns) if (re.test(text)) return name;
  return undefined;
}
