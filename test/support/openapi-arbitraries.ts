import fc from 'fast-check';
import { resolve, type OpenApiDocument, type Operation, type Schema } from './openapi-schema-check';

/**
 * fast-check arbitraries built from the OpenAPI document: requests that are valid by the schemas
 * (with real ids from fixtures where a field or path names one), then the same requests mutated —
 * wrong types, huge strings, unicode, negative and huge numbers, bad dates, missing fields, fields
 * that must not be assignable, malformed nesting. The fuzz suite sends them at the running app.
 */

export interface FuzzRequest {
  method: string;
  /** Path with its parameters filled in and encoded, e.g. /api/events/3f…/registrations. */
  path: string;
  query: [string, string][];
  headers: Record<string, string>;
  /** Raw JSON text (mutations may write what JSON.stringify would not, e.g. a `__proto__` key). */
  body?: string;
  /** What was done to the valid request, for the failure report. */
  mutation: string;
}

export interface FuzzIds {
  /** Real ids for a path parameter or a body/query field, by the route and the name. */
  (path: string, name: string): string[];
}

/** Properties a client must never set through a body that does not declare them. */
export const FORBIDDEN_FIELDS = [
  'role',
  'roles',
  'userId',
  'organizationId',
  'status',
  'seatsTaken',
  '__proto__',
  'constructor',
  'id',
] as const;

const CHARS = [...'创业沙龙衡阳高新区路演融资导师孵化abcdefgXYZ0123456789 -_.'];
const text = (min: number, max: number) =>
  fc
    .string({ unit: fc.constantFrom(...CHARS), minLength: Math.max(min, 1), maxLength: Math.max(max, 1) })
    .map((s) => (s.trim() ? s : `x${s}`).slice(0, Math.max(max, 1)));

const DAY = 24 * 3600 * 1000;
/** A date within a year around now, as the ISO instant or in UTC+8 as a founder's browser sends it. */
const isoDate = fc.integer({ min: -60, max: 300 }).chain((days) =>
  fc.constantFrom(0, 11, 14, 19).map((hour) => {
    const ms = Math.floor((Date.now() + days * DAY) / DAY) * DAY + hour * 3600 * 1000;
    return new Date(ms).toISOString();
  }),
);

/** A valid value for `schema`; `name` is the field or parameter name (hints for strings without a format). */
export function validValue(
  doc: OpenApiDocument,
  schema: Schema,
  name: string,
  ids: (name: string) => string[],
  depth = 0,
): fc.Arbitrary<unknown> {
  const s = resolve(doc, schema);
  const base = validNonNull(doc, s, name, ids, depth);
  return s.nullable
    ? fc.oneof({ arbitrary: base, weight: 4 }, { arbitrary: fc.constant(null), weight: 1 })
    : base;
}

function validNonNull(
  doc: OpenApiDocument,
  s: Schema,
  name: string,
  ids: (name: string) => string[],
  depth: number,
): fc.Arbitrary<unknown> {
  if (s.enum?.length) return fc.constantFrom(...s.enum);
  if (s.allOf?.length === 1)
    return validValue(doc, { ...s.allOf[0], nullable: s.nullable }, name, ids, depth);
  const type = s.type ?? (s.properties ? 'object' : typeof s.example === 'number' ? 'number' : 'string');
  const example = s.example;
  switch (type) {
    case 'string': {
      const real = ids(name);
      if (s.format === 'uuid' || /(^id$|Id$)/.test(name))
        return real.length ? fc.oneof(fc.constantFrom(...real), fc.uuid()) : fc.uuid();
      if (/email/i.test(name)) return fc.integer({ min: 0, max: 1e9 }).map((n) => `fuzz.${n}@example.cn`);
      if (/password/i.test(name)) return fc.integer({ min: 0, max: 1e9 }).map((n) => `Fuzz-Horse-${n}`);
      if (/timeZone/.test(name)) return fc.constantFrom('Asia/Shanghai', 'UTC', 'Europe/Berlin');
      if (/locale/i.test(name)) return fc.constantFrom('zh-CN', 'en');
      if (/Url$/.test(name))
        return fc.constantFrom('https://example.cn/x', 'https://meeting.tencent.com/dm/abc');
      if (/phone/i.test(name)) return fc.constantFrom('+86 138 0000 0000', '138 0000 0000', '0734-8888888');
      if (typeof example === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(example))
        return isoDate.map((d) => d.slice(0, 10));
      if (typeof example === 'string' && /^\d{2}:\d{2}$/.test(example))
        return fc.constantFrom('08:00', '09:00', '12:00', '14:00', '17:00', '21:30');
      if (
        s.format === 'date-time' ||
        /(At|^from|^to|^date)$/.test(name) ||
        /^\d{4}-\d{2}-\d{2}T/.test(String(example))
      )
        return isoDate;
      const generated = text(s.minLength ?? 1, Math.min(s.maxLength ?? 40, 40));
      return typeof example === 'string' ? fc.oneof(fc.constant(example), generated) : generated;
    }
    case 'number':
    case 'integer': {
      if (/year/i.test(name)) return fc.integer({ min: 2024, max: 2028 });
      const min = s.minimum ?? (/capacity|Minutes|Hours|max|page/i.test(name) ? 1 : 0);
      const max = s.maximum ?? Math.max(min, typeof example === 'number' ? example * 2 : 100);
      return fc.integer({ min: Math.ceil(min), max: Math.max(Math.ceil(min), Math.floor(max)) });
    }
    case 'boolean':
      return fc.boolean();
    case 'array': {
      if (depth > 4) return fc.constant([]);
      const item = s.items ? validValue(doc, s.items, singular(name), ids, depth + 1) : text(1, 20);
      return fc.array(item, { minLength: (s.minItems as number) ?? 0, maxLength: 3 });
    }
    case 'object': {
      if (!s.properties) return fc.dictionary(fc.oneof(fc.uuid(), text(1, 10)), text(1, 20), { maxKeys: 3 });
      if (depth > 4) return fc.constant({});
      const props: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [key, prop] of Object.entries(s.properties))
        props[key] = validValue(doc, prop, key, ids, depth + 1);
      return fc.record(props, { requiredKeys: s.required ?? [] });
    }
    default:
      return fc.constant(example ?? 'x');
  }
}

