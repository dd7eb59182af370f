import type { UserView } from '@wutong/shared';
import fc from 'fast-check';
import { FORBIDDEN_FIELDS, validValue } from '../support/openapi-arbitraries';
import { fuzzWorld, type FuzzWorld } from '../support/openapi-fixtures';
import { resolve, type Operation, type Schema } from '../support/openapi-schema-check';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * No mass assignment: for every operation of the OpenAPI document that takes a JSON body, a field
 * the body does not declare (role, userId, organizationId, status, seatsTaken, __proto__,
 * constructor, id) is refused with 400 — at the top and inside nested objects — and so are nested
 * objects of the wrong shape. Nothing is written: the caller's roles and the seat counts stay put.
 */

const SEED = 8_2026;

interface BodyOperation {
  op: string;
  method: string;
  path: string;
  schema: Schema;
}

describe('no mass assignment through any request body', () => {
  let t: TestApp;
  let world: FuzzWorld;
  let operations: BodyOperation[];
  beforeAll(async () => {
    t = await startTestApp();
    world = await fuzzWorld(t);
    operations = Object.entries(world.doc.paths).flatMap(([template, ops]) =>
      Object.entries(ops).flatMap(([method, operation]: [string, Operation]) => {
        const schema = operation.requestBody?.content['application/json']?.schema;
        if (!schema) return [];
        const path = template.replace(/\{(\w+)\}/g, (_, name: string) => {
          const real = world.ids(template, name);
          return encodeURIComponent(real[0] ?? '00000000-0000-4000-8000-000000000000');
        });
        return [{ op: `${method.toUpperCase()} ${template}`, method: method.toUpperCase(), path, schema }];
      }),
    );
  }, 120_000);
  afterAll(() => t?.close());

  /** A body valid by the schema, the same on every run. */
  const validBody = (o: BodyOperation, index: number) =>
    fc.sample(
      validValue(world.doc, o.schema, 'body', (name) => world.ids(o.path, name)),
      { seed: SEED + index, numRuns: 1 },
    )[0] as Record<string, unknown>;

  const send = (o: BodyOperation, raw: string) =>
    fetch(`${t.url}${o.path}`, {
      method: o.method,
      headers: {
        authorization: `Bearer ${world.actors.admin.token}`,
        'content-type': 'application/json',
        'accept-language': 'en',
      },
      body: raw,
    }).then(async (res) => ({ status: res.status, body: (await res.json()) as Record<string, unknown> }));

  /** `"field": value` added to the object at `path` of the JSON text, `__proto__` kept as a plain key. */
  const withField = (
    body: Record<string, unknown>,
    path: (string | number)[],
    field: string,
    value: unknown,
  ) => {
    const marker = '__mass_assignment_marker__';
    const copy = JSON.parse(JSON.stringify(body)) as Record<string, unknown>;
    let target: Record<string | number, unknown> = copy;
    for (const key of path) target = target[key] as Record<string | number, unknown>;
    target[marker] = value;
    return JSON.stringify(copy).replace(`"${marker}"`, JSON.stringify(field));
  };

  /** Paths of the nested objects a body declares (`company`, `sessions.0`, `walkIn`…). */
  const nestedObjects = (schema: Schema, body: unknown, prefix: (string | number)[] = []) => {
    const found: { path: (string | number)[]; schema: Schema }[] = [];
    const s = resolve(world.doc, schema);
    const inner = s.allOf?.length === 1 ? resolve(world.doc, s.allOf[0]) : s;
    if (!inner.properties || !body || typeof body !== 'object') return found;
    for (const [key, prop] of Object.entries(inner.properties)) {
      const value = (body as Record<string, unknown>)[key];
      const p = resolve(world.doc, prop);
      const propInner = p.allOf?.length === 1 ? resolve(world.doc, p.allOf[0]) : p;
      if (propInner.properties && value && typeof value === 'object' && !Array.isArray(value)) {
        found.push({ path: [...prefix, key], schema: propInner });
        found.push(...nestedObjects(propInner, value, [...prefix, key]));
      }
      if (p.type === 'array' && p.items && Array.isArray(value) && value.length) {
        const item = resolve(world.doc, p.items);
        if (item.properties && value[0] && typeof value[0] === 'object') {
          found.push({ path: [...prefix, key, 0], schema: item });
          found.push(...nestedObjects(item, value[0], [...prefix, key, 0]));
        }
      }
    }
    return found;
  };

  const declared = (schema: Schema) => {
    const s = resolve(world.doc, schema);
    return new Set(
      Object.keys((s.allOf?.length === 1 ? resolve(world.doc, s.allOf[0]) : s).properties ?? {}),
    );
  };

  const refusal = (field: string, dotted: string, res: { status: number; body: Record<string, unknown> }) => {
    if (res.status !== 400) return `answered ${res.status} ${String(res.body.code)}`;
    // Fastify's JSON parser refuses prototype poisoning outright; anything else is named by the validator.
    if (field === '__proto__')
      return res.body.code === 'BAD_REQUEST' ? undefined : `code ${String(res.body.code)}`;
    if (res.body.code !== 'VALIDATION_FAILED') return `code ${String(res.body.code)}`;
    const details = (res.body.details ?? []) as { field: string; rules?: string[] }[];
    const named = details.some((d) => d.field === dotted && d.rules?.includes('whitelistValidation'));
    return named ? undefined : `details do not name ${dotted}: ${JSON.stringify(details).slice(0, 200)}`;
  };

  it('refuses every undeclared sensitive field at the top of every body with 400', async () => {
    expect(operations.length).toBeGreaterThan(25);
    const failures: string[] = [];
    let checked = 0;
    for (const [index, o] of operations.entries()) {
      const body = validBody(o, index);
      if (!body || typeof body !== 'object' || Array.isArray(body)) continue;
      const own = declared(o.schema);
      for (const field of FORBIDDEN_FIELDS) {
        if (own.has(field)) continue;
        const value =
          field === 'constructor' ? 'x' : field === 'role' ? 'admin' : field === 'status' ? 'confirmed' : 0;
        const res = await send(o, withField(body, [], field, value));
        checked++;
        const problem = refusal(field, field, res);
        if (problem) failures.push(`${o.op} + ${field}: ${problem}`);
      }
    }
    process.stdout.write(
      `\nMass assignment, top level: ${checked} (operation, field) pairs over ${operations.length} operations with a body\n`,
    );
    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThan(150);
  }, 300_000);

  it('refuses undeclared fields inside nested objects and nested objects of the wrong shape', async () => {
    const failures: string[] = [];
    let checked = 0;
    for (const [index, o] of operations.entries()) {
      const body = validBody(o, index);
      for (const nested of nestedObjects(o.schema, body)) {
        const dotted = nested.path.join('.');
        const own = declared(nested.schema);
        for (const field of ['role', 'userId', 'seatsTaken', '__proto__', 'constructor'] as const) {
          if (own.has(field)) continue;
          const res = await send(o, withField(body, nested.path, field, field === 'role' ? 'admin' : 1));
          checked++;
          const problem = refusal(field, `${dotted}.${field}`, res);
          if (problem) failures.push(`${o.op} ${dotted} + ${field}: ${problem}`);
        }
        // The nested object replaced by a string, a number, a list or a deep tree of objects.
        for (const malformed of ['acme', 42, [{ role: 'admin' }], { a: { b: { c: { d: {} } } } }]) {
          const copy = JSON.parse(JSON.stringify(body)) as Record<string | number, unknown>;
          let target = copy;
          for (const key of nested.path.slice(0, -1))
            target = target[key] as Record<string | number, unknown>;
          target[nested.path[nested.path.length - 1]] = malformed;
          const res = await send(o, JSON.stringify(copy));
          checked++;
          if (res.status !== 400 || res.body.code !== 'VALIDATION_FAILED')
            failures.push(
              `${o.op} ${dotted} := ${JSON.stringify(malformed)}: ${res.status} ${String(res.body.code)}`,
            );
        }
      }
    }
    process.stdout.write(`\nMass assignment, nested: ${checked} requests\n`);
    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThan(20);
  }, 300_000);

  it('leaves a founder a founder and a seat counter unchanged after such attempts', async () => {
    const { founder } = world.actors;
    const auth = { authorization: `Bearer ${founder.token}`, 'content-type': 'application/json' };
    const before = (await (await fetch(`${t.url}/api/me`, { headers: auth })).json()) as UserView;
    for (const raw of [
      '{"displayName":"x","role":"admin"}',
      '{"displayName":"x","roles":["admin"]}',
      '{"displayName":"x","constructor":{"prototype":{"roles":["admin"]}}}',
      '{"displayName":"x","__proto__":{"roles":["admin"]}}',
    ]) {
      const res = await fetch(`${t.url}/api/me`, { method: 'PATCH', headers: auth, body: raw });
      expect(res.status).toBe(400);
    }
    const after = (await (await fetch(`${t.url}/api/me`, { headers: auth })).json()) as UserView;
    expect(after.roles).toEqual(before.roles);
    expect(after.displayName).toBe(before.displayName);

    const [eventId] = world.ids('/api/events/{id}', 'id');
    const seats = async () =>
      (
        (await (await fetch(`${t.url}/api/events/${eventId}`, { headers: auth })).json()) as {
          seatsTaken: number;
        }
      ).seatsTaken;
    const taken = await seats();
    const res = await fetch(`${t.url}/api/events/${eventId}`, {
      method: 'PATCH',
      headers: { ...auth, authorization: `Bearer ${world.actors.admin.token}` },
      body: JSON.stringify({ seatsTaken: 0, status: 'completed' }),
    });
    expect(res.status).toBe(400);
    expect(await seats()).toBe(taken);
    expect(taken).toBeGreaterThan(0);
  });
});
