import { randomUUID } from 'node:crypto';
import { creditCodeCheckCharacter } from '@wutong/shared';
import { OPEN_ALL_DAY } from '../api/mentors-helpers';
import { FILE_STORAGE, type FileStorage } from '../../apps/api/src/event-images/file-storage';
import { eventBody } from './events';
import type { Actor, Fixtures, Side } from './authz-fixtures';
import { email } from './test-app';

/**
 * The authorization matrix's expectations: one row per route of the API (the test fails when Nest has
 * a route without a row, or a row without a route), each with the access rule the route declares
 * (`guard`, checked against its decorator) and who, beyond the guard, may act on which resource.
 *
 * Targets: `A` is the founder's / the mentor's / carrier A's resource, `B` founder2's / mentor2's /
 * carrier B's; `draftA`/`draftB` are unpublished events; `missing` is a random id; `-` a route without
 * a resource; `base` the base-wide scope of targets and reports.
 *
 * Expectations: `ok` is 2xx; a number is that exact status. Where every authorised request is refused by
 * a business rule (a wrong password, an unknown token), the row says which status and why.
 */
let mobiles = 0;
/** A mainland mobile not used before in this process (the per-number code limits stay out of the way). */
const freshMobile = () => `137${String((process.pid * 10_000 + mobiles++) % 100_000_000).padStart(8, '0')}`;

export type Expect = 'ok' | 400 | 401 | 403 | 404 | 409;

export interface Target {
  name: 'A' | 'B' | 'draftA' | 'draftB' | 'missing' | '-' | 'base';
  side?: Side;
  exists: boolean;
  draft?: boolean;
}

export const TARGETS = {
  none: { name: '-', exists: true },
  A: { name: 'A', side: 'A', exists: true },
  B: { name: 'B', side: 'B', exists: true },
  draftA: { name: 'draftA', side: 'A', exists: true, draft: true },
  draftB: { name: 'draftB', side: 'B', exists: true, draft: true },
  missing: { name: 'missing', exists: false },
  base: { name: 'base', exists: true },
} satisfies Record<string, Target>;

const { none, A, B, draftA, draftB, missing, base } = TARGETS;

export interface Request {
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
  /** Sent instead of the actor's usual token (routes that end the session). */
  token?: string;
  /** A multipart/form-data body instead of JSON: its text fields and one file. */
  multipart?: { fields: Record<string, string>; file: { field: string; data: Buffer; filename: string } };
}

export interface Ctx {
  fx: Fixtures;
  actor: Actor;
  target: Target;
}

export interface Rule {
  /** Who may, in words (printed in the summary). */
  label: string;
  /** The expected answer once the guard let the caller through. */
  decide(actor: Actor, target: Target): Expect;
}

export interface Row {
  route: string;
  /** The declared rule: `public`, `signedIn` or `roles:<sorted roles>`; must match the decorator. */
  guard: string;
  rule: Rule;
  targets: Target[];
  request?(ctx: Ctx): Request | Promise<Request>;
  /** The error code of a business refusal answered with a denial's status (401 INVALID_CODE, not UNAUTHORIZED). */
  refusalCode?: string;
  /** Why no request of the matrix can succeed (else at least one authorised request must answer 2xx). */
  noSuccess?: string;
  /** Ids that must not appear in a 2xx body for that actor (lists that could leak). */
  mustNotContain?(fx: Fixtures, actor: Actor): string[];
  /** Runs after each request (undoes side effects that would change later answers). */
  after?(fx: Fixtures): Promise<void>;
}

// ---- who is who -------------------------------------------------------------------------------------

const ROLES: Record<Actor, string[]> = {
  anonymous: [],
  founder: ['founder'],
  founder2: ['founder'],
  mentor: ['founder', 'mentor'],
  organizerA: ['founder', 'organizer'],
  organizerB: ['founder', 'organizer'],
  admin: ['founder', 'admin'],
  doorStaffA: ['founder', 'door_staff'],
};

const SIDE: Partial<Record<Actor, Side>> = {
  founder: 'A',
  mentor: 'A',
  organizerA: 'A',
  founder2: 'B',
  organizerB: 'B',
};

/** Organizer of the target's carrier, or an admin. */
const manages = (a: Actor, t: Target) =>
  a === 'admin' || ((a === 'organizerA' || a === 'organizerB') && t.side !== undefined && SIDE[a] === t.side);
/** Works the target's door: its carrier's organizers, admins, and door staff of carrier A on A's. */
const worksDoorOf = (a: Actor, t: Target) => manages(a, t) || (a === 'doorStaffA' && t.side === 'A');
/** The founder who owns the target (the founder owns A, founder2 owns B). */
const ownsAsFounder = (a: Actor, t: Target) =>
  (a === 'founder' || a === 'founder2') && t.side !== undefined && SIDE[a] === t.side;
/** The mentor of the target (the mentor is A's; mentor2, B's, is no actor). */
const isMentorOf = (a: Actor, t: Target) => a === 'mentor' && t.side === 'A';
const oversees = (a: Actor) => a === 'admin' || a === 'organizerA' || a === 'organizerB';

/** What AccessGuard answers before any controller code runs, or null when it lets the caller through. */
export function guardAnswer(guard: string, actor: Actor): Expect | null {
  if (guard === 'public') return null;
  if (actor === 'anonymous') return 401;
  if (guard.startsWith('roles:')) {
    const roles = guard.slice('roles:'.length).split(',');
    if (!roles.some((r) => ROLES[actor].includes(r))) return 403;
  }
  return null;
}

export function expected(row: Row, actor: Actor, target: Target): Expect {
  return guardAnswer(row.guard, actor) ?? row.rule.decide(actor, target);
}

// ---- rules --------------------------------------------------------------------------------------------

const rule = (label: string, decide: Rule['decide']): Rule => ({ label, decide });