const singular = (name: string) => name.replace(/ies$/, 'y').replace(/s$/, '');

// ---- mutations ----------------------------------------------------------------------------------

const hugeString = fc.oneof(
  fc.integer({ min: 1_000, max: 300_000 }).map((n) => 'x'.repeat(n)),
  fc.integer({ min: 1_000, max: 60_000 }).map((n) => '创'.repeat(n)),
  fc.integer({ min: 100, max: 20_000 }).map((n) => '😀\u202e'.repeat(n)),
);
const unicode = fc.oneof(
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 30 }),
  fc.constantFrom(
    '\u0000',
    'a\u0000b',
    '\ud800',
    '\udfff\ud800',
    '\u202e\u202dRTL',
    '\u200b\u200c\u200d\ufeff',
    'Z\u0351\u0368\u0309\u0353\u033a',
    '１２３４',
    '𝟘𝟙𝟚',
    '\r\nBcc: x@example.cn',
    '<script>alert(1)</script>',
    "' OR '1'='1",
    '${jndi:ldap://x}',
    '%00%ff',
    '   ',
    '',
  ),
);
const badNumber = fc.constantFrom(
  -1,
  -0,
  0,
  1.5,
  -2147483649,
  2147483648,
  2 ** 53 + 2,
  -(2 ** 53) - 2,
  1e308,
  -1e308,
  5e-324,
  Number.MAX_SAFE_INTEGER,
);
const badDate = fc.constantFrom(
  '2026-02-30T10:00:00Z',
  '2026-13-01T00:00:00Z',
  '2026-06-09T25:61:00+08:00',
  '0000-00-00',
  '0000-01-01T00:00:00Z',
  '1900-01-01T00:00:00Z',
  '9999-12-31T23:59:59Z',
  '+275760-09-13T00:00:00.000Z',
  '-000001-01-01T00:00:00Z',
  '2026-06-09',
  '2026-06-09T10:00',
  'yesterday',
  'NaN',
  '1e15',
  '24:00',
  '99:99',
);
const wrongType = fc.oneof(
  fc.constantFrom<unknown>(null, true, false, 0, -1, '', 'true', [], {}, [null], { $ne: null }, ['a', 1]),
  fc.integer(),
  fc.double(),
  fc.string({ maxLength: 10 }),
);
const malformedNested = fc.constantFrom<unknown>(
  { a: { b: { c: { d: { e: {} } } } } },
  [[[[[]]]]],
  [{}, { id: 'x' }],
  { '0': 'x', length: 1 },
  { toString: 'x', valueOf: 1, hasOwnProperty: 'x' },
  JSON.parse('{"__proto__":{"isAdmin":true}}'),
  JSON.parse('{"constructor":{"prototype":{"isAdmin":true}}}'),
  deep(200),
);

