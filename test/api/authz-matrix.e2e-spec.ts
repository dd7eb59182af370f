import jwt from 'jsonwebtoken';
import { ACTORS, buildFixtures, type Actor, type Fixtures } from '../support/authz-fixtures';
import { accessLabel, nestRoutes, type NestRoute } from '../support/authz-routes';
import { TABLE, expected, type Expect, type Row, type Target } from '../support/authz-table';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * The authorization matrix (issue #8, point 1): every route Nest serves × every kind of caller ×
 * their own resource, someone else's and a random id, against the expectation table in
 * test/support/authz-table.ts. A route without an access rule, or without a row in the table, fails.
 */

const DENIAL_CODES: Record<number, string> = { 401: 'UNAUTHORIZED', 403: 'FORBIDDEN', 404: 'NOT_FOUND' };

interface Result {
  row: Row;
  /** The actor, or the forged token sent instead of one. */
  who: string;
  target: Target;
  want: Expect;
  status: number;
  code?: string;
  leaked?: string[];
}

function matches(want: Expect, status: number): boolean {
  return want === 'ok' ? status >= 200 && status < 300 : status === want;
}

/**
 * Sends one cell of the matrix. With `forged`, the request is built as the admin's but carries that
 * token instead, and must be answered as an anonymous caller's.
 */
async function send(
  fx: Fixtures,
  row: Row,
  actor: Actor,
  target: Target,
  forged?: { name: string; token: string },
): Promise<Result> {
  const req = row.request ? await row.request({ fx, actor, target }) : {};
  const [method, pattern] = row.route.split(' ');
  const path = pattern.replace(/:(\w+)/g, (_, name: string) => {
    const value = req.params?.[name];
    if (value === undefined) throw new Error(`${row.route}: no value for :${name}`);
    return encodeURIComponent(value);
  });
  const http = fx.t.http as unknown as Record<string, (url: string) => import('supertest').Test>;
  let call = http[method.toLowerCase()](path);
  const token = forged?.token ?? req.token ?? (actor === 'anonymous' ? undefined : fx.users[actor].token);
  if (token) call = call.set('Authorization', `Bearer ${token}`);
  if (req.query) call = call.query(req.query);
  if (req.body !== undefined) call = call.send(req.body as object);
  if (req.multipart) {
    for (const [name, value] of Object.entries(req.multipart.fields)) call = call.field(name, value);
    const { field, data, filename } = req.multipart.file;
    call = call.attach(field, data, filename);
  }
  const res = await call;
  const want = expected(row, forged ? 'anonymous' : actor, target);
  const who = forged?.name ?? actor;
  const result: Result = { row, who, target, want, status: res.status, code: res.body?.code };
  if (res.status >= 200 && res.status < 300 && row.mustNotContain) {
    const text = res.text ?? JSON.stringify(res.body);
    const leaked = row.mustNotContain(fx, forged ? 'anonymous' : actor).filter((id) => text.includes(id));
    if (leaked.length > 0) result.leaked = leaked;
  }
  if (row.after) await row.after(fx);
  return result;
}

describe('authorization matrix', () => {
  let t: TestApp;
  let fx: Fixtures;
  let routes: NestRoute[];
  let fixtureSeconds = 0;

  beforeAll(async () => {
    t = await startTestApp();
    const began = Date.now();
    fx = await buildFixtures(t);
    fixtureSeconds = (Date.now() - began) / 1000;
    routes = nestRoutes(t.app);
  }, 300_000);

  afterAll(async () => {
    await t?.close();
  });

  it('reads a route table from Nest in which every route declares an access rule', () => {
    expect(routes.length).toBeGreaterThan(50);
    const undeclared = routes.filter((r) => !r.access).map((r) => `${r.key} (${r.handler})`);
    expect(undeclared).toEqual([]);
    // Each route of the table is one Fastify really serves (the prefix and parameters are right).
    const fastify = t.app.getHttpAdapter().getInstance();
    const unserved = routes.filter((r) => !fastify.hasRoute({ method: r.method as 'GET', url: r.path }));
    expect(unserved.map((r) => r.key)).toEqual([]);
  });

  it('has exactly one expectation row per route, with the access rule the route declares', () => {
    const byKey = new Map(routes.map((r) => [r.key, r]));
    const rows = TABLE.map((r) => r.route);
    expect(rows.filter((key, i) => rows.indexOf(key) !== i)).toEqual([]);
    // A new route fails here until the table says who may call it.
    expect(routes.filter((r) => !rows.includes(r.key)).map((r) => `${r.key} (${r.handler})`)).toEqual([]);
    expect(rows.filter((key) => !byKey.has(key))).toEqual([]);
    const drifted = TABLE.filter(
      (row) => byKey.has(row.route) && accessLabel(byKey.get(row.route)!.access) !== row.guard,
    ).map(
      (row) => `${row.route}: declares ${accessLabel(byKey.get(row.route)!.access)}, table says ${row.guard}`,
    );
    expect(drifted).toEqual([]);
  });

  it('answers every route × actor × target as expected, with zero unexpected 2xx', async () => {
    const started = Date.now();
    const results: Result[] = [];
    const millis = new Map<Row, number>();
    for (const row of TABLE) {
      const began = Date.now();
      const cells = row.targets.flatMap((target) => ACTORS.map((actor) => ({ actor, target })));
      // One row's requests at once: each names its own fresh resource where it changes one.
      results.push(...(await Promise.all(cells.map(({ actor, target }) => send(fx, row, actor, target)))));
      millis.set(row, Date.now() - began);
    }
    // The admin's own claims under a key the server does not hold, and unsigned (alg "none"): each
    // must count for nothing (401 where a sign-in is needed, an anonymous answer elsewhere).
    const claims = jwt.decode(fx.users.admin.token) as jwt.JwtPayload;
    const forgeries = [
      {
        name: 'admin token signed with another key',
        token: jwt.sign(claims, 'not-the-server-secret-0123456789abcdef'),
      },
      { name: 'admin token with alg none', token: jwt.sign(claims, '', { algorithm: 'none' }) },
    ];
    const forged: Result[] = [];
    for (const row of TABLE) {
      const cells = forgeries.flatMap((forgery) => row.targets.map((target) => ({ forgery, target })));
      forged.push(
        ...(await Promise.all(cells.map(({ forgery, target }) => send(fx, row, 'admin', target, forgery)))),
      );
    }
    results.push(...forged);
    const seconds = (Date.now() - started) / 1000;

    const is2xx = (s: number) => s >= 200 && s < 300;
    const unexpected2xx = results.filter((r) => is2xx(r.status) && !matches(r.want, r.status));
    const wrong = results.filter((r) => !matches(r.want, r.status));
    const badCodes = results.filter(
      (r) =>
        typeof r.want === 'number' &&
        DENIAL_CODES[r.want] &&
        r.status === r.want &&
        r.code !== DENIAL_CODES[r.want] &&
        r.code !== r.row.refusalCode,
    );
    const leaks = results.filter((r) => r.leaked);
    const neverSucceeded = TABLE.filter(
      (row) => !row.noSuccess && !results.some((r) => r.row === row && is2xx(r.status)),
    );

    // One line per route: the rule and how its requests were answered.
    const lines = TABLE.map((row) => {
      const mine = results.filter((r) => r.row === row);
      const count = (f: (s: number) => boolean) => mine.filter((r) => f(r.status)).length;
      return [
        row.route.padEnd(52),
        row.guard.padEnd(22),
        String(mine.length).padStart(3),
        String(count(is2xx)).padStart(4),
        String(count((s) => s === 401)).padStart(4),
        String(count((s) => s === 403)).padStart(4),
        String(count((s) => s === 404)).padStart(4),
        String(count((s) => !is2xx(s) && ![401, 403, 404].includes(s))).padStart(5),
        String(millis.get(row)).padStart(6),
        `  ${row.rule.label}`,
      ].join(' ');
    });
    const header = `${'route'.padEnd(52)} ${'declared'.padEnd(22)} req  2xx  401  403  404 other     ms  who may (beyond the guard)`;
    console.log(
      [
        'Authorization matrix',
        header,
        ...lines,
        '',
        `routes ${TABLE.length} · actors ${ACTORS.length} (${ACTORS.join(', ')}) + ${forgeries.length} forged admin tokens` +
          ` · requests ${results.length} (forged ${forged.length})` +
          ` · 2xx ${results.filter((r) => is2xx(r.status)).length}` +
          ` · refused 401/403/404 ${results.filter((r) => [401, 403, 404].includes(r.status)).length}` +
          ` · unexpected 2xx ${unexpected2xx.length} · other mismatches ${wrong.length - unexpected2xx.length}` +
          ` · ${seconds.toFixed(1)} s (fixtures ${fixtureSeconds.toFixed(1)} s)`,
      ].join('\n'),
    );

    const describe = (r: Result) =>
      `${r.row.route} as ${r.who} on ${r.target.name}: expected ${r.want}, got ${r.status}${r.code ? ` ${r.code}` : ''}`;
    expect(unexpected2xx.map(describe)).toEqual([]);
    expect(wrong.map(describe)).toEqual([]);
    expect(badCodes.map(describe)).toEqual([]);
    expect(leaks.map((r) => `${r.row.route} as ${r.who} shows ${r.leaked!.join(', ')}`)).toEqual([]);
    expect(neverSucceeded.map((row) => row.route)).toEqual([]);
  }, 300_000);
});