const anyone = rule('everyone the guard admits', (_, t) => (t.exists ? 'ok' : 404));
const carrier = rule("its carrier's organizers, admins; others 404", (a, t) =>
  t.exists && manages(a, t) ? 'ok' : 404,
);
const door = rule(
  "its carrier's organizers, its door staff, admins; others 404 (the door: issue 18)",
  (a, t) => (t.exists && worksDoorOf(a, t) ? 'ok' : 404),
);
const carrierPublic = rule(
  "its carrier's organizers, admins; another carrier 403 (published: its existence is public), drafts 404",
  (a, t) => (!t.exists ? 404 : manages(a, t) ? 'ok' : t.draft ? 404 : 403),
);
const carrierKnown = rule("its carrier's organizers, admins; others 403 (carriers are public)", (a, t) =>
  !t.exists ? 404 : manages(a, t) ? 'ok' : 403,
);
const eventPage = rule('published: everyone; drafts: their organizers and admins (others 404)', (a, t) =>
  !t.exists ? 404 : !t.draft || manages(a, t) ? 'ok' : 404,
);
const publishedOnly = rule('published events only (drafts 404 for all)', (_, t) =>
  !t.exists || t.draft ? 404 : 'ok',
);
const registerFor = rule(
  'published: everyone signed in; drafts: 404 except their organizers (409 REGISTRATION_CLOSED)',
  (a, t) => (!t.exists ? 404 : !t.draft ? 'ok' : manages(a, t) ? 409 : 404),
);
const ownerOrCarrier = rule("its owner, its carrier's organizers, admins; others 404", (a, t) =>
  t.exists && (ownsAsFounder(a, t) || manages(a, t)) ? 'ok' : 404,
);
const bookingParty = rule('its founder and its mentor; everyone else 404 (admins too)', (a, t) =>
  t.exists && (ownsAsFounder(a, t) || isMentorOf(a, t)) ? 'ok' : 404,
);
const bookingReader = rule(
  "its founder, its mentor, its carrier's organizers, admins (who read its record); others 404",
  (a, t) => (t.exists && (ownsAsFounder(a, t) || isMentorOf(a, t) || manages(a, t)) ? 'ok' : 404),
);
const staffOnly = rule("organizers of any carrier and admins (the base's staff); others 403", (a, t) =>
  !t.exists ? 404 : oversees(a) ? 'ok' : 403,
);
/** A company with a credit code that none of the actors belongs to (made once, in SQL). */
let companyCode: string | null = null;
async function aCompany(fx: Fixtures): Promise<string> {
  if (!companyCode) {
    const body = '91430400MA6' + String(process.pid).padStart(6, '0').slice(-6);
    companyCode = body + creditCodeCheckCharacter(body)!;
    await fx.t.db.query(
      `INSERT INTO companies (name, credit_code) VALUES ('矩阵档案公司', $1) ON CONFLICT DO NOTHING`,
      [companyCode],
    );
  }
  return companyCode;
}
const bookingMentor = rule('its mentor; its founder 403; everyone else 404', (a, t) =>
  !t.exists ? 404 : isMentorOf(a, t) ? 'ok' : ownsAsFounder(a, t) ? 403 : 404,
);
const bookingFounder = rule('its founder; its mentor 403; everyone else 404', (a, t) =>
  !t.exists ? 404 : ownsAsFounder(a, t) ? 'ok' : isMentorOf(a, t) ? 403 : 404,
);
const mentorVisible = rule(
  'published mentor (A): everyone; unpublished (B): the mentor, organizers, admins (others 404)',
  (a, t) => (!t.exists ? 404 : t.side === 'A' || oversees(a) ? 'ok' : 404),
);
const bookMentor = rule(
  'published mentor (A): everyone signed in but the mentor (409 OWN_OFFICE_HOURS); unpublished (B): 404',
  (a, t) => (!t.exists || t.side === 'B' ? 404 : isMentorOf(a, t) ? 409 : 'ok'),
);
const ledger = rule('the mentor, organizers, admins; others 403 (before any look-up)', (a, t) =>
  isMentorOf(a, t) || oversees(a) ? (t.exists ? 'ok' : 404) : 403,
);
const scope = rule(
  'a carrier: its organizers and admins (another carrier 404); base-wide: admins (organizers 403)',
  (a, t) => (t.name === 'base' ? (a === 'admin' ? 'ok' : 403) : t.exists && manages(a, t) ? 'ok' : 404),
);
const createEvent = rule(
  'organizers of the body’s carrier, admins; another carrier 403 (an unknown carrier: 400 for admins)',
  (a, t) => (!t.exists ? (a === 'admin' ? 400 : 403) : manages(a, t) ? 'ok' : 403),
);
const manageList = rule('organizers (their carriers) and admins; filtering by another carrier 403', (a, t) =>
  t.name === '-' || a === 'admin' ? 'ok' : manages(a, t) ? 'ok' : 403,
);
const selfCheckIn = rule(
  "anyone signed in; only a confirmed registrant checks in (others 409 NOT_REGISTERED); a draft's session 404",
  (a, t) => (!t.exists || t.draft ? 404 : ownsAsFounder(a, t) ? 'ok' : 409),
);
const refusedByBusiness = (status: 400 | 401 | 409, why: string) =>
  rule(`everyone the guard admits; ${why} (${status})`, (_, t) => (t.exists ? status : 404));

/**
 * Excuses every no-show, so that rows made later see founders who may book. One at a time and in
 * id order: a row's requests finish together, and their updates of the same rows would deadlock.
 */
let excusing = Promise.resolve();
const excuseNoShows = (fx: Fixtures): Promise<void> =>
  (excusing = excusing.then(async () => {
    await fx.t.db.query(
      `UPDATE bookings SET no_show_excused = true
        WHERE id IN (SELECT id FROM bookings WHERE status = 'no_show' AND NOT no_show_excused ORDER BY id FOR UPDATE)`,
    );
  }));

// ---- request helpers ----------------------------------------------------------------------------------

type Pick<T> = Partial<Record<Target['name'], (fx: Fixtures) => T | Promise<T>>>;

async function pick<T>(ctx: Ctx, choices: Pick<T>, missingValue: T): Promise<T> {
  if (ctx.target.name === 'missing') return missingValue;
  const choose = choices[ctx.target.name];
  if (!choose) throw new Error(`no value for target ${ctx.target.name}`);
  return choose(ctx.fx);
}

/** A 1 × 1 PNG (the smallest picture the upload accepts). */
const TINY_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC',
  'base64',
);

/** An image of the event, its row written in SQL and its two files put in the app's storage. */
async function storedImage(ctx: Ctx, eventId: string): Promise<string> {
  const imageId = randomUUID();
  const [event]: { organization_id: string }[] = await ctx.fx.t.db.query(
    `SELECT organization_id FROM events WHERE id = $1`,
    [eventId],
  );
  const key = `events/${eventId}/${imageId}.png`;
  const thumb = `events/${eventId}/${imageId}-thumb.jpg`;
  const storage = ctx.fx.t.app.get<FileStorage>(FILE_STORAGE);
  await storage.put(key, TINY_PNG, 'image/png');
  await storage.put(thumb, TINY_PNG, 'image/jpeg');
  await ctx.fx.t.db.query(
    `INSERT INTO event_images (id, organization_id, event_id, kind, content_type, width, height, bytes,
                               storage_key, thumbnail_key, thumbnail_width, thumbnail_height)
     VALUES ($1, $2, $3, 'photo', 'image/png', 1, 1, $4, $5, $6, 1, 1)`,
    [imageId, event.organization_id, eventId, TINY_PNG.length, key, thumb],
  );
  return imageId;
}

const eventId = (ctx: Ctx) =>
  pick(
    ctx,
    {
      A: (fx) => fx.events.pubA.id,
      B: (fx) => fx.events.pubB.id,
      draftA: (fx) => fx.events.draftA.id,
      draftB: (fx) => fx.events.draftB.id,
    },
    randomUUID(),
  );
const sessionId = (ctx: Ctx) =>
  pick(
    ctx,
    {
      A: (fx) => fx.events.pubA.sessionId,
      B: (fx) => fx.events.pubB.sessionId,
      draftA: (fx) => fx.events.draftA.sessionId,
      draftB: (fx) => fx.events.draftB.sessionId,
    },
    randomUUID(),
  );
const bySide = <T>(ctx: Ctx, of: (fx: Fixtures, side: Side) => T | Promise<T>, missingValue: T) =>
  pick(ctx, { A: (fx) => of(fx, 'A'), B: (fx) => of(fx, 'B') }, missingValue);
const scopeQuery = async (ctx: Ctx): Promise<Record<string, string>> =>
  ctx.target.name === 'base'
    ? {}
    : { organizationId: await bySide(ctx, (fx, s) => fx.carriers[s], randomUUID()) };

/** A new series of one draft of the side's carrier (its id), or a random id. */
const seriesId = (ctx: Ctx) =>
  bySide(
    ctx,
    async (fx, side) => {
      const draft = await fx.freshEvent(side, { draft: true });
      // TypeORM answers UPDATE … RETURNING with [rows, count].
      const [[row]]: [{ series_id: string }[], number] = await fx.t.db.query(
        `UPDATE events SET series_id = gen_random_uuid() WHERE id = $1 RETURNING series_id`,
        [draft.id],
      );
      return row.series_id;
    },
    randomUUID(),
  );

/** A new account written in SQL (never an actor), to name door staff. */
const freshUser = async (fx: Fixtures, name: string): Promise<string> => {
  const [user]: { id: string }[] = await fx.t.db.query(
    `INSERT INTO users (email, password_hash, display_name) VALUES ($1, 'not-a-hash', $2) RETURNING id`,
    [email('door'), name],
  );
  return user.id;
};

const EVENTS = [A, draftA, B, draftB, missing];
/** A new mentoring need of the side's founder in the side's carrier (written in SQL), or a random id. */
const insertNeed = async (fx: Fixtures, side: Side, status: 'suggested' | 'open'): Promise<string> => {
  const [row]: { id: string }[] = await fx.t.db.query(
    `INSERT INTO mentoring_requests (organization_id, founder_id, need, status, queued_at)
     VALUES ($1, $2, '想找人聊聊融资', $3, CASE WHEN $3 = 'open' THEN now() END) RETURNING id`,
    [fx.carriers[side], fx.founderOf(side).id, status],
  );
  return row.id;
};
const needOf = (ctx: Ctx, status: 'suggested' | 'open') =>
  bySide(ctx, (fx, side) => insertNeed(fx, side, status), randomUUID());
/** One standing open need per side, made once: lists must not show the other side's. */
let standingNeeds: Record<Side, string> | null = null;
let makingNeeds: Promise<void> | null = null;
const ensureStandingNeeds = (fx: Fixtures): Promise<void> =>
  (makingNeeds ??= (async () => {
    standingNeeds = { A: await insertNeed(fx, 'A', 'open'), B: await insertNeed(fx, 'B', 'open') };
  })());