/**
 * Bodies an attacker sends to tire the server out (issue 15, point 7): nesting thousands of levels
 * deep in a few KB, hundreds of KB, wide arrays, long strings. Raw JSON text: building these as
 * values and stringifying them would recurse as deep as the server must not.
 */
export const ATTACK_BODIES: { label: string; body: string; withinLimits?: true }[] = [
  { label: 'objects nested 10,000 deep', body: `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}` },
  { label: 'arrays nested 10,000 deep (20 KB)', body: `${'['.repeat(10_000)}${']'.repeat(10_000)}` },
  { label: 'nested 33 deep, one past the limit', body: `${'{"a":'.repeat(33)}1${'}'.repeat(33)}` },
  {
    label: 'a 600 KB body of nested objects',
    body: JSON.stringify(
      Array.from({ length: 12_500 }, (_, i) => ({ a: { b: { c: [i, 'x'.repeat(20)] } } })),
    ),
  },
  { label: 'an array of 50,000 empty objects', body: `[${Array(50_000).fill('{}').join(',')}]` },
  {
    label: 'an array of 20,000 zeros (40 KB)',
    body: `{"a":[${Array(20_000).fill('0').join(',')}]}`,
    // Under 64 KB and 2 deep: read and validated; a route without a body ignores it.
    withinLimits: true,
  },
  { label: 'a 60,000-character string', body: JSON.stringify({ a: '创'.repeat(60_000) }) },
];

/** Raw JSON values for one field: nested past the limit, wide, or long (each inside 64 KB or not). */
const attackValue = fc.constantFrom(
  { label: 'nested 10,000 deep', raw: `${'['.repeat(10_000)}${']'.repeat(10_000)}` },
  { label: 'nested 40 deep', raw: `${'{"a":'.repeat(40)}1${'}'.repeat(40)}` },
  { label: '20,000 zeros', raw: `[${Array(20_000).fill('0').join(',')}]` },
  { label: '5,000 empty objects', raw: `[${Array(5_000).fill('{}').join(',')}]` },
  { label: '60,000 characters', raw: JSON.stringify('x'.repeat(60_000)) },
  { label: '200,000 characters', raw: JSON.stringify('创'.repeat(200_000)) },
);

function deep(n: number): unknown {
  let v: unknown = {};
  for (let i = 0; i < n; i++) v = { a: v };
  return v;
}

const junk = fc.oneof(
  { arbitrary: wrongType, weight: 3 },
  { arbitrary: hugeString, weight: 1 },
  { arbitrary: unicode, weight: 2 },
  { arbitrary: badNumber, weight: 2 },
  { arbitrary: badDate, weight: 2 },
  { arbitrary: malformedNested, weight: 1 },
);
const forbiddenValue = fc.constantFrom<unknown>(
  'admin',
  ['admin'],
  '00000000-0000-4000-8000-000000000000',
  'confirmed',
  0,
  { isAdmin: true },
);

type Path = (string | number)[];
const DELETE = Symbol('delete');

function paths(value: unknown, prefix: Path = [], out: Path[] = []): Path[] {
  out.push(prefix);
  if (value && typeof value === 'object' && prefix.length < 6)
    for (const [k, v] of Object.entries(value))
      paths(v, [...prefix, Array.isArray(value) ? Number(k) : k], out);
  return out;
}

function setAt(root: unknown, path: Path, replace: (old: unknown) => unknown): unknown {
  if (path.length === 0) return replace(root);
  const copy = (Array.isArray(root) ? [...(root as unknown[])] : { ...(root as object) }) as Record<
    string | number,
    unknown
  >;
  const [head, ...rest] = path;
  if (rest.length > 0) {
    copy[head] = setAt(copy[head], rest, replace);
    return copy;
  }
  const next = replace(copy[head]);
  if (next !== DELETE) copy[head] = next;
  else if (Array.isArray(copy)) copy.splice(head as number, 1);
  else delete copy[head];
  return copy;
}

