import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import {
  isValidCreditCode,
  normalizeCreditCode,
  type CompanyRecordView,
  type CompanySearchEntry,
} from '@wutong/shared';
import { isAdmin, type Principal } from '../common/auth/principal';
import { forbidden, notFound } from '../common/errors/domain.exception';
import { CompaniesService, viewerOf } from './companies.service';

/** Any organizer or admin: the base's staff keep one file per company across carriers. */
const isStaff = (p: Principal) => isAdmin(p) || p.roles.includes('organizer');

/**
 * One file per company (一企一档): every registration, visit, mentoring session (with its record)
 * and certificate of the company's people, across carriers. Read by the base's staff (any organizer,
 * admins) and by the company's own members.
 */
@Injectable()
export class CompanyRecordService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly companies: CompaniesService,
  ) {}

  /** Companies whose name or credit code contains the text (at most 50), for staff. */
  async search(caller: Principal, q: string): Promise<CompanySearchEntry[]> {
    if (!isStaff(caller)) throw forbidden();
    const text = q.trim();
    if (!text) return [];
    const like = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const rows: { id: string; name: string; credit_code: string | null; members: number }[] =
      await this.dataSource.query(
        `SELECT c.id, c.name, c.credit_code, (SELECT count(*)::int FROM users u WHERE u.company_id = c.id) AS members
           FROM companies c
          WHERE c.name ILIKE $1 OR c.credit_code ILIKE $2
          ORDER BY (c.credit_code IS NULL), c.name
          LIMIT 50`,
        [like, `%${normalizeCreditCode(text).replace(/[\\%_]/g, '')}%`],
      );
    return rows.map((r) => ({ id: r.id, name: r.name, creditCode: r.credit_code, members: r.members }));
  }

  async record(caller: Principal, creditCodeRaw: string): Promise<CompanyRecordView> {
    const creditCode = normalizeCreditCode(creditCodeRaw);
    if (!isValidCreditCode(creditCode)) throw notFound();
    const [company]: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM companies WHERE credit_code = $1`,
      [creditCode],
    );
    if (!company) throw notFound();
    if (!isStaff(caller)) {
      const [member]: unknown[] = await this.dataSource.query(
        `SELECT 1 FROM users WHERE id = $1 AND company_id = $2`,
        [caller.userId, company.id],
      );
      if (!member) throw forbidden();
    }
    const id = company.id;
    const [view, events, visits, mentoring, certificates] = await Promise.all([
      this.companies.view(id, viewerOf(caller)),
      this.dataSource.query<Record<string, unknown>[]>(
        `SELECT e.id AS event_id, e.title, e.type, o.name AS carrier, o.time_zone,
                (SELECT min(s.starts_at) FROM event_sessions s WHERE s.event_id = e.id) AS starts_at,
                u.display_name AS person, r.status
           FROM registrations r
           JOIN users u ON u.id = r.user_id
           JOIN events e ON e.id = r.event_id
           JOIN organizations o ON o.id = e.organization_id
          WHERE u.company_id = $1
          ORDER BY starts_at DESC NULLS LAST
          LIMIT 2000`,
        [id],
      ),
      this.dataSource.query<Record<string, unknown>[]>(
        `SELECT e.id AS event_id, e.title, o.name AS carrier, o.time_zone, s.starts_at AS session_starts_at,
                c.checked_in_at, coalesce(u.display_name, c.walk_in_name) AS person, c.registration_id IS NULL AS walk_in
           FROM check_ins c
           JOIN event_sessions s ON s.id = c.session_id
           JOIN events e ON e.id = c.event_id
           JOIN organizations o ON o.id = c.organization_id
           LEFT JOIN users u ON u.id = c.user_id
          WHERE c.company_id = $1
          ORDER BY s.starts_at DESC
          LIMIT 5000`,
        [id],
      ),
      this.dataSource.query<Record<string, unknown>[]>(
        `SELECT b.id AS booking_id, b.starts_at, b.time_zone, m.display_name AS mentor, f.display_name AS founder,
                b.topic, b.status, b.record_summary
           FROM bookings b
           JOIN users f ON f.id = b.founder_id
           JOIN users m ON m.id = b.mentor_id
          WHERE f.company_id = $1 AND b.status IN ('confirmed','completed','no_show')
          ORDER BY b.starts_at DESC
          LIMIT 2000`,
        [id],
      ),
      this.dataSource.query<Record<string, unknown>[]>(
        `SELECT c.serial, e.title, o.name AS carrier, c.holder_name, c.hours::float AS hours, c.issued_at
           FROM certificates c
           JOIN registrations r ON r.id = c.registration_id
           JOIN users u ON u.id = r.user_id
           JOIN events e ON e.id = c.event_id
           JOIN organizations o ON o.id = c.organization_id
          WHERE u.company_id = $1 AND c.revoked_at IS NULL
          ORDER BY c.issued_at DESC
          LIMIT 2000`,
        [id],
      ),
    ]);
    const iso = (d: unknown) => (d instanceof Date ? d.toISOString() : (d as string | null));
    return {
      company: view,
      events: events.map((r) => ({
        eventId: r.event_id as string,
        title: r.title as string,
        type: r.type as string,
        carrier: r.carrier as string,
        timeZone: r.time_zone as string,
        startsAt: iso(r.starts_at) as string,
        person: r.person as string,
        status: r.status as string,
      })),
      visits: visits.map((r) => ({
        eventId: r.event_id as string,
        title: r.title as string,
        carrier: r.carrier as string,
        timeZone: r.time_zone as string,
        sessionStartsAt: iso(r.session_starts_at) as string,
        checkedInAt: iso(r.checked_in_at) as string,
        person: r.person as string,
        walkIn: r.walk_in as boolean,
      })),
      mentoring: mentoring.map((r) => ({
        bookingId: r.booking_id as string,
        startsAt: iso(r.starts_at) as string,
        timeZone: r.time_zone as string,
        mentor: r.mentor as string,
        founder: r.founder as string,
        topic: r.topic as string,
        status: r.status as string,
        summary: (r.record_summary as string | null) ?? null,
      })),
      certificates: certificates.map((r) => ({
        serial: r.serial as string,
        title: r.title as string,
        carrier: r.carrier as string,
        holder: r.holder_name as string,
        hours: r.hours as number,
        issuedAt: iso(r.issued_at) as string,
      })),
    };
  }
}