const needFounder = rule('its founder; everyone else 404 (admins too)', (a, t) =>
  t.exists && ownsAsFounder(a, t) ? 'ok' : 404,
);

const SIDES = [A, B, missing];

/** The side's past event (its founder checked in), with its survey marked sent (in SQL, once). */
async function surveyedEvent(fx: Fixtures, side: Side): Promise<string> {
  const [{ event_id: id }] = await fx.t.db.query(`SELECT event_id FROM registrations WHERE id = $1`, [
    fx.certRegs[side],
  ]);
  await fx.t.db.query(
    `INSERT INTO event_surveys (event_id, organization_id, sent_at, sent_questions)
     SELECT e.id, e.organization_id, now(), d.questions FROM events e, survey_defaults d WHERE e.id = $1
     ON CONFLICT DO NOTHING`,
    [id],
  );
  return id as string;
}
/** A fresh survey link of a walk-in at the side's past event (each request its own: one answer each). */
async function surveyLink(fx: Fixtures, side: Side): Promise<string> {
  const event = await surveyedEvent(fx, side);
  const token = randomUUID().replace(/-/g, '') + randomUUID().replace(/-/g, '');
  await fx.t.db.query(
    `INSERT INTO survey_invitations (organization_id, event_id, walk_in_key, token_hash)
     SELECT organization_id, id, $2, encode(sha256($3::bytea), 'hex') FROM events WHERE id = $1`,
    [event, `phone:${randomUUID()}`, token],
  );
  return token;
}
const SURVEY_ANSWERS = { answers: { overall: 5, recommend: 9 } };
const DEFAULT_SURVEY = {
  questions: [
    { id: 'overall', kind: 'rating', label: '活动整体满意度 / Overall satisfaction', required: true },
    { id: 'recommend', kind: 'nps', label: '推荐可能性 / Recommend', required: true },
    { id: 'comment', kind: 'text', label: '意见和建议 / Comments', required: false },
  ],
};
const checkedInFounder = rule(
  'the founder checked in at it (A: founder, B: founder2); everyone else 403',
  (a, t) => (!t.exists ? 404 : ownsAsFounder(a, t) ? 'ok' : 403),
);

// ---- the table ----------------------------------------------------------------------------------------

