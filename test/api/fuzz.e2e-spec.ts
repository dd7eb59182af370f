import fc from 'fast-check';
import { ATTACK_BODIES, requestArbitrary, type FuzzRequest } from '../support/openapi-arbitraries';
import { fuzzWorld, type FuzzWorld } from '../support/openapi-fixtures';
import { answerProblems, leaksInternals, type Operation } from '../support/openapi-schema-check';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * Property-based fuzzing of every operation of the OpenAPI document: valid requests from the
 * schemas, then mutated ones, sent with real tokens to the running app. Whatever comes in, the app
 * answers without a 5xx, without a stack trace, and with the body its document (or the error shape
 * of docs/api.md) promises. A failure prints the seed: `FUZZ_SEED=<n>` reproduces the same requests.
 */

const SEED = Number(process.env.FUZZ_SEED ?? 20261127);
const PER_OPERATION = Number(process.env.FUZZ_PER_OPERATION ?? 135);
const CONCURRENCY = 8;

const clip = (s: string, n = 160) => (s.length > n ? `${s.slice(0, n)}…(${s.length} chars)` : s);

type Actor = 'admin' | 'organizer' | 'founder' | 'mentor' | 'anonymous';
const actorArb = fc.constantFrom<Actor>(
  ...([
    'admin',
    'admin',
    'admin',
    'admin',
    'organizer',
    'organizer',
    'founder',
    'founder',
    'founder',
  ] as const),
  'mentor',
  'anonymous',
);

interface Planned {
  op: string;
  operation: Operation;
  actor: Actor;
  request: FuzzRequest;
}

interface Outcome {
  status: number;
  problems: string[];
  kind: '5xx' | 'stack' | 'schema' | undefined;
}

interface Row {
  op: string;
  requests: number;
  ok: number;
  client: number;
  server: number;
  stack: number;
  mismatch: number;
  declared: boolean;
  ms: number;
}

