import { grantRole, signup, startTestApp, type SignedUp, type TestApp } from '../support/test-app';
import { setUpCarrier, type Carrier } from '../support/events';
import { makeMentor, OPEN_ALL_DAY, slotsOf } from './mentors-helpers';

/**
 * Issue 15, point 10: what organizers may do. A carrier's place in the tree (parent, kind) is the
 * admins'; there is one base; a no-show suspension is lifted by organizers of the carrier where the
 * no-shows happened; a user look-up tells organizers a name and a company, not roles.
 */
describe("organizers' powers over carriers, suspensions and accounts (issue 15, point 10)", () => {
  let t: TestApp;
  let admin: SignedUp;
  let a: Carrier;
  let b: Carrier;
  beforeAll(async () => {
    t = await startTestApp();
    a = await setUpCarrier(t);
    admin = a.admin;
    b = await setUpCarrier(t, admin);
  });
  afterAll(() => t.close());

  describe('carrier structure', () => {
    it("refuses an organizer's change of their own carrier's parent or kind (403), nothing changes", async () => {
      const before = (await t.http.get(`/api/organizations/${a.organizationId}`).expect(200)).body;
      for (const body of [{ kind: 'base' }, { kind: 'software_park' }, { parentId: b.organizationId }]) {
        const res = await t.http
          .patch(`/api/organizations/${a.organizationId}`)
          .set(a.organizer.auth)
          .send(body);
        expect({ body, status: res.status, code: res.body.code }).toEqual({
          body,
          status: 403,
          code: 'FORBIDDEN',
        });
      }
      expect((await t.http.get(`/api/organizations/${a.organizationId}`).expect(200)).body).toEqual(before);
    });

    it('lets an organizer rename their carrier and set its time zone (sending the same kind is fine)', async () => {
      const res = await t.http
        .patch(`/api/organizations/${a.organizationId}`)
        .set(a.organizer.auth)
        .send({ name: `改名载体 ${process.pid}`, timeZone: 'Asia/Urumqi', kind: 'incubator' })
        .expect(200);
      expect(res.body).toMatchObject({
        name: `改名载体 ${process.pid}`,
        timeZone: 'Asia/Urumqi',
        kind: 'incubator',
      });
      // Another carrier's organizer may not.
      await t.http
        .patch(`/api/organizations/${a.organizationId}`)
        .set(b.organizer.auth)
        .send({ name: '夺取' })
        .expect(403);
    });

    it('lets admins set parent and kind, but never a parent below the carrier itself', async () => {
      const parent = await t.http
        .patch(`/api/organizations/${b.organizationId}`)
        .set(admin.auth)
        .send({ parentId: a.organizationId, kind: 'software_park' })
        .expect(200);
      expect(parent.body).toMatchObject({ parentId: a.organizationId, kind: 'software_park' });
      const cycle = await t.http
        .patch(`/api/organizations/${a.organizationId}`)
        .set(admin.auth)
        .set('Accept-Language', 'en')
        .send({ parentId: b.organizationId })
        .expect(400);
      expect(cycle.body.details).toContainEqual(
        expect.objectContaining({ field: 'parentId', rules: ['parentCycle'] }),
      );
      await t.http
        .patch(`/api/organizations/${b.organizationId}`)
        .set(admin.auth)
        .send({ parentId: null })
        .expect(200);
    });

    it('keeps one base: a second is refused by the API (409 BASE_EXISTS) and by the database', async () => {
      const base = await t.http
        .post('/api/organizations')
        .set(admin.auth)
        .send({ name: `示范基地 ${process.pid}`, kind: 'base' })
        .expect(201);
      const second = await t.http
        .post('/api/organizations')
        .set(admin.auth)
        .send({ name: `第二基地 ${process.pid}`, kind: 'base' })
        .expect(409);
      expect(second.body.code).toBe('BASE_EXISTS');
      const made = await t.http
        .patch(`/api/organizations/${b.organizationId}`)
        .set(admin.auth)
        .send({ kind: 'base' })
        .expect(409);
      expect(made.body.code).toBe('BASE_EXISTS');
      await expect(
        t.db.query(`INSERT INTO organizations (name, kind) VALUES ($1, 'base')`, [`绕过 ${process.pid}`]),
      ).rejects.toThrow(/organizations_one_base/);
      // The base itself may be edited and stays the base.
      await t.http
        .patch(`/api/organizations/${base.body.id}`)
        .set(admin.auth)
        .send({ kind: 'base', timeZone: 'Asia/Shanghai' })
        .expect(200);
    });
  });

  describe('no-show suspensions', () => {
    /** Two no-shows of `founder` with a mentor of `carrier`, the last one three hours ago. */
    async function twoNoShows(founder: SignedUp, carrier: Carrier): Promise<void> {
      const mentor = await makeMentor(t);
      const slots = await slotsOf(t, mentor.id);
      let i = 0;
      for (const hoursAgo of [24 * 40, 3]) {
        const { body } = await t.http
          .post(`/api/mentors/${mentor.id}/bookings`)
          .set(founder.auth)
          .send({ startsAt: slots[i++ * 2].startsAt, topic: '商业计划书' })
          .expect(201);
        // The session happened at the carrier, hours ago (so it has ended and may be marked).
        await t.db.query(
          `UPDATE bookings SET organization_id = $2, starts_at = now() - make_interval(hours => $3),
                  ends_at = now() - make_interval(hours => $3) + interval '1 hour' WHERE id = $1`,
          [body.id, carrier.organizationId, hoursAgo],
        );
        await t.http.post(`/api/bookings/${body.id}/no-show`).set(mentor.auth).send({}).expect(200);
      }
    }

    const suspended = async (founder: SignedUp) =>
      (await t.http.get(`/api/founders/${founder.id}/booking-suspension`).set(admin.auth).expect(200)).body
        .suspendedUntil as string | null;

    it("refuses another carrier's organizer (403) and lets the carrier's organizer lift it", async () => {
      const founder = await signup(t);
      await twoNoShows(founder, a);
      expect(await suspended(founder)).not.toBeNull();

      const refused = await t.http
        .delete(`/api/founders/${founder.id}/booking-suspension`)
        .set(b.organizer.auth)
        .expect(403);
      expect(refused.body.code).toBe('FORBIDDEN');
      expect(await suspended(founder)).not.toBeNull();
      await t.http.delete(`/api/founders/${founder.id}/booking-suspension`).set(founder.auth).expect(403);

      const lifted = await t.http
        .delete(`/api/founders/${founder.id}/booking-suspension`)
        .set(a.organizer.auth)
        .expect(200);
      expect(lifted.body).toEqual({ founderId: founder.id, suspendedUntil: null });
      expect(await suspended(founder)).toBeNull();
      const [audit] = await t.db.query(
        `SELECT actor_id, details FROM audit_log WHERE action = 'booking.suspension.lift' AND target_id = $1`,
        [founder.id],
      );
      expect(audit).toMatchObject({ actor_id: a.organizer.id, details: { excused: 2 } });
    });

    it("excuses only the organizer's own carrier's no-shows: the rest still suspend; an admin lifts all", async () => {
      const founder = await signup(t);
      await twoNoShows(founder, b);
      // One more at carrier A.
      const mentor = await makeMentor(t);
      const [slot] = await slotsOf(t, mentor.id);
      const { body } = await t.http
        .post(`/api/mentors/${mentor.id}/bookings`)
        .set(founder.auth)
        .send({ startsAt: slot.startsAt, topic: '股权设计' })
        .expect(409);
      expect(body.code).toBe('BOOKING_SUSPENDED');
      await t.db.query(
        `INSERT INTO bookings (mentor_id, founder_id, organization_id, starts_at, ends_at, status, topic, time_zone, marked_at)
         VALUES ($1, $2, $3, now() - interval '5 hours', now() - interval '4 hours', 'no_show', '股权设计', 'UTC', now())`,
        [mentor.id, founder.id, a.organizationId],
      );
      const partly = await t.http
        .delete(`/api/founders/${founder.id}/booking-suspension`)
        .set(a.organizer.auth)
        .expect(200);
      expect(partly.body.suspendedUntil).not.toBeNull();
      expect(await suspended(founder)).not.toBeNull();

      await t.http.delete(`/api/founders/${founder.id}/booking-suspension`).set(admin.auth).expect(200);
      expect(await suspended(founder)).toBeNull();
    });

    it('gives a booking the carrier of the organizer who invited its mentor', async () => {
      const invited = await signup(t);
      await t.http
        .post('/api/mentor-invitations')
        .set(a.organizer.auth)
        .send({ email: invited.email })
        .expect(201);
      // The link's secret is only in the mail: give the stored invitation a known one instead.
      const token = `carrier-invite-${process.pid}-0123456789`;
      await t.db.query(
        `UPDATE mentor_invitations SET token_hash = encode(sha256(convert_to($2, 'UTF8')), 'hex') WHERE email = $1`,
        [invited.email, token],
      );
      await t.http.post('/api/mentor-invitations/accept').set(invited.auth).send({ token }).expect(200);
      await t.http
        .put('/api/me/mentor-profile')
        .set(invited.auth)
        .send({ category: 'banker', expertise: ['financing'], published: true })
        .expect(200);
      await t.http.put('/api/me/availability').set(invited.auth).send(OPEN_ALL_DAY).expect(200);
      const uninvited = await makeMentor(t);

      const founder = await signup(t);
      const carrierOfBooking = async (mentor: SignedUp) => {
        const [slot] = await slotsOf(t, mentor.id);
        const booked = await t.http
          .post(`/api/mentors/${mentor.id}/bookings`)
          .set(founder.auth)
          .send({ startsAt: slot.startsAt, topic: '银行贷款' })
          .expect(201);
        const [row] = await t.db.query(`SELECT organization_id FROM bookings WHERE id = $1`, [
          booked.body.id,
        ]);
        return row.organization_id as string | null;
      };
      expect(await carrierOfBooking(invited)).toBe(a.organizationId);
      // A mentor no carrier invited: bookings without a carrier, whose suspensions admins lift.
      expect(await carrierOfBooking(uninvited)).toBeNull();
    });
  });

  describe('user look-up by email', () => {
    it('tells organizers name and company, not roles or two-step state; admins see roles', async () => {
      const person = await signup(t, { displayName: '查询对象' });
      await grantRole(t, person.id, 'mentor');
      await t.http
        .patch('/api/me')
        .set(person.auth)
        .send({ company: { name: `查询公司 ${process.pid}` } })
        .expect(200);
      await t.db.query(
        `UPDATE users SET totp_secret = 'JBSWY3DPEHPK3PXP', totp_enabled_at = now() WHERE id = $1`,
        [person.id],
      );

      const byOrganizer = await t.http
        .get('/api/users')
        .query({ email: person.email })
        .set(a.organizer.auth)
        .expect(200);
      expect(byOrganizer.body).toEqual([
        {
          id: person.id,
          email: person.email,
          displayName: '查询对象',
          companyName: `查询公司 ${process.pid}`,
        },
      ]);

      const byAdmin = await t.http
        .get('/api/users')
        .query({ email: person.email })
        .set(admin.auth)
        .expect(200);
      expect(byAdmin.body).toEqual([
        {
          id: person.id,
          email: person.email,
          displayName: '查询对象',
          companyName: `查询公司 ${process.pid}`,
          roles: ['founder', 'mentor'],
          mfaEnabled: true,
        },
      ]);
      await t.http.get('/api/users').query({ email: person.email }).set(person.auth).expect(403);
    });
  });
});