export const TABLE: Row[] = [
  // Health and auth
  { route: 'GET /api/health', guard: 'public', rule: anyone, targets: [none] },
  { route: 'GET /api/setup', guard: 'roles:admin', rule: anyone, targets: [none] },
  {
    route: 'POST /api/auth/signup',
    guard: 'public',
    rule: anyone,
    targets: [none],
    request: () => ({ body: { email: email('matrix'), password: 'Correct-Horse-9', displayName: '新用户' } }),
  },
  {
    route: 'POST /api/auth/login',
    guard: 'public',
    rule: anyone,
    targets: [none],
    request: ({ fx }) => ({ body: { email: fx.loginUser.email, password: 'Correct-Horse-9' } }),
  },
  {
    route: 'POST /api/auth/logout',
    guard: 'signedIn',
    rule: anyone,
    targets: [none],
    // A session of its own, so logging out leaves the actor's token for the other routes.
    request: async ({ fx, actor }) => (actor === 'anonymous' ? {} : { token: await fx.freshToken(actor) }),
  },
  {
    route: 'POST /api/auth/password-reset',
    guard: 'public',
    rule: anyone,
    targets: [none],
    request: ({ fx }) => ({ body: { email: fx.loginUser.email } }),
  },
  {
    route: 'POST /api/auth/password-reset/confirm',
    guard: 'public',
    rule: refusedByBusiness(400, 'an unknown reset token'),
    targets: [none],
    request: () => ({ body: { token: 'not-a-reset-token', password: 'Another-Horse-7' } }),
    noSuccess: 'the reset secret exists only in a mail; auth.e2e-spec covers the success',
  },
  {
    route: 'POST /api/auth/sign-in-code',
    guard: 'public',
    rule: anyone,
    targets: [none],
    request: ({ fx }) => ({ body: { email: fx.loginUser.email } }),
  },
  {
    route: 'POST /api/auth/sms-code',
    guard: 'public',
    rule: anyone,
    targets: [none],
    // A fresh number each request: one code a minute per number.
    request: () => ({ body: { phone: freshMobile(), purpose: 'login' } }),
  },
  {
    route: 'POST /api/auth/sms-login',
    guard: 'public',
    rule: refusedByBusiness(401, 'no code was texted to this number (INVALID_CODE)'),
    refusalCode: 'INVALID_CODE',
    targets: [none],
    request: () => ({ body: { phone: freshMobile(), code: '000000', displayName: '矩阵' } }),
    noSuccess: 'the code exists only in a text; phone-sign-in.e2e-spec covers the success',
  },
  {
    route: 'POST /api/me/phone',
    guard: 'signedIn',
    rule: anyone,
    targets: [none],
    request: () => ({ body: { phone: freshMobile() } }),
  },
  {
    route: 'POST /api/me/phone/confirm',
    guard: 'signedIn',
    rule: refusedByBusiness(400, 'no code was texted for this number (WRONG_CODE)'),
    targets: [none],
    request: () => ({ body: { phone: freshMobile(), code: '000000' } }),
    noSuccess: 'the code exists only in a text; phone-sign-in.e2e-spec covers the success',
  },
  {
    route: 'POST /api/me/email',
    guard: 'signedIn',
    rule: refusedByBusiness(409, 'every actor has a confirmed email already (ALREADY_VERIFIED)'),
    targets: [none],
    request: () => ({ body: { email: 'someone.new@example.cn' } }),
    noSuccess: 'the actors are verified; phone-account-email.e2e-spec covers an account made by phone',
  },
  {
    route: 'POST /api/me/email/code',
    guard: 'signedIn',
    rule: refusedByBusiness(409, 'every actor is verified already (ALREADY_VERIFIED)'),
    targets: [none],
    noSuccess: 'the actors are verified; verification.e2e-spec covers sending and confirming codes',
  },
  {
    route: 'POST /api/me/email/confirm',
    guard: 'signedIn',
    rule: refusedByBusiness(409, 'every actor is verified already (ALREADY_VERIFIED)'),
    targets: [none],
    request: () => ({ body: { code: '000000' } }),
    noSuccess: 'the actors are verified; verification.e2e-spec covers sending and confirming codes',
  },
  {
    route: 'POST /api/me/password',
    guard: 'signedIn',
    rule: refusedByBusiness(400, 'a wrong current password'),
    targets: [none],
    request: () => ({ body: { currentPassword: 'Wrong-Horse-1', newPassword: 'Another-Horse-7' } }),
    noSuccess: 'a successful change ends every session of the actor; auth.e2e-spec covers it',
  },

  // Two-step sign-in of one's own account (no resource of anyone else's is named)
  { route: 'GET /api/me/mfa', guard: 'signedIn', rule: anyone, targets: [none] },
  { route: 'POST /api/me/mfa/totp', guard: 'signedIn', rule: anyone, targets: [none] },
  {
    route: 'POST /api/me/mfa/totp/enable',
    guard: 'signedIn',
    rule: refusedByBusiness(400, 'a wrong code'),
    targets: [none],
    request: () => ({ body: { code: '000000', password: 'Correct-Horse-9' } }),
    noSuccess: 'turning two-step sign-in on would make the actors’ later sign-ins ask for codes',
  },
  {
    route: 'POST /api/me/mfa/totp/disable',
    guard: 'signedIn',
    rule: refusedByBusiness(409, 'not turned on'),
    targets: [none],
    request: () => ({ body: { password: 'Correct-Horse-9', code: '000000' } }),
    noSuccess: 'nothing to turn off: no actor turned it on',
  },

  // Users
  { route: 'GET /api/me', guard: 'signedIn', rule: anyone, targets: [none] },
  {
    route: 'PATCH /api/me',
    guard: 'signedIn',
    rule: anyone,
    targets: [none],
    request: () => ({ body: { locale: 'zh-CN' } }),
  },
  {
    route: 'GET /api/users',
    guard: 'roles:admin,organizer',
    rule: anyone,
    targets: [none],
    request: ({ fx }) => ({ query: { email: fx.users.founder.email } }),
  },
  {
    route: 'POST /api/users/:id/roles',
    guard: 'roles:admin',
    rule: anyone,
    targets: SIDES,
    request: async (ctx) => ({
      params: { id: await bySide(ctx, (fx, s) => fx.roleTargets[s], randomUUID()) },
      body: { role: 'mentor' },
    }),
  },
  {
    route: 'DELETE /api/users/:id/roles/:role',
    guard: 'roles:admin',
    rule: anyone,
    targets: SIDES,
    request: async (ctx) => ({
      params: { id: await bySide(ctx, (fx, s) => fx.roleTargets[s], randomUUID()), role: 'mentor' },
    }),
  },

  { route: 'GET /api/admin/users', guard: 'roles:admin', rule: anyone, targets: [none] },
  {
    route: 'POST /api/admin/users/:id/deactivate',
    guard: 'roles:admin',
    rule: anyone,
    targets: SIDES,
    request: async (ctx) => ({
      params: { id: await bySide(ctx, (fx, s) => fx.roleTargets[s], randomUUID()) },
    }),
  },
  {
    route: 'POST /api/admin/users/:id/reactivate',
    guard: 'roles:admin',
    rule: anyone,
    targets: SIDES,
    request: async (ctx) => ({
      params: { id: await bySide(ctx, (fx, s) => fx.roleTargets[s], randomUUID()) },
    }),
  },

  {
    route: 'DELETE /api/users/:id/mfa',
    guard: 'roles:admin',
    rule: anyone,
    targets: SIDES,
    request: async (ctx) => ({
      params: { id: await bySide(ctx, (fx, s) => fx.roleTargets[s], randomUUID()) },
    }),
  },

  // Companies: their owner (the founder owns A, founder2 owns B) and their incubator's organizers
  {
    route: 'PATCH /api/companies/:id',
    guard: 'signedIn',
    rule: ownerOrCarrier,
    targets: SIDES,
    request: async (ctx) => ({
      params: { id: await bySide(ctx, (fx, s) => fx.companies[s], randomUUID()) },
      body: { stage: 'growth' },
    }),
  },
  {
    route: 'PUT /api/companies/:id/owner',
    guard: 'roles:admin,organizer',
    rule: carrier,
    targets: SIDES,
    request: async (ctx) => ({
      params: { id: await bySide(ctx, (fx, s) => fx.companies[s], randomUUID()) },
      // Its owner already: the matrix names the same member again, changing nothing.
      body: { userId: ctx.target.side ? ctx.fx.founderOf(ctx.target.side).id : randomUUID() },
    }),
  },

  // Organizations and venues
  { route: 'GET /api/organizations', guard: 'public', rule: anyone, targets: [none] },
  {
    route: 'POST /api/organizations',
    guard: 'roles:admin',
    rule: anyone,
    targets: [none],
    request: () => ({ body: { name: `矩阵载体 ${randomUUID().slice(0, 8)}`, kind: 'incubator' } }),
  },
  {
    route: 'GET /api/organizations/:id',
    guard: 'public',
    rule: anyone,
    targets: SIDES,
    request: async (ctx) => ({ params: { id: await bySide(ctx, (fx, s) => fx.carriers[s], randomUUID()) } }),
  },
  {
    route: 'PATCH /api/organizations/:id',
    guard: 'roles:admin,organizer',
    rule: carrierKnown,
    targets: SIDES,
    // Name and time zone: what a carrier's organizers may change (its kind and parent are the admins',
    // carrier-powers.e2e-spec refuses the rest).
    request: async (ctx) => ({
      params: { id: await bySide(ctx, (fx, s) => fx.carriers[s], randomUUID()) },
      body: { timeZone: 'Asia/Shanghai' },
    }),
  },
  {
    route: 'GET /api/organizations/:id/members',
    guard: 'signedIn',
    rule: carrierKnown,
    targets: SIDES,
    request: async (ctx) => ({ params: { id: await bySide(ctx, (fx, s) => fx.carriers[s], randomUUID()) } }),
  },
  {
    route: 'POST /api/organizations/:id/members',
    guard: 'roles:admin',
    rule: anyone,
    targets: SIDES,
    request: async (ctx) => ({
      params: { id: await bySide(ctx, (fx, s) => fx.carriers[s], randomUUID()) },
      body: { userId: ctx.fx.memberCandidate },
    }),
  },
  {
    route: 'DELETE /api/organizations/:id/members/:userId',
    guard: 'roles:admin',
    rule: anyone,
    targets: SIDES,
    request: async (ctx) =>
      ctx.target.name === 'missing'
        ? { params: { id: randomUUID(), userId: ctx.fx.memberCandidate } }
        : {
            params: {
              id: ctx.fx.carriers[ctx.target.side!],
              userId: await ctx.fx.freshMember(ctx.target.side!),
            },
          },
  },
  {
    route: 'GET /api/organizations/:id/venues',
    guard: 'public',
    rule: anyone,
    targets: SIDES,
    request: async (ctx) => ({ params: { id: await bySide(ctx, (fx, s) => fx.carriers[s], randomUUID()) } }),
  },
  {
    route: 'POST /api/organizations/:id/venues',
    guard: 'roles:admin,organizer',
    rule: carrierKnown,
    targets: SIDES,
    request: async (ctx) => ({
      params: { id: await bySide(ctx, (fx, s) => fx.carriers[s], randomUUID()) },
      body: { name: `路演厅 ${randomUUID().slice(0, 8)}`, capacity: 80 },
    }),
  },

  // Door staff (issue 18, point 2)
  {
    route: 'GET /api/organizations/:id/door-staff',
    guard: 'roles:admin,organizer',
    rule: carrierKnown,
    targets: SIDES,
    request: async (ctx) => ({ params: { id: await bySide(ctx, (fx, s) => fx.carriers[s], randomUUID()) } }),
    mustNotContain: (fx, actor) => (actor === 'organizerB' ? [fx.users.doorStaffA.id] : []),
  },
  {
    route: 'POST /api/organizations/:id/door-staff',
    guard: 'roles:admin,organizer',
    rule: carrierKnown,
    targets: SIDES,
    request: async (ctx) => ({
      params: { id: await bySide(ctx, (fx, s) => fx.carriers[s], randomUUID()) },
      body: { userId: await freshUser(ctx.fx, '门口志愿者') },
    }),
  },
  {
    route: 'DELETE /api/organizations/:id/door-staff/:userId',
    guard: 'roles:admin,organizer',
    rule: carrierKnown,
    targets: SIDES,
    request: async (ctx) => {
      if (!ctx.target.exists) return { params: { id: randomUUID(), userId: randomUUID() } };
      const carrierId = ctx.fx.carriers[ctx.target.side!];
      const userId = await freshUser(ctx.fx, '待撤志愿者');
      await ctx.fx.t.db.query(`INSERT INTO door_staff (organization_id, user_id) VALUES ($1, $2)`, [
        carrierId,
        userId,
      ]);
      return { params: { id: carrierId, userId } };
    },
  },
  {
    route: 'GET /api/door/events',
    guard: 'roles:admin,door_staff,organizer',
    rule: anyone,
    targets: [none],
    mustNotContain: (fx, actor) =>
      actor === 'organizerA' || actor === 'doorStaffA'
        ? [fx.events.pubB.id, fx.events.draftA.id, fx.events.draftB.id]
        : actor === 'organizerB'
          ? [fx.events.pubA.id, fx.events.draftA.id, fx.events.draftB.id]
          : [fx.events.draftA.id, fx.events.draftB.id],
  },
  {
    route: 'POST /api/events/:id/co-hosts',
    guard: 'roles:admin,organizer',
    rule: carrierPublic,
    targets: EVENTS,
    // A fresh event each: a co-host on the fixtures' events would open their doors to the other side.
    request: async (ctx) => {
      if (!ctx.target.exists)
        return { params: { id: randomUUID() }, body: { organizationId: ctx.fx.carriers.A } };
      const side = ctx.target.side!;
      const event = await ctx.fx.freshEvent(side, { draft: ctx.target.draft });
      return {
        params: { id: event.id },
        body: { organizationId: ctx.fx.carriers[side === 'A' ? 'B' : 'A'] },
      };
    },
  },
  {
    route: 'DELETE /api/events/:id/co-hosts/:organizationId',
    guard: 'roles:admin,organizer',
    rule: carrierPublic,
    targets: EVENTS,
    request: async (ctx) => {
      if (!ctx.target.exists) return { params: { id: randomUUID(), organizationId: ctx.fx.carriers.A } };
      const side = ctx.target.side!;
      const event = await ctx.fx.freshEvent(side, { draft: ctx.target.draft });
      const coHost = ctx.fx.carriers[side === 'A' ? 'B' : 'A'];
      await ctx.fx.t.db.query(
        `INSERT INTO event_co_hosts (event_id, organization_id, co_host_id) VALUES ($1, $2, $3)`,
        [event.id, ctx.fx.carriers[side], coHost],
      );
      return { params: { id: event.id, organizationId: coHost } };
    },
  },

  // Events
  {
    route: 'GET /api/events',
    guard: 'public',
    rule: anyone,
    targets: [none],
    mustNotContain: (fx) => [fx.events.draftA.id, fx.events.draftB.id],
  },
  {
    route: 'GET /api/manage/events',
    guard: 'roles:admin,organizer',
    rule: manageList,
    targets: [none, A, B, missing],
    request: async (ctx) =>
      ctx.target.name === '-'
        ? {}
        : { query: { organizationId: await bySide(ctx, (fx, s) => fx.carriers[s], randomUUID()) } },
    mustNotContain: (fx, actor) =>
      actor === 'organizerA'
        ? [fx.events.pubB.id, fx.events.draftB.id]
        : actor === 'organizerB'
          ? [fx.events.pubA.id, fx.events.draftA.id]
          : [],
  },
  {
    route: 'POST /api/events',
    guard: 'roles:admin,organizer',
    rule: createEvent,
    targets: SIDES,
    request: async (ctx) => ({ body: eventBody(await bySide(ctx, (fx, s) => fx.carriers[s], randomUUID())) }),
  },
  {
    route: 'GET /api/events/:id',
    guard: 'public',
    rule: eventPage,
    targets: EVENTS,
    request: async (ctx) => ({ params: { id: await eventId(ctx) } }),
  },
  {
    route: 'PATCH /api/events/:id',
    guard: 'roles:admin,organizer',
    rule: carrierPublic,
    targets: EVENTS,
    request: async (ctx) => ({
      params: { id: await eventId(ctx) },
      body: { description: '三位投资人与创业者面对面。' },
    }),
  },
  {
    route: 'POST /api/events/:id/publish',
    guard: 'roles:admin,organizer',
    rule: carrierPublic,
    targets: [draftA, draftB, missing],
    request: async (ctx) => ({
      params: {
        id: ctx.target.exists
          ? (await ctx.fx.freshEvent(ctx.target.side!, { draft: true })).id
          : randomUUID(),
      },
    }),
  },
  {
    route: 'POST /api/events/:id/cancel',
    guard: 'roles:admin,organizer',
    rule: carrierPublic,
    targets: EVENTS,
    request: async (ctx) => ({
      params: {
        id: ctx.target.exists
          ? (await ctx.fx.freshEvent(ctx.target.side!, { draft: ctx.target.draft })).id
          : randomUUID(),
      },
    }),
  },
  {
    route: 'POST /api/events/:id/duplicate',
    guard: 'roles:admin,organizer',
    rule: carrierPublic,
    targets: EVENTS,
    request: async (ctx) => ({
      params: { id: await eventId(ctx) },
      body: { startsAt: new Date(Date.now() + 60 * 24 * 3600_000).toISOString() },
    }),
  },
  {
    route: 'POST /api/events/:id/series',
    guard: 'roles:admin,organizer',
    rule: carrierPublic,
    targets: EVENTS,
    request: async (ctx) => ({
      params: {
        id: ctx.target.exists
          ? (await ctx.fx.freshEvent(ctx.target.side!, { draft: ctx.target.draft })).id
          : randomUUID(),
      },
      body: { every: 'week', count: 2 },
    }),
  },
  {
    route: 'GET /api/series/:id',
    guard: 'roles:admin,organizer',
    rule: carrier,
    targets: SIDES,
    request: async (ctx) => ({ params: { id: await seriesId(ctx) } }),
  },
  {
    route: 'POST /api/series/:id/publish',
    guard: 'roles:admin,organizer',
    rule: carrier,
    targets: SIDES,
    request: async (ctx) => ({ params: { id: await seriesId(ctx) } }),
  },
  {
    route: 'POST /api/series/:id/cancel',
    guard: 'roles:admin,organizer',
    rule: carrier,
    targets: SIDES,
    request: async (ctx) => ({ params: { id: await seriesId(ctx) } }),
  },
  {
    route: 'GET /api/events/:id/calendar.ics',
    guard: 'public',
    rule: publishedOnly,
    targets: EVENTS,
    request: async (ctx) => ({ params: { id: await eventId(ctx) } }),
  },
  {
    route: 'GET /api/events/:id/poster.png',
    guard: 'public',
    rule: publishedOnly,
    targets: EVENTS,
    request: async (ctx) => ({ params: { id: await eventId(ctx) } }),
  },

  // Event images (issue 17): a tiny PNG made once; rows for images are made in SQL with files in the storage.
  {
    route: 'POST /api/events/:id/images',
    guard: 'roles:admin,organizer',
    rule: carrierPublic,
    targets: EVENTS,
    request: async (ctx) => ({
      params: { id: await eventId(ctx) },
      multipart: { fields: { kind: 'photo' }, file: { field: 'file', data: TINY_PNG, filename: 'a.png' } },
    }),
  },
  {
    route: 'DELETE /api/events/:id/images/:imageId',
    guard: 'roles:admin,organizer',
    rule: carrierPublic,
    targets: EVENTS,
    request: async (ctx) => {
      const id = await eventId(ctx);
      return { params: { id, imageId: ctx.target.exists ? await storedImage(ctx, id) : randomUUID() } };
    },
  },
  {
    route: 'GET /api/events/:id/images/:imageId',
    guard: 'public',
    rule: eventPage,
    targets: EVENTS,
    request: async (ctx) => {
      const id = await eventId(ctx);
      return { params: { id, imageId: ctx.target.exists ? await storedImage(ctx, id) : randomUUID() } };
    },
  },
  {
    route: 'GET /api/events/:id/images/:imageId/thumbnail',
    guard: 'public',
    rule: eventPage,
    targets: EVENTS,
    request: async (ctx) => {
      const id = await eventId(ctx);
      return { params: { id, imageId: ctx.target.exists ? await storedImage(ctx, id) : randomUUID() } };
    },
  },

  // Reported periods (a month long past, so that no other row meets the lock)
  { route: 'GET /api/periods/locks', guard: 'roles:admin', rule: anyone, targets: [none] },
  {
    route: 'PUT /api/periods/:month/lock',
    guard: 'roles:admin',
    rule: anyone,
    targets: [none],
    request: () => ({ params: { month: '2001-01' }, body: { reason: '已上报' } }),
  },
  {
    route: 'DELETE /api/periods/:month/lock',
    guard: 'roles:admin',
    rule: anyone,
    targets: [none],
    request: async (ctx) => {
      await ctx.fx.t.db.query(`INSERT INTO period_locks (month) VALUES ('2001-02') ON CONFLICT DO NOTHING`);
      return { params: { month: '2001-02' }, body: { reason: '补录' } };
    },
  },

  // Registrations
  {
    route: 'POST /api/events/:id/registrations',
    guard: 'signedIn',
    rule: registerFor,
    targets: EVENTS,
    request: async (ctx) => ({ params: { id: await eventId(ctx) }, body: {} }),
  },
  {
    route: 'GET /api/me/registrations',
    guard: 'signedIn',
    rule: anyone,
    targets: [none],
    mustNotContain: (fx, actor) =>
      actor === 'founder2'
        ? [fx.regs.A]
        : actor === 'anonymous'
          ? []
          : actor === 'founder'
            ? [fx.regs.B]
            : [fx.regs.A, fx.regs.B],
  },
  {
    route: 'POST /api/registrations/:id/cancel',
    guard: 'signedIn',
    rule: ownerOrCarrier,
    targets: SIDES,
    request: async (ctx) => ({
      params: { id: await bySide(ctx, (fx, s) => fx.freshRegistration(s, 'confirmed'), randomUUID()) },
    }),
  },
  {
    route: 'POST /api/registrations/:id/approve',
    guard: 'signedIn',
    rule: carrier,
    targets: SIDES,
    request: async (ctx) => ({
      params: { id: await bySide(ctx, (fx, s) => fx.freshRegistration(s, 'pending_approval'), randomUUID()) },
    }),
  },
  {
    route: 'POST /api/registrations/:id/reject',
    guard: 'signedIn',
    rule: carrier,
    targets: SIDES,
    request: async (ctx) => ({
      params: { id: await bySide(ctx, (fx, s) => fx.freshRegistration(s, 'pending_approval'), randomUUID()) },
    }),
  },
  {
    route: 'GET /api/events/:id/registrations',
    guard: 'signedIn',
    rule: carrier,
    targets: EVENTS,
    request: async (ctx) => ({ params: { id: await eventId(ctx) } }),
  },
  {
    route: 'GET /api/events/:id/registrations.csv',
    guard: 'signedIn',
    rule: carrier,
    targets: EVENTS,
    request: async (ctx) => ({ params: { id: await eventId(ctx) } }),
  },

  // Attendance
  {
    route: 'POST /api/sessions/:sessionId/check-ins',
    guard: 'roles:admin,door_staff,organizer',
    rule: door,
    targets: SIDES,
    request: async (ctx) => ({
      params: { sessionId: await sessionId(ctx) },
      body: { walkIn: { name: '矩阵散客' } },
    }),
  },
  {
    route: 'GET /api/sessions/:sessionId/check-ins',
    guard: 'roles:admin,door_staff,organizer',
    rule: door,
    targets: EVENTS,
    request: async (ctx) => ({ params: { sessionId: await sessionId(ctx) } }),
  },
  {
    route: 'GET /api/sessions/:sessionId/sign-in-sheet.pdf',
    guard: 'roles:admin,door_staff,organizer',
    rule: door,
    targets: EVENTS,
    request: async (ctx) => ({ params: { sessionId: await sessionId(ctx) }, query: { filled: 'true' } }),
  },
  {
    route: 'DELETE /api/check-ins/:id',
    guard: 'roles:admin,door_staff,organizer',
    // Door staff undo only their own check-ins; these are the organizer's.
    rule: carrier,
    targets: SIDES,
    request: async (ctx) => ({
      params: { id: await bySide(ctx, (fx, s) => fx.freshCheckIn(s), randomUUID()) },
    }),
  },
  {
    route: 'GET /api/sessions/:sessionId/self-check-in-code',
    guard: 'roles:admin,door_staff,organizer',
    rule: door,
    targets: EVENTS,
    request: async (ctx) => ({ params: { sessionId: await sessionId(ctx) } }),
  },
  {
    route: 'POST /api/sessions/:sessionId/self-check-in',
    guard: 'signedIn',
    rule: selfCheckIn,
    targets: EVENTS,
    request: async (ctx) => {
      if (!ctx.target.exists) return { params: { sessionId: randomUUID() }, body: { code: '000000' } };
      const side = ctx.target.side!;
      // The code on that session's screen, so no refusal is about the code.
      const session = ctx.target.draft ? await sessionId(ctx) : ctx.fx.live[side].sessionId;
      const code = await ctx.fx.t.http
        .get(`/api/sessions/${session}/self-check-in-code`)
        .set(ctx.fx.organizer(side).auth)
        .expect(200);
      return { params: { sessionId: session }, body: { code: code.body.code } };
    },
  },
  {
    route: 'GET /api/events/:id/attendees',
    guard: 'roles:admin,door_staff,organizer',
    rule: door,
    targets: EVENTS,
    request: async (ctx) => ({ params: { id: await eventId(ctx) } }),
  },
  {
    route: 'GET /api/events/:id/attendance',
    guard: 'roles:admin,organizer',
    rule: carrier,
    targets: EVENTS,
    request: async (ctx) => ({ params: { id: await eventId(ctx) } }),
  },
  {
    route: 'GET /api/events/:id/attendance.csv',
    guard: 'roles:admin,organizer',
    rule: carrier,
    targets: EVENTS,
    request: async (ctx) => ({ params: { id: await eventId(ctx) } }),
  },
  {
    route: 'POST /api/events/:id/messages',
    guard: 'roles:admin,organizer',
    rule: carrier,
    targets: EVENTS,
    // A dry run: the matrix checks who may ask, without queueing mail or using the hourly allowance.
    request: async (ctx) => ({
      params: { id: await eventId(ctx) },
      body: {
        segment: 'confirmed',
        subject: '通知',
        body: '{name}，您好',
        channels: ['email'],
        dryRun: true,
      },
    }),
  },
  {
    route: 'GET /api/events/:id/messages',
    guard: 'roles:admin,organizer',
    rule: carrier,
    targets: EVENTS,
    request: async (ctx) => ({ params: { id: await eventId(ctx) } }),
  },
  { route: 'GET /api/me/attendance', guard: 'signedIn', rule: anyone, targets: [none] },

  // Certificates
  {
    route: 'GET /api/registrations/:id/certificate.pdf',
    guard: 'signedIn',
    rule: ownerOrCarrier,
    targets: SIDES,
    request: async (ctx) => ({ params: { id: await bySide(ctx, (fx, s) => fx.certRegs[s], randomUUID()) } }),
  },
  {
    route: 'GET /api/certificates/:serial',
    guard: 'public',
    rule: anyone,
    targets: SIDES,
    request: async (ctx) => ({
      params: { serial: await bySide(ctx, (fx, s) => fx.serials[s], 'WT-2026-999999') },
    }),
  },
  {
    route: 'GET /api/certificates/verify/:code',
    guard: 'public',
    rule: anyone,
    targets: SIDES,
    request: async (ctx) => ({
      params: {
        code: await bySide(ctx, (fx, s) => fx.certificateCodes[s], 'Zm9yZ2VkLWNvZGUtbm90LWlzc3VlZA'),
      },
    }),
  },
  {
    route: 'POST /api/certificates/:serial/revoke',
    guard: 'roles:admin,organizer',
    rule: carrier,
    targets: SIDES,
    request: async (ctx) => ({
      params: { serial: await bySide(ctx, (fx, s) => fx.freshCertificate(s), 'WT-2026-999999') },
    }),
  },

  // Mentors
  {
    route: 'GET /api/mentors',
    guard: 'public',
    rule: anyone,
    targets: [none],
    mustNotContain: (fx) => [fx.mentor2.id],
  },
  {
    route: 'GET /api/mentors/:id',
    guard: 'public',
    rule: mentorVisible,
    targets: SIDES,
    request: async (ctx) => ({
      params: { id: await bySide(ctx, (fx, s) => fx.mentorOf(s).id, randomUUID()) },
    }),
  },
  { route: 'GET /api/me/mentor-profile', guard: 'roles:mentor', rule: anyone, targets: [none] },
  {
    route: 'PUT /api/me/mentor-profile',
    guard: 'roles:mentor',
    rule: anyone,
    targets: [none],
    request: () => ({
      body: { category: 'investor', affiliation: '湘江创投', expertise: ['financing'], published: true },
    }),
  },
  {
    route: 'PUT /api/me/availability',
    guard: 'roles:mentor',
    rule: anyone,
    targets: [none],
    request: () => ({ body: OPEN_ALL_DAY }),
  },
  {
    route: 'POST /api/mentor-invitations',
    guard: 'roles:admin,organizer',
    rule: anyone,
    targets: [none],
    request: () => ({ body: { email: email('invitee') } }),
  },
  {
    route: 'POST /api/mentor-invitations/accept',
    guard: 'signedIn',
    rule: refusedByBusiness(400, 'an unknown invitation token'),
    targets: [none],
    request: () => ({ body: { token: 'not-an-invitation-token' } }),
    noSuccess:
      'accepting makes the actor a mentor, which would change every later row; mentors.e2e-spec covers it',
  },

  // Office hours
  {
    route: 'GET /api/mentors/:id/slots',
    guard: 'public',
    rule: mentorVisible,
    targets: SIDES,
    request: async (ctx) => ({
      params: { id: await bySide(ctx, (fx, s) => fx.mentorOf(s).id, randomUUID()) },
    }),
  },
  {
    route: 'GET /api/mentors/:id/next-slot',
    guard: 'public',
    rule: mentorVisible,
    targets: SIDES,
    request: async (ctx) => ({
      params: { id: await bySide(ctx, (fx, s) => fx.mentorOf(s).id, randomUUID()) },
    }),
  },
  {
    route: 'POST /api/mentors/:id/bookings',
    guard: 'signedIn',
    rule: bookMentor,
    targets: SIDES,
    request: async (ctx) => ({
      params: { id: await bySide(ctx, (fx, s) => fx.mentorOf(s).id, randomUUID()) },
      body: { startsAt: ctx.fx.nextSlot(), topic: '天使轮融资' },
    }),
  },
  {
    route: 'GET /api/mentors/:id/ledger',
    guard: 'signedIn',
    rule: ledger,
    targets: SIDES,
    request: async (ctx) => ({
      params: { id: await bySide(ctx, (fx, s) => fx.mentorOf(s).id, randomUUID()) },
    }),
  },
  {
    route: 'GET /api/mentors/:id/ledger.csv',
    guard: 'signedIn',
    rule: ledger,
    targets: SIDES,
    request: async (ctx) => ({
      params: { id: await bySide(ctx, (fx, s) => fx.mentorOf(s).id, randomUUID()) },
    }),
  },
  {
    route: 'GET /api/me/bookings',
    guard: 'signedIn',
    rule: anyone,
    targets: [none],
    mustNotContain: (fx, actor) =>
      actor === 'founder' || actor === 'mentor'
        ? [fx.bookings.B]
        : actor === 'founder2'
          ? [fx.bookings.A]
          : [fx.bookings.A, fx.bookings.B],
  },
  {
    route: 'GET /api/bookings/:id',
    guard: 'signedIn',
    rule: bookingReader,
    targets: SIDES,
    request: async (ctx) => ({ params: { id: await bySide(ctx, (fx, s) => fx.bookings[s], randomUUID()) } }),
  },
  {
    route: 'POST /api/bookings/:id/cancel',
    guard: 'signedIn',
    rule: bookingParty,
    targets: SIDES,
    request: async (ctx) => ({
      params: { id: await bySide(ctx, (fx, s) => fx.freshBooking(s, 'future'), randomUUID()) },
      body: {},
    }),
  },
  {
    route: 'POST /api/bookings/:id/accept',
    guard: 'signedIn',
    rule: bookingMentor,
    targets: SIDES,
    request: async (ctx) => ({
      params: { id: await bySide(ctx, (fx, s) => fx.freshBooking(s, 'requested'), randomUUID()) },
    }),
  },
  {
    route: 'POST /api/bookings/:id/decline',
    guard: 'signedIn',
    rule: bookingMentor,
    targets: SIDES,
    request: async (ctx) => ({
      params: { id: await bySide(ctx, (fx, s) => fx.freshBooking(s, 'requested'), randomUUID()) },
      body: { reason: '这周出差' },
    }),
  },
  {
    route: 'POST /api/bookings/:id/reschedule',
    guard: 'signedIn',
    rule: bookingParty,
    targets: SIDES,
    request: async (ctx) => ({
      params: { id: await bySide(ctx, (fx, s) => fx.freshBooking(s, 'future'), randomUUID()) },
      body: { startsAt: ctx.fx.nextSlot() },
    }),
  },
  {
    route: 'PUT /api/bookings/:id/record',
    guard: 'signedIn',
    rule: bookingMentor,
    targets: SIDES,
    request: async (ctx) => ({
      params: { id: await bySide(ctx, (fx, s) => fx.freshBooking(s, 'started'), randomUUID()) },
      body: { summary: '梳理了融资节奏', actions: [{ text: '补充财务预测', owner: 'founder' }] },
    }),
  },
  {
    route: 'POST /api/bookings/:id/record/actions/:actionId',
    guard: 'signedIn',
    rule: bookingFounder,
    targets: SIDES,
    request: async (ctx) => ({
      params: {
        id: await bySide(ctx, (fx, s) => fx.freshBooking(s, 'recorded'), randomUUID()),
        actionId: 'a1',
      },
      body: { done: true },
    }),
  },
  {
    route: 'GET /api/organizations/:id/coaching-records',
    guard: 'roles:admin,organizer',
    rule: carrierKnown,
    targets: SIDES,
    request: async (ctx) => ({ params: { id: await bySide(ctx, (fx, s) => fx.carriers[s], randomUUID()) } }),
  },
  // Matching by need
  {
    route: 'POST /api/mentoring-requests',
    guard: 'signedIn',
    rule: anyone,
    targets: [none],
    request: (ctx) => ({
      body: { need: '准备天使轮融资', category: 'investor', organizationId: ctx.fx.carriers.A },
    }),
  },
  {
    route: 'GET /api/me/mentoring-requests',
    guard: 'signedIn',
    rule: anyone,
    targets: [none],
    request: async (ctx) => {
      await ensureStandingNeeds(ctx.fx);
      return {};
    },
    mustNotContain: (_, actor) =>
      actor === 'founder'
        ? [standingNeeds!.B]
        : actor === 'founder2'
          ? [standingNeeds!.A]
          : [standingNeeds!.A, standingNeeds!.B],
  },
  {
    route: 'POST /api/mentoring-requests/:id/queue',
    guard: 'signedIn',
    rule: needFounder,
    targets: SIDES,
    request: async (ctx) => ({ params: { id: await needOf(ctx, 'suggested') } }),
  },
  {
    route: 'POST /api/mentoring-requests/:id/withdraw',
    guard: 'signedIn',
    rule: needFounder,
    targets: SIDES,
    request: async (ctx) => ({ params: { id: await needOf(ctx, 'open') } }),
  },
  {
    route: 'GET /api/mentoring-requests',
    guard: 'roles:admin,organizer',
    rule: manageList,
    targets: [none, A, B],
    request: async (ctx) => {
      await ensureStandingNeeds(ctx.fx);
      return ctx.target.name === '-' ? {} : { query: { organizationId: ctx.fx.carriers[ctx.target.side!] } };
    },
    mustNotContain: (_, actor) =>
      actor === 'organizerA' ? [standingNeeds!.B] : actor === 'organizerB' ? [standingNeeds!.A] : [],
  },
  {
    route: 'POST /api/mentoring-requests/:id/assign',
    guard: 'roles:admin,organizer',
    rule: carrier,
    targets: SIDES,
    request: async (ctx) => ({
      params: { id: await needOf(ctx, 'open') },
      body: { mentorId: ctx.fx.users.mentor.id },
    }),
  },
  {
    route: 'GET /api/organizations/:id/mentoring/supply-demand',
    guard: 'roles:admin,organizer',
    rule: carrierKnown,
    targets: SIDES,
    request: async (ctx) => ({ params: { id: await bySide(ctx, (fx, s) => fx.carriers[s], randomUUID()) } }),
  },
  {
    route: 'GET /api/companies',
    guard: 'roles:admin,organizer',
    rule: anyone,
    targets: [none],
    request: async () => ({ query: { q: '档案' } }),
  },
  {
    route: 'GET /api/companies/:creditCode/record',
    guard: 'signedIn',
    rule: staffOnly,
    targets: SIDES,
    request: async (ctx) => ({
      params: { creditCode: await bySide(ctx, (fx) => aCompany(fx), '91430400MA7000000X') },
    }),
  },
  {
    route: 'GET /api/companies/:creditCode/record.xlsx',
    guard: 'signedIn',
    rule: staffOnly,
    targets: SIDES,
    request: async (ctx) => ({
      params: { creditCode: await bySide(ctx, (fx) => aCompany(fx), '91430400MA7000000X') },
    }),
  },
  {
    route: 'GET /api/organizations/:id/coaching-records.xlsx',
    guard: 'roles:admin,organizer',
    rule: carrierKnown,
    targets: SIDES,
    request: async (ctx) => ({ params: { id: await bySide(ctx, (fx, s) => fx.carriers[s], randomUUID()) } }),
  },
  {
    route: 'GET /api/organizations/:id/coaching-records.csv',
    guard: 'roles:admin,organizer',
    rule: carrierKnown,
    targets: SIDES,
    request: async (ctx) => ({ params: { id: await bySide(ctx, (fx, s) => fx.carriers[s], randomUUID()) } }),
  },
  {
    route: 'POST /api/bookings/:id/complete',
    guard: 'signedIn',
    rule: bookingMentor,
    targets: SIDES,
    request: async (ctx) => ({
      params: { id: await bySide(ctx, (fx, s) => fx.freshBooking(s, 'started'), randomUUID()) },
    }),
  },
  {
    route: 'POST /api/bookings/:id/no-show',
    guard: 'signedIn',
    rule: bookingMentor,
    targets: SIDES,
    // Started 30 minutes ago: a mark before the end needs a note.
    request: async (ctx) => ({
      params: { id: await bySide(ctx, (fx, s) => fx.freshBooking(s, 'started'), randomUUID()) },
      body: { note: '等了 30 分钟未到' },
    }),
    // Two no-shows suspend the founder's bookings: excuse them so later rows see an ordinary founder.
    after: excuseNoShows,
  },
  {
    route: 'POST /api/bookings/:id/feedback',
    guard: 'signedIn',
    rule: bookingFounder,
    targets: SIDES,
    request: async (ctx) => ({
      params: { id: await bySide(ctx, (fx, s) => fx.freshBooking(s, 'completed'), randomUUID()) },
      body: { rating: 5, comment: '很有帮助' },
    }),
  },
  {
    route: 'POST /api/bookings/:id/contest',
    guard: 'signedIn',
    rule: bookingFounder,
    targets: SIDES,
    request: async (ctx) => ({
      params: { id: await bySide(ctx, (fx, s) => fx.freshBooking(s, 'no_show'), randomUUID()) },
      body: { reason: '我准时到了，导师不在' },
    }),
    after: excuseNoShows,
  },
  {
    route: 'GET /api/no-show-contests',
    guard: 'roles:admin,organizer',
    rule: anyone,
    targets: [none],
    mustNotContain: (fx, actor) =>
      actor === 'organizerA' ? [fx.contests.B] : actor === 'organizerB' ? [fx.contests.A] : [],
  },
  {
    route: 'POST /api/bookings/:id/contest/decision',
    guard: 'roles:admin,organizer',
    rule: carrier,
    targets: SIDES,
    request: async (ctx) => ({
      params: { id: await bySide(ctx, (fx, s) => fx.freshBooking(s, 'contested'), randomUUID()) },
      body: { decision: 'uphold', note: '导师提供了等待记录' },
    }),
    after: excuseNoShows,
  },
  { route: 'GET /api/booking-suspensions', guard: 'roles:admin,organizer', rule: anyone, targets: [none] },
  {
    route: 'GET /api/founders/:id/booking-suspension',
    guard: 'roles:admin,organizer',
    rule: anyone,
    targets: SIDES,
    request: async (ctx) => ({
      params: { id: await bySide(ctx, (fx, s) => fx.founderOf(s).id, randomUUID()) },
    }),
  },
  {
    route: 'DELETE /api/founders/:id/booking-suspension',
    guard: 'roles:admin,organizer',
    rule: rule(
      "organizers of the carrier where the founder's no-shows were, admins; another carrier's organizer 403",
      (a, t) => (!t.exists ? 404 : manages(a, t) ? 'ok' : 403),
    ),
    targets: SIDES,
    // A no-show at the side's carrier, so that its organizers have one to excuse.
    request: async (ctx) => ({
      params: {
        id: await bySide(
          ctx,
          async (fx, s) => (await fx.freshBooking(s, 'no_show'), fx.founderOf(s).id),
          randomUUID(),
        ),
      },
    }),
    after: excuseNoShows,
  },

  // Calendar
  { route: 'POST /api/me/calendar-token', guard: 'signedIn', rule: anyone, targets: [none] },
  {
    route: 'GET /api/me/calendar.ics',
    guard: 'public',
    rule: rule('whoever holds the feed token (it is the only credential); unknown token 404', (_, t) =>
      t.exists ? 'ok' : 404,
    ),
    targets: SIDES,
    request: async (ctx) => ({
      query: { token: await bySide(ctx, (fx, s) => fx.calendarToken(s), 'not-a-feed-token') },
    }),
  },

  // Targets, dashboard, reports, audit
  {
    route: 'GET /api/targets',
    guard: 'roles:admin,organizer',
    rule: scope,
    targets: [A, B, base, missing],
    request: async (ctx) => ({ query: await scopeQuery(ctx) }),
  },
  {
    route: 'PUT /api/targets/:year',
    guard: 'roles:admin,organizer',
    rule: scope,
    targets: [A, B, base, missing],
    request: async (ctx) => ({
      params: { year: '2026' },
      body: { ...(await scopeQuery(ctx)), metric: 'events_held', value: 350 },
    }),
  },
  {
    route: 'GET /api/dashboard',
    guard: 'roles:admin,organizer',
    rule: scope,
    targets: [A, B, base, missing],
    request: async (ctx) => ({ query: await scopeQuery(ctx) }),
  },
  {
    route: 'GET /api/reports/annual.xlsx',
    guard: 'roles:admin,organizer',
    rule: scope,
    targets: [A, B, base, missing],
    request: async (ctx) => ({ query: await scopeQuery(ctx) }),
  },
  {
    route: 'GET /api/reports/annual.csv',
    guard: 'roles:admin,organizer',
    rule: scope,
    targets: [A, B, base, missing],
    request: async (ctx) => ({ query: await scopeQuery(ctx) }),
  },
  {
    route: 'GET /api/reports/ledger.xlsx',
    guard: 'roles:admin,organizer',
    rule: scope,
    targets: [A, B, base, missing],
    request: async (ctx) => ({ query: { ...(await scopeQuery(ctx)), quarter: '2026Q3' } }),
  },
  {
    route: 'GET /api/reports/ledger.docx',
    guard: 'roles:admin,organizer',
    rule: scope,
    targets: [A, B, base, missing],
    request: async (ctx) => ({ query: { ...(await scopeQuery(ctx)), month: '2026-11' } }),
  },
  { route: 'GET /api/audit', guard: 'roles:admin', rule: anyone, targets: [none] },
  // Satisfaction surveys (issue 18, point 4)
  { route: 'GET /api/surveys/default', guard: 'roles:admin', rule: anyone, targets: [none] },
  {
    route: 'PUT /api/surveys/default',
    guard: 'roles:admin',
    rule: anyone,
    targets: [none],
    request: () => ({ body: DEFAULT_SURVEY }),
  },
  {
    route: 'GET /api/events/:id/survey',
    guard: 'roles:admin,organizer',
    rule: carrierPublic,
    targets: EVENTS,
    request: async (ctx) => ({ params: { id: await eventId(ctx) } }),
  },
  {
    route: 'PUT /api/events/:id/survey',
    guard: 'roles:admin,organizer',
    rule: carrierPublic,
    targets: EVENTS,
    request: async (ctx) => ({
      params: { id: await eventId(ctx) },
      body: { questions: [{ kind: 'rating', label: '场地', required: false }] },
    }),
  },
  {
    route: 'GET /api/events/:id/survey/results',
    guard: 'roles:admin,organizer',
    rule: carrierPublic,
    targets: EVENTS,
    request: async (ctx) => ({ params: { id: await eventId(ctx) } }),
  },
  {
    route: 'GET /api/events/:id/survey/form',
    guard: 'signedIn',
    rule: checkedInFounder,
    targets: SIDES,
    request: async (ctx) => ({ params: { id: await bySide(ctx, surveyedEvent, randomUUID()) } }),
  },
  {
    route: 'POST /api/events/:id/survey/responses',
    guard: 'signedIn',
    rule: checkedInFounder,
    targets: SIDES,
    request: async (ctx) => ({
      params: { id: await bySide(ctx, surveyedEvent, randomUUID()) },
      body: SURVEY_ANSWERS,
    }),
  },
  { route: 'GET /api/me/surveys', guard: 'signedIn', rule: anyone, targets: [none] },
  {
    route: 'GET /api/survey-links/:token',
    guard: 'public',
    rule: anyone,
    targets: SIDES,
    refusalCode: 'INVALID_SURVEY_LINK',
    request: async (ctx) => ({ params: { token: await bySide(ctx, surveyLink, 'x'.repeat(40)) } }),
  },
  {
    route: 'POST /api/survey-links/:token',
    guard: 'public',
    rule: anyone,
    targets: SIDES,
    refusalCode: 'INVALID_SURVEY_LINK',
    request: async (ctx) => ({
      params: { token: await bySide(ctx, surveyLink, 'x'.repeat(40)) },
      body: SURVEY_ANSWERS,
    }),
  },
];