/** A mutation of a valid body, with a label for the report. Raw JSON so `__proto__` keys survive. */
export function mutatedBody(valid: fc.Arbitrary<unknown>): fc.Arbitrary<{ body: string; mutation: string }> {
  return valid.chain((value) => {
    const all = paths(value);
    const objects = all.filter((p) => {
      const v = p.reduce<unknown>((o, k) => (o as Record<string | number, unknown>)?.[k], value);
      return v !== null && typeof v === 'object' && !Array.isArray(v);
    });
    const leafs = all.filter((p) => p.length > 0);
    const pick = <T>(list: T[]) => fc.constantFrom(...(list.length ? list : [[] as unknown as T]));
    const label = (p: Path) => (p.length ? p.join('.') : '(body)');
    return fc.oneof(
      // A field replaced by a value of the wrong kind (or the whole body).
      fc.tuple(pick(all), junk).map(([p, j]) => ({
        body: JSON.stringify(setAt(value, p, () => j)) ?? 'null',
        mutation: `${label(p)} := ${describe(j)}`,
      })),
      // A field left out (required or not).
      fc.tuple(pick(leafs)).map(([p]) => ({
        body: JSON.stringify(p.length ? setAt(value, p, () => DELETE) : value) ?? 'null',
        mutation: `without ${label(p)}`,
      })),
      // A field the schema does not declare (mass assignment), at the top or nested.
      fc.tuple(pick(objects), fc.constantFrom(...FORBIDDEN_FIELDS), forbiddenValue).map(([p, field, v]) => ({
        body: withRawField(JSON.stringify(value), p, field, v),
        mutation: `${label(p)} + ${field}`,
      })),
      // A field replaced by something very deep, very wide or very long (raw, never stringified).
      fc.tuple(pick(all), attackValue).map(([p, a]) => ({
        body: withRawValue(value, p, a.raw),
        mutation: `${label(p)} := ${a.label}`,
      })),
      // The whole body one of those shapes.
      fc.constantFrom(...ATTACK_BODIES).map((a) => ({ body: a.body, mutation: `body: ${a.label}` })),
      // Not JSON an object at all.
      fc
        .constantFrom('', 'null', '[]', '"x"', '0', 'true', '{', '{"a":1,}', '\u0000', '['.repeat(5000))
        .map((raw) => ({ body: raw, mutation: `raw ${JSON.stringify(raw.slice(0, 12))}` })),
    );
  });
}

/** Puts raw JSON text at `path` (the whole body for the empty path). */
function withRawValue(root: unknown, path: Path, raw: string): string {
  if (path.length === 0) return raw;
  const marker = `__fuzz_raw_${Math.random().toString(36).slice(2)}__`;
  return JSON.stringify(setAt(root, path, () => marker)).replace(`"${marker}"`, () => raw);
}

/** Adds `"field": value` to the object at `path` inside JSON text (keeps `__proto__` as a plain key). */
function withRawField(json: string, path: Path, field: string, value: unknown): string {
  const root = JSON.parse(json) as unknown;
  const marker = `__fuzz_marker_${Math.random().toString(36).slice(2)}__`;
  const marked = setAt(root, path, (o) => ({ ...(o as object), [marker]: value }));
  return JSON.stringify(marked).replace(`"${marker}"`, JSON.stringify(field));
}

function describe(v: unknown): string {
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 40 ? `${s.slice(0, 30)}…(${s.length} chars)` : s;
}

// ---- whole requests -----------------------------------------------------------------------------

const garbageId = fc.constantFrom(
  '0',
  '-1',
  '123',
  'null',
  'undefined',
  "1' OR '1'='1",
  '../../etc/passwd',
  '%00',
  '%E0%A4%A',
  '00000000-0000-0000-0000-000000000000',
  'FFFFFFFF-FFFF-4FFF-BFFF-FFFFFFFFFFFF',
  '3fa85f64-5717-4562-b3fc-2c963f66afa6x',
  '3fa85f64571745 62b3fc2c963f66afa6',
  'x'.repeat(5000),
  '创业',
  '😀',
  '1e308',
  '2026.5',
);

const asQueryString = (v: unknown) => (typeof v === 'string' ? v : (JSON.stringify(v) ?? ''));

/** Latin-1 printable only: fetch refuses other header values before they leave the client. */
const headerJunk = fc.oneof(
  fc.string({ unit: fc.constantFrom(...'abcXYZ019-_.:;/ '.split('')), maxLength: 300 }),
  fc.constantFrom('', ' ', 'x'.repeat(8000), 'ÿÿÿ', '() { :; }; echo'),
);

export interface RequestOptions {
  /** Share of requests left valid by the schemas (the rest are mutated). */
  validShare: number;
}

