import { creditCodeCheckCharacter } from '@wutong/shared';
import { setUpCarrier, type Carrier } from '../support/events';
import { signup, startTestApp, verifyEmail, type SignedUp, type TestApp } from '../support/test-app';

let codes = 0;
/** A valid unified social credit code, new for each call. */
function creditCode(): string {
  const body = `91430400MA4${String(200000 + process.pid * 100 + codes++).slice(-6)}`;
  return body + creditCodeCheckCharacter(body)!;
}

/**
 * Issue 15, point 2: `PATCH /api/me {company}` joined an existing company by credit code (or by name)
 * and the same call, sent twice, rewrote its name, stage, industry and incubator — which registrant
 * lists, CSVs, the door, mentors and the base's reports show. Joining now never edits; the company's
 * owner and the organizers of its incubator edit it through `PATCH /api/companies/:id`, audited.
 */
describe('companies: joining never edits; owners and incubator organizers do (issue 15, point 2)', () => {
  let t: TestApp;
  let c: Carrier;
  let other: Carrier;
  beforeAll(async () => {
    t = await startTestApp();
    c = await setUpCarrier(t);
    other = await setUpCarrier(t, c.admin);
  });
  afterAll(() => t.close());

  const company = async (id: string) =>
    (
      await t.db.query(
        `SELECT name, credit_code, stage, industry, incubator_id, owner_id FROM companies WHERE id = $1`,
        [id],
      )
    )[0];
  const me = async (user: SignedUp) => (await t.http.get('/api/me').set(user.auth).expect(200)).body;
  const join = (user: SignedUp, body: unknown) =>
    t.http.patch('/api/me').set(user.auth).send({ company: body }).expect(200);
  const audit = (companyId: string) =>
    t.db.query(
      `SELECT actor_id, action, details FROM audit_log WHERE target_type = 'company' AND target_id = $1 ORDER BY created_at`,
      [companyId],
    );

  async function founded(stage = 'prototype') {
    const owner = await signup(t, { displayName: '创始人甲' });
    const code = creditCode();
    const mine = await join(owner, {
      name: '衡阳智造科技有限公司',
      creditCode: code,
      stage,
      industry: 'software',
      incubatorId: c.organizationId,
    });
    return { owner, code, id: mine.body.company.id as string };
  }

  it('lets anyone join a company by its credit code, but never rewrite it, however often they send it', async () => {
    const { owner, code, id } = await founded();
    const before = await company(id);
    expect(before.owner_id).toBe(owner.id);
    const attacker = await signup(t, { displayName: '冒名者' });
    const hostile = {
      name: '已注销的空壳公司',
      creditCode: code,
      stage: 'mature',
      industry: 'other',
      incubatorId: other.organizationId,
    };
    for (let i = 0; i < 3; i++) {
      const res = await join(attacker, hostile);
      expect(res.body.company).toMatchObject({ id, name: before.name, editable: false, ownerId: owner.id });
    }
    expect(await company(id)).toEqual(before);
    expect((await me(attacker)).company).toMatchObject({ id, ownerName: '创始人甲', editable: false });
    // Joining by name (companies without a code) is the same.
    const nameOnly = await signup(t);
    const created = await join(nameOnly, { name: `无代码工作室 ${codes}`, stage: 'idea' });
    const other2 = await signup(t);
    await join(other2, { name: created.body.company.name.toUpperCase(), stage: 'growth', industry: 'other' });
    await join(other2, { name: created.body.company.name, stage: 'growth', industry: 'other' });
    expect(await company(created.body.company.id)).toMatchObject({ stage: 'idea', industry: null });
    // Nothing was changed, so nothing was audited but the owner's own creation.
    expect(await audit(id)).toEqual([]);
  });

  it('lets the owner edit through PATCH /companies/:id and PATCH /me, audited; members 403, strangers 404', async () => {
    const { owner, code, id } = await founded();
    const member = await signup(t);
    await join(member, { name: 'x', creditCode: code });
    const stranger = await signup(t);
    const update = (user: { auth: Record<string, string> }, body: object) =>
      t.http.patch(`/api/companies/${id}`).set(user.auth).send(body);

    expect((await update(member, { stage: 'mature' }).expect(403)).body.code).toBe('FORBIDDEN');
    await update(stranger, { stage: 'mature' }).expect(404);
    await update(other.organizer, { stage: 'mature' }).expect(404);
    const edited = await update(owner, { name: '衡阳智造科技股份有限公司', stage: 'growth' }).expect(200);
    expect(edited.body).toMatchObject({ name: '衡阳智造科技股份有限公司', stage: 'growth', editable: true });
    // The owner's own profile form (PATCH /me) still edits, audited the same way.
    await join(owner, { name: '衡阳智造科技股份有限公司', creditCode: code, industry: 'electronics' });
    expect(await company(id)).toMatchObject({ stage: 'growth', industry: 'electronics' });
    const entries = await audit(id);
    expect(entries).toEqual([
      {
        actor_id: owner.id,
        action: 'company.update',
        details: {
          changes: {
            name: { from: '衡阳智造科技有限公司', to: '衡阳智造科技股份有限公司' },
            stage: { from: 'prototype', to: 'growth' },
          },
        },
      },
      {
        actor_id: owner.id,
        action: 'company.update',
        details: { changes: { industry: { from: 'software', to: 'electronics' } } },
      },
    ]);
    // Bad input: a wrong check character, an unknown carrier, another company's code.
    const valid = creditCode();
    const wrongCheck = valid.slice(0, 17) + (valid[17] === '0' ? '1' : '0');
    expect((await update(owner, { creditCode: wrongCheck }).expect(400)).body.code).toBe(
      'INVALID_CREDIT_CODE',
    );
    await update(owner, { incubatorId: '00000000-0000-4000-8000-000000000000' }).expect(400);
    const taken = await founded();
    expect((await update(owner, { creditCode: taken.code }).expect(409)).body.code).toBe('COMPANY_EXISTS');
    await t.http
      .patch('/api/companies/00000000-0000-4000-8000-000000000000')
      .set(owner.auth)
      .send({})
      .expect(404);
  });

  it("lets the incubator's organizers and admins edit it and name its owner among its members", async () => {
    const { owner, code, id } = await founded();
    const member = await signup(t, { displayName: '新负责人' });
    await join(member, { name: 'x', creditCode: code });
    await t.http
      .patch(`/api/companies/${id}`)
      .set(c.organizer.auth)
      .send({ industry: 'biomedicine' })
      .expect(200);
    await t.http.patch(`/api/companies/${id}`).set(c.admin.auth).send({ stage: 'idea' }).expect(200);

    const name = (who: SignedUp, userId: string) =>
      t.http.put(`/api/companies/${id}/owner`).set(who.auth).send({ userId });
    expect((await name(owner, member.id).expect(403)).body.code).toBe('FORBIDDEN'); // founders never
    await name(other.organizer, member.id).expect(404);
    const stranger = await signup(t);
    expect((await name(c.organizer, stranger.id).expect(409)).body.code).toBe('NOT_COMPANY_MEMBER');
    const named = await name(c.organizer, member.id).expect(200);
    expect(named.body).toMatchObject({ ownerId: member.id, ownerName: '新负责人', editable: true });
    // The old owner is a member like any other now.
    await t.http.patch(`/api/companies/${id}`).set(owner.auth).send({ stage: 'growth' }).expect(403);
    await t.http.patch(`/api/companies/${id}`).set(member.auth).send({ stage: 'growth' }).expect(200);
    const [entry] = (await audit(id)).filter((e: { action: string }) => e.action === 'company.owner');
    expect(entry).toEqual({
      actor_id: c.organizer.id,
      action: 'company.owner',
      details: { from: owner.id, to: member.id, reason: 'named' },
    });
  });

  it('passes ownership to the next verified member when the owner leaves; an unverified founder keeps nothing until verified', async () => {
    const { owner, code, id } = await founded();
    const unverified = await signup(t, {}, { verified: false });
    await join(unverified, { name: 'x', creditCode: code });
    const second = await signup(t);
    await join(second, { name: 'x', creditCode: code });
    await t.http.patch('/api/me').set(owner.auth).send({ company: null }).expect(200);
    expect((await company(id)).owner_id).toBe(second.id);
    await t.http.patch('/api/me').set(second.auth).send({ company: null }).expect(200);
    expect((await company(id)).owner_id).toBeNull();
    // The unverified member becomes the owner once its address is confirmed.
    await verifyEmail(t, unverified);
    expect((await company(id)).owner_id).toBe(unverified.id);

    // A company created by an unverified founder has no owner yet.
    const fresh = await signup(t, {}, { verified: false });
    const created = await join(fresh, { name: 'y', creditCode: creditCode(), stage: 'idea' });
    expect(created.body.company).toMatchObject({ ownerId: null, editable: false, stage: 'idea' });
  });
});
