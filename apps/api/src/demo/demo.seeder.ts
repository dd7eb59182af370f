import { randomBytes } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { COMPANY_STAGES, INDUSTRIES, creditCodeCheckCharacter } from '@wutong/shared';
import { PasswordService } from '../auth/password.service';
import { seedMentorProfiles } from './demo-mentors';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { seedDemoActivity } from './demo-activity';
import { seedDemoEvents } from './demo-events';
import {
  DEMO_BASE,
  DEMO_CARRIERS,
  DEMO_COMPANY_KINDS,
  DEMO_COMPANY_WORDS,
  DEMO_MENTOR_MIX,
  demoName,
} from './demo-data';

export const DEMO_PASSWORD = 'wutong-demo-2026';
export const DEMO_FOUNDERS = 240;
export const DEMO_LOGINS = {
  admin: 'admin@demo.wutong.cn',
  organizer: 'organizer.innovation@demo.wutong.cn',
  mentor: 'mentor.1@demo.wutong.cn',
  founder: 'founder.1@demo.wutong.cn',
};

/** A valid unified social credit code for the n-th demo company (check character per GB 32100). */
function demoCreditCode(n: number): string {
  const body = `91430400MA4${String(100000 + n).padStart(6, '0')}`;
  return body + creditCodeCheckCharacter(body);
}

/**
 * Loads the demo base when WUTONG_DEMO=1 (the default of `npm start` without DATABASE_URL): carriers,
 * their organizers, 60 mentors and a few hundred founders with companies. Idempotent: it does nothing
 * when the demo base exists. Every demo account's password is DEMO_PASSWORD — except with
 * NODE_ENV=production, where the README's password would open a public server to anyone: there
 * the demo accounts get a random password, printed once on the console (and a demo base loaded
 * earlier with the public password gets one at the next start).
 * Demo accounts count as verified (their addresses are not real). Bulk SQL on purpose: this fixture
 * spans features and must load in seconds.
 */