/** Requests for one operation: valid by the document with weight `validShare`, otherwise mutated. */
export function requestArbitrary(
  doc: OpenApiDocument,
  method: string,
  template: string,
  op: Operation,
  ids: FuzzIds,
  options: RequestOptions = { validShare: 0.35 },
): fc.Arbitrary<FuzzRequest> {
  const idsFor = (name: string) => ids(template, name);
  const pathParams = (op.parameters ?? []).filter((p) => p.in === 'path');
  const queryParams = (op.parameters ?? []).filter((p) => p.in === 'query');
  const headerParams = (op.parameters ?? []).filter((p) => p.in === 'header');
  const bodySchema = op.requestBody?.content['application/json']?.schema;

  const validPath = fc.record(
    Object.fromEntries(
      pathParams.map((p) => {
        const real = idsFor(p.name);
        const valid = real.length
          ? fc.oneof({ arbitrary: fc.constantFrom(...real), weight: 4 }, { arbitrary: fc.uuid(), weight: 1 })
          : validValue(doc, p.schema ?? { type: 'string' }, p.name, idsFor);
        return [p.name, valid.map(String)];
      }),
    ),
  ) as fc.Arbitrary<Record<string, string>>;
  const validQuery = fc.record(
    Object.fromEntries(
      queryParams.map((p) => [
        p.name,
        validValue(doc, p.schema ?? { type: 'string' }, p.name, idsFor).map(asQueryString),
      ]),
    ),
    { requiredKeys: queryParams.filter((p) => p.required).map((p) => p.name) },
  ) as fc.Arbitrary<Record<string, string>>;
  const validHeaders = fc.record(
    Object.fromEntries(
      headerParams.map((p) => [p.name, fc.constantFrom('Mozilla/5.0 fuzz', 'curl/8.0', 'wutong-fuzz')]),
    ),
    { requiredKeys: [] },
  ) as fc.Arbitrary<Record<string, string>>;
  const validBody = bodySchema ? validValue(doc, bodySchema, 'body', idsFor) : undefined;

  type Parts = {
    path: Record<string, string>;
    query: [string, string][];
    headers: Record<string, string>;
    body?: string;
    mutation: string;
  };
  const valid: fc.Arbitrary<Parts> = fc
    .tuple(validPath, validQuery, validHeaders, validBody ?? fc.constant(undefined))
    .map(([path, query, headers, body]) => ({
      path,
      query: Object.entries(query),
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      mutation: 'valid',
    }));

  // One mutation per request, so a refusal names its cause and the rest of the request stays valid.
  const mutations: fc.WeightedArbitrary<Parts>[] = [
    { arbitrary: valid, weight: Math.round(options.validShare * 100) },
  ];
  const share = (n: number) => Math.max(1, Math.round(((1 - options.validShare) * 100) / n));
  const kinds = [pathParams.length, queryParams.length, headerParams.length, 1].filter(Boolean).length;
  if (pathParams.length)
    mutations.push({
      weight: share(kinds),
      arbitrary: fc
        .tuple(valid, fc.constantFrom(...pathParams.map((p) => p.name)), fc.oneof(garbageId, fc.uuid()))
        .map(([v, name, bad]) => ({
          ...v,
          path: { ...v.path, [name]: bad },
          mutation: `path ${name}=${describe(bad)}`,
        })),
    });
  if (queryParams.length)
    mutations.push({
      weight: share(kinds),
      arbitrary: fc
        .tuple(valid, fc.constantFrom(...queryParams.map((p) => p.name)), junk, fc.boolean())
        .map(([v, name, j, twice]) => {
          const bad = asQueryString(j).slice(0, 3000);
          const kept = v.query.filter(([k]) => twice || k !== name);
          return {
            ...v,
            query: [...kept, [name, bad] as [string, string]],
            mutation: `query ${name}${twice ? ' (twice)' : ''}=${describe(bad)}`,
          };
        }),
    });
  if (headerParams.length)
    mutations.push({
      weight: share(kinds),
      arbitrary: fc
        .tuple(valid, fc.constantFrom(...headerParams.map((p) => p.name)), headerJunk)
        .map(([v, name, bad]) => ({
          ...v,
          headers: { ...v.headers, [name]: bad },
          mutation: `header ${name}=${describe(bad)}`,
        })),
    });
  mutations.push({
    weight: share(kinds),
    arbitrary: validBody
      ? fc
          .tuple(valid, mutatedBody(validBody))
          .map(([v, b]) => ({ ...v, body: b.body, mutation: b.mutation }))
      : fc
          .tuple(
            valid,
            fc.constantFrom('{}', '{"role":"admin"}', '[1]', 'null', ...ATTACK_BODIES.map((a) => a.body)),
          )
          .map(([v, body]) => ({ ...v, body, mutation: `unexpected body ${describe(body)}` })),
  });

  return fc.oneof(...mutations).map((parts) => ({
    method: method.toUpperCase(),
    path: template.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(parts.path[name])),
    query: parts.query,
    headers: parts.headers,
    body: parts.body,
    mutation: parts.mutation,
  }));
}