describe('fuzzing every operation of the OpenAPI document', () => {
  let t: TestApp;
  let world: FuzzWorld;
  beforeAll(async () => {
    t = await startTestApp();
    world = await fuzzWorld(t);
  }, 120_000);
  afterAll(() => t?.close());

  // Found by this fuzzer (seed 20261127): class-validator's IsNumber({ maxDecimalPlaces }) threw a
  // TypeError on numbers printed in exponent form, a 500 instead of a 400.
  it('refuses a completion share in exponent form with 400, not 500', async () => {
    const [eventId] = world.ids('/api/events/{id}', 'id');
    for (const share of [9e-323, 1e-7, 5e-324]) {
      const res = await t.http
        .patch(`/api/events/${eventId}`)
        .set(world.actors.admin.auth)
        .set('Accept-Language', 'en')
        .send({ completionShare: share })
        .expect(400);
      expect(res.body.details).toContainEqual(
        expect.objectContaining({
          field: 'completionShare',
          rules: expect.arrayContaining(['maxDecimalPlaces']),
        }),
      );
    }
  });

  // Issue 15, point 7: 10,000 levels of nesting answered 500 (the validation pipe's stack), and
  // anonymous 600 KB bodies were parsed before the guard refused them.
  it('answers deep, large, wide and long bodies on every operation with 4xx, anonymous or signed in', async () => {
    const { doc } = world;
    const operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops)
        .filter(([method]) => method !== 'get')
        .map(([method, operation]) => ({ path, method, operation })),
    );
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    let sent = 0;
    for (const { path, method, operation } of operations) {
      const url = path.replace(
        /\{(\w+)\}/g,
        (_, name: string) => world.ids(path, name)[0] ?? crypto.randomUUID(),
      );
      // A route without a body ignores one within the limits and acts (logging out, cancelling):
      // those get only the shapes refused before any handler runs.
      const shapes = operation.requestBody ? ATTACK_BODIES : ATTACK_BODIES.filter((a) => !a.withinLimits);
      for (const actor of ['anonymous', 'admin', 'founder'] as const) {
        const answers = await Promise.all(
          shapes.map(async ({ label, body }) => {
            const headers: Record<string, string> = {
              'content-type': 'application/json',
              'accept-language': 'en',
              ...(actor !== 'anonymous' && { authorization: `Bearer ${world.actors[actor].token}` }),
            };
            try {
              const res = await fetch(`${t.url}${url}`, { method: method.toUpperCase(), headers, body });
              const text = await res.text();
              const media = (res.headers.get('content-type') ?? '').split(';')[0].trim();
              const problems = [
                ...(res.status >= 500 ? [`status ${res.status}`] : []),
                ...(leaksInternals(text) ? ['leaks internals'] : []),
                ...answerProblems(doc, operation, res.status, media, text),
              ];
              return { label, status: res.status, problems };
            } catch (err) {
              return { label, status: 599, problems: [`connection failed: ${String(err)}`] };
            }
          }),
        );
        for (const a of answers) {
          sent++;
          statuses.set(a.status, (statuses.get(a.status) ?? 0) + 1);
          if (a.problems.length)
            failures.push(
              `${method.toUpperCase()} ${path} as ${actor}, ${a.label}: ${a.status} ${a.problems.join('; ')}`,
            );
        }
      }
    }
    process.stdout.write(
      `\nAttack bodies: ${sent} requests over ${operations.length} operations; statuses ${JSON.stringify(Object.fromEntries(statuses))}\n`,
    );
    expect(failures).toEqual([]);
    expect(sent).toBeGreaterThanOrEqual(operations.length * 3 * (ATTACK_BODIES.length - 1));
    expect([...statuses.keys()].every((s) => s >= 400 && s < 500)).toBe(true);
    await t.http.get('/api/health').expect(200);
  }, 600_000);

  it(`answers ${PER_OPERATION} generated requests per operation without a 5xx, a stack trace or an undocumented body`, async () => {
    const { doc } = world;
    const operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, operation]) => ({ path, method, operation })),
    );
    expect(operations.length).toBeGreaterThan(60);

    const plan: Planned[] = operations.flatMap(({ path, method, operation }, index) => {
      const op = `${method.toUpperCase()} ${path}`;
      const arb = fc.tuple(requestArbitrary(doc, method, path, operation, world.ids), actorArb);
      return fc
        .sample(arb, { seed: SEED + index, numRuns: PER_OPERATION })
        .map(([request, actor]) => ({ op, operation, actor, request }));
    });

    const rows = new Map<string, Row>(
      operations.map(({ path, method, operation }) => {
        const op = `${method.toUpperCase()} ${path}`;
        const declared = successDeclared(operation);
        return [op, { op, requests: 0, ok: 0, client: 0, server: 0, stack: 0, mismatch: 0, declared, ms: 0 }];
      }),
    );
    const failures: string[] = [];
    const started = Date.now();

    let next = 0;
    const worker = async () => {
      while (next < plan.length) {
        const item = plan[next++];
        const sentAt = Date.now();
        const outcome = await send(item);
        const row = rows.get(item.op)!;
        row.ms += Date.now() - sentAt;
        row.requests++;
        if (outcome.status >= 500) row.server++;
        else if (outcome.status >= 400) row.client++;
        else row.ok++;
        if (outcome.kind === 'stack') row.stack++;
        if (outcome.kind === 'schema') row.mismatch++;
        if (outcome.kind && failures.length < 40)
          failures.push(
            `${outcome.kind} ${outcome.status} ${item.actor} ${item.request.method} ${clip(item.request.path)}` +
              `${item.request.query.length ? `?${clip(new URLSearchParams(item.request.query).toString())}` : ''}` +
              ` [${item.request.mutation}] body=${clip(item.request.body ?? '')}\n    ${outcome.problems.join('\n    ')}`,
          );
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    const seconds = (Date.now() - started) / 1000;

    const table = [...rows.values()];
    const total = table.reduce((n, r) => n + r.requests, 0);
    const sum = (k: keyof Row) => table.reduce((n, r) => n + (r[k] as number), 0);
    const withSchema = table.filter((r) => r.declared).length;
    const lines = [
      `Fuzzing, seed ${SEED}: ${total} requests over ${table.length} operations in ${seconds.toFixed(1)} s`,
      `operations whose success answer is documented (a JSON schema, a file type or 204): ${withSchema}, without: ${table.length - withSchema}`,
      `${'operation'.padEnd(58)} ${'req'.padStart(5)} ${'2xx'.padStart(5)} ${'4xx'.padStart(5)} ${'5xx'.padStart(4)} ${'stack'.padStart(5)} ${'schema'.padStart(6)} ${'avg ms'.padStart(6)}  2xx schema`,
      ...table.map(
        (r) =>
          `${r.op.padEnd(58)} ${String(r.requests).padStart(5)} ${String(r.ok).padStart(5)} ${String(r.client).padStart(5)} ${String(r.server).padStart(4)} ${String(r.stack).padStart(5)} ${String(r.mismatch).padStart(6)} ${String(Math.round(r.ms / r.requests)).padStart(6)}  ${r.declared ? 'declared' : '-'}`,
      ),
      `${'total'.padEnd(58)} ${String(total).padStart(5)} ${String(sum('ok')).padStart(5)} ${String(sum('client')).padStart(5)} ${String(sum('server')).padStart(4)} ${String(sum('stack')).padStart(5)} ${String(sum('mismatch')).padStart(6)}`,
    ];
    process.stdout.write(`\n${lines.join('\n')}\n`);
    if (failures.length)
      process.stdout.write(`\nFirst failures (reproduce with FUZZ_SEED=${SEED}):\n${failures.join('\n')}\n`);

    expect(table.filter((r) => !r.declared).map((r) => r.op)).toEqual([]);
    expect(total).toBeGreaterThanOrEqual(PER_OPERATION * table.length);
    expect(Math.min(...table.map((r) => r.requests))).toBeGreaterThanOrEqual(PER_OPERATION);
    expect({ seed: SEED, failures }).toEqual({ seed: SEED, failures: [] });
    // Not only refusals: a share of generated requests must get through to the services.
    expect(sum('ok')).toBeGreaterThan(total * 0.1);
  }, 1_500_000);

  async function send(item: Planned): Promise<Outcome> {
    const { request, actor, op } = item;
    const headers: Record<string, string> = { 'accept-language': 'en', ...request.headers };
    let token: string | undefined;
    if (op === 'POST /api/auth/logout')
      token = actor === 'anonymous' ? undefined : await world.disposableToken();
    else if (actor !== 'anonymous') token = world.actors[actor].token;
    if (token) headers.authorization = `Bearer ${token}`;
    const hasBody = request.body !== undefined && request.method !== 'GET';
    if (hasBody) headers['content-type'] = 'application/json';
    const query = request.query.length ? `?${new URLSearchParams(request.query).toString()}` : '';
    let res: Response;
    try {
      res = await fetch(`${t.url}${request.path}${query}`, {
        method: request.method,
        headers,
        body: hasBody ? request.body : undefined,
      });
    } catch (err) {
      return { status: 599, problems: [`connection failed: ${String(err)}`], kind: '5xx' };
    }
    const text = await res.text();
    const status = res.status;
    if (status >= 500) return { status, problems: [text.slice(0, 300)], kind: '5xx' };
    const leak = leaksInternals(text);
    if (leak) return { status, problems: [`${leak}: ${text.slice(0, 300)}`], kind: 'stack' };
    const mediaType = (res.headers.get('content-type') ?? '').split(';')[0].trim();
    const problems = answerProblems(world.doc, item.operation, status, mediaType, text);
    return { status, problems, kind: problems.length ? 'schema' : undefined };
  }
});

/** The operation documents each success: a JSON body with its schema, a file type, or 204 No Content. */
function successDeclared(operation: Operation): boolean {
  const successes = Object.entries(operation.responses ?? {}).filter(([status]) => status.startsWith('2'));
  return (
    successes.length > 0 &&
    successes.every(([status, r]) => {
      if (status === '204') return !r.content;
      const media = Object.entries(r.content ?? {});
      return media.length > 0 && media.every(([type, m]) => type !== 'application/json' || !!m.schema);
    })
  );
}