@Injectable()
export class DemoSeeder implements OnApplicationBootstrap {
  private readonly logger = new Logger('Demo');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly passwords: PasswordService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.demo) return;
    await this.seed();
  }

  async seed(): Promise<'loaded' | 'present'> {
    const started = Date.now();
    const password = this.config.production ? randomBytes(12).toString('base64url') : DEMO_PASSWORD;
    let announce = false;
    const outcome = await this.dataSource.transaction(async (m) => {
      // One loader at a time, even with several processes starting together.
      await m.query(`SELECT pg_advisory_xact_lock(hashtext('wutong.demo'))`);
      const present = await m.query(`SELECT 1 FROM organizations WHERE name = $1`, [DEMO_BASE.name]);
      if (present.length > 0) {
        await seedMentorProfiles(m); // mentor profiles came later (issue #5): fill them in on older demo data
        await this.verifyAccounts(m); // verification came later (issue 15)
        if (this.config.production) announce = await this.replacePublicPassword(m, password);
        return 'present' as const;
      }
      const progress = (step: string) => this.logger.log(`demo data: ${step}`);
      const hash = await this.passwords.hash(password);
      const carriers = await this.seedOrganizations(m);
      progress(`${carriers.size} carriers`);
      await this.seedAccounts(m, hash, carriers);
      progress(`admin, ${carriers.size} organizers, 60 mentors`);
      await this.seedFounders(m, hash, [...carriers.values()]);
      progress(`${DEMO_FOUNDERS} founders with their companies`);
      await seedMentorProfiles(m);
      progress('60 mentor profiles with office hours');
      const seeded = await seedDemoEvents(m, [...carriers.values()]);
      progress(`${seeded.events} events with ${seeded.registrations} registrations`);
      const activity = await seedDemoActivity(m);
      progress(
        `${activity.checkIns} check-ins, ${activity.walkIns} walk-ins, ${activity.mentoring} past mentoring sessions`,
      );
      await this.verifyAccounts(m);
      announce = this.config.production;
      return 'loaded' as const;
    });
    if (announce) this.announce(password);
    this.logger.log(
      outcome === 'loaded' ? `demo data loaded in ${Date.now() - started} ms` : 'demo data already present',
    );
    return outcome;
  }

  /** Demo accounts count as verified; each demo company is kept by its verified member with the oldest account. */
  private async verifyAccounts(m: EntityManager): Promise<void> {
    await m.query(
      `UPDATE users SET verified_at = coalesce(verified_at, now()), email_verified_at = coalesce(email_verified_at, now())
        WHERE email LIKE '%@demo.wutong.cn' AND email_verified_at IS NULL`,
    );
    await m.query(
      `UPDATE companies c SET owner_id = (
         SELECT u.id FROM users u WHERE u.company_id = c.id AND u.verified_at IS NOT NULL ORDER BY u.created_at, u.id LIMIT 1)
        WHERE c.owner_id IS NULL AND EXISTS (
         SELECT 1 FROM users u WHERE u.company_id = c.id AND u.email LIKE '%@demo.wutong.cn')`,
    );
  }

  /**
   * Production with a demo base that still has the public password: every demo account (they share
   * one hash) gets the new one. True when it was replaced.
   */
  private async replacePublicPassword(m: EntityManager, password: string): Promise<boolean> {
    const [admin]: { password_hash: string }[] = await m.query(
      `SELECT password_hash FROM users WHERE email = $1`,
      [DEMO_LOGINS.admin],
    );
    if (!admin || !(await this.passwords.verify(admin.password_hash, DEMO_PASSWORD))) return false;
    await m.query(`UPDATE users SET password_hash = $2 WHERE password_hash = $1`, [
      admin.password_hash,
      await this.passwords.hash(password),
    ]);
    return true;
  }

  /**
   * The production demo password, shown once on the console whatever LOG_LEVEL says (it is stored
   * nowhere but as a hash). Never in the structured log, which may be shipped elsewhere.
   */
  private announce(password: string): void {
    process.stderr.write(
      `[wutong] NODE_ENV=production: the demo accounts (${Object.values(DEMO_LOGINS).join(', ')}) ` +
        `have the password ${password} — shown this once, write it down.
`,
    );
  }

  private async seedOrganizations(m: EntityManager): Promise<Map<string, string>> {
    const [base] = await m.query(`INSERT INTO organizations (name, kind) VALUES ($1, $2) RETURNING id`, [
      DEMO_BASE.name,
      DEMO_BASE.kind,
    ]);
    const rows: { id: string; name: string }[] = await m.query(
      `INSERT INTO organizations (name, kind, parent_id)
       SELECT name, kind, $3 FROM unnest($1::text[], $2::text[]) AS c(name, kind) RETURNING id, name`,
      [DEMO_CARRIERS.map((c) => c.name), DEMO_CARRIERS.map((c) => c.kind), base.id],
    );
    const byName = new Map(rows.map((r) => [r.name, r.id]));
    return new Map(DEMO_CARRIERS.map((c) => [c.slug, byName.get(c.name)!]));
  }

  private async seedAccounts(m: EntityManager, hash: string, carriers: Map<string, string>): Promise<void> {
    await m.query(
      `INSERT INTO users (email, password_hash, display_name, roles) VALUES ($1, $2, '基地管理员', ARRAY['admin'])
       ON CONFLICT DO NOTHING`,
      [DEMO_LOGINS.admin, hash],
    );
    let n = 1000;
    for (const [slug, organizationId] of carriers) {
      const [user] = await m.query(
        `INSERT INTO users (email, password_hash, display_name, roles) VALUES ($1, $2, $3, ARRAY['organizer']) RETURNING id`,
        [`organizer.${slug}@demo.wutong.cn`, hash, demoName(n++)],
      );
      await m.query(`INSERT INTO organization_members (organization_id, user_id) VALUES ($1, $2)`, [
        organizationId,
        user.id,
      ]);
    }
    const mentors = DEMO_MENTOR_MIX.flatMap(([category, count]) =>
      Array.from({ length: count }, () => category),
    );
    await m.query(
      `INSERT INTO users (email, password_hash, display_name, roles)
       SELECT 'mentor.' || i || '@demo.wutong.cn', $1, name, ARRAY['mentor'] FROM unnest($2::text[]) WITH ORDINALITY AS t(name, i)`,
      [hash, mentors.map((_, i) => demoName(2000 + i))],
    );
  }

  private async seedFounders(m: EntityManager, hash: string, carrierIds: string[]): Promise<void> {
    const companies = Math.floor(DEMO_FOUNDERS * 0.75);
    const names = Array.from({ length: companies }, (_, i) => {
      const word = DEMO_COMPANY_WORDS[i % DEMO_COMPANY_WORDS.length];
      const kind = DEMO_COMPANY_KINDS[Math.floor(i / DEMO_COMPANY_WORDS.length) % DEMO_COMPANY_KINDS.length];
      return `衡阳${word}${kind}有限公司${i >= 96 ? `（${Math.floor(i / 96) + 1}）` : ''}`;
    });
    const companyIds: { id: string }[] = await m.query(
      `INSERT INTO companies (name, credit_code, stage, industry, incubator_id)
       SELECT name, CASE WHEN i % 5 = 0 THEN NULL ELSE code END, stage, industry, incubator
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::uuid[]) WITH ORDINALITY AS t(name, code, stage, industry, incubator, i)
       RETURNING id`,
      [
        names,
        names.map((_, i) => demoCreditCode(i)),
        names.map((_, i) => COMPANY_STAGES[i % COMPANY_STAGES.length]),
        names.map((_, i) => INDUSTRIES[i % INDUSTRIES.length]),
        names.map((_, i) => carrierIds[i % carrierIds.length]),
      ],
    );
    // Most founders have a company; some companies have two founders.
    await m.query(
      `INSERT INTO users (email, password_hash, display_name, locale, phone, company_id)
       SELECT 'founder.' || i || '@demo.wutong.cn', $1, name, CASE WHEN i % 10 = 0 THEN 'en' ELSE 'zh-CN' END,
              '138' || lpad((73110000 + i)::text, 8, '0'), company
         FROM unnest($2::text[], $3::uuid[]) WITH ORDINALITY AS t(name, company, i)`,
      [
        hash,
        Array.from({ length: DEMO_FOUNDERS }, (_, i) => demoName(i + 1)),
        Array.from({ length: DEMO_FOUNDERS }, (_, i) =>
          i % 8 === 7 ? null : companyIds[i % companyIds.length].id,
        ),
      ],
    );
  }
}
