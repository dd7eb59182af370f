import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { exportDay, exportFileName, type Locale } from '@wutong/shared';
import type { Principal } from '../../common/auth/principal';
import { notFound } from '../../common/errors/domain.exception';
import { worksTheDoor } from '../door-access';
import { maskPhone } from './mask-phone';
import { renderSignInSheet, SHEET_WORDS, type SheetPerson } from './sign-in-sheet.pdf';

interface SessionRow {
  organization_id: string;
  carrier: string;
  time_zone: string;
  event_title: string;
  session_title: string | null;
  position: number;
  sessions: number;
  starts_at: Date;
  ends_at: Date;
  venue: string | null;
  address: string | null;
  online_url: string | null;
  co_host_ids: string[];
}

interface PersonRow {
  name: string;
  company: string | null;
  phone: string | null;
  checked_in_at: Date | null;
}

/**
 * The printable sign-in sheet of one session: blank (registrants, a signature column, empty rows
 * for walk-ins) or filled (check-in times, the walk-ins who came).
 */
@Injectable()
export class SignInSheetService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async pdf(
    actor: Principal,
    sessionId: string,
    filled: boolean,
    locale: Locale,
    now = new Date(),
  ): Promise<{ file: Buffer; name: string }> {
    const [s]: SessionRow[] = await this.dataSource.query(
      `SELECT e.organization_id, o.name AS carrier, o.time_zone, e.title AS event_title,
              s.title AS session_title, s.starts_at, s.ends_at, v.name AS venue, v.address, e.online_url,
              (SELECT count(*)::int FROM event_sessions x WHERE x.event_id = e.id AND (x.starts_at, x.id) <= (s.starts_at, s.id)) AS position,
              (SELECT count(*)::int FROM event_sessions x WHERE x.event_id = e.id) AS sessions,
              ARRAY(SELECT h.co_host_id FROM event_co_hosts h WHERE h.event_id = e.id) AS co_host_ids
         FROM event_sessions s JOIN events e ON e.id = s.event_id JOIN organizations o ON o.id = e.organization_id
         LEFT JOIN venues v ON v.id = e.venue_id
        WHERE s.id = $1`,
      [sessionId],
    );
    // Another carrier's session is unknown to the asker: 404, as for none.
    if (!s || !worksTheDoor(actor, s.organization_id, s.co_host_ids)) throw notFound();
    const registrants: PersonRow[] = await this.dataSource.query(
      `SELECT u.display_name AS name, c.name AS company, coalesce(u.phone, u.verified_phone) AS phone,
              ci.checked_in_at
         FROM registrations r JOIN users u ON u.id = r.user_id
         LEFT JOIN companies c ON c.id = u.company_id
         LEFT JOIN check_ins ci ON ci.session_id = $1 AND ci.registration_id = r.id
        WHERE r.event_id = (SELECT event_id FROM event_sessions WHERE id = $1)
          AND (r.status = 'confirmed' OR ci.id IS NOT NULL)
        ORDER BY u.display_name, r.created_at`,
      [sessionId],
    );
    const walkIns: PersonRow[] = filled
      ? await this.dataSource.query(
          `SELECT ci.walk_in_name AS name, c.name AS company, ci.walk_in_phone AS phone, ci.checked_in_at
             FROM check_ins ci LEFT JOIN companies c ON c.id = ci.company_id
            WHERE ci.session_id = $1 AND ci.registration_id IS NULL
            ORDER BY ci.checked_in_at, ci.id`,
          [sessionId],
        )
      : [];
    const zone = s.time_zone;
    const clock = (at: Date) =>
      new Intl.DateTimeFormat('en-GB', {
        timeZone: zone,
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      }).format(at);
    const person = (p: PersonRow): SheetPerson => ({
      name: p.name,
      company: p.company,
      phone: maskPhone(p.phone),
      checkedInAt: filled && p.checked_in_at ? clock(p.checked_in_at) : null,
    });
    const w = SHEET_WORDS[locale];
    const day = exportDay(s.starts_at, zone);
    const place =
      [s.venue, s.address].filter(Boolean).join(' · ') || (s.online_url ? `${w.online} ${s.online_url}` : '');
    const session =
      s.sessions > 1
        ? `${s.position} / ${s.sessions}${s.session_title ? ` · ${s.session_title}` : ''}`
        : (s.session_title ?? `1 / 1`);
    const file = await renderSignInSheet(
      {
        filled,
        carrier: s.carrier,
        event: s.event_title,
        session,
        place,
        time: `${day} ${clock(s.starts_at)}–${clock(s.ends_at)} (${zone})`,
        registrants: registrants.map(person),
        walkIns: walkIns.map(person),
        printedAt: `${exportDay(now, zone)} ${clock(now)}`,
      },
      locale,
    );
    return {
      file,
      name: exportFileName([filled ? w.filledTitle : w.title, s.event_title, day], 'pdf'),
    };
  }
}
