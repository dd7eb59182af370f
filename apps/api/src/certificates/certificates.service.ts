import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { CertificateCheckView, CertificateView } from '@wutong/shared';
import { AuditService } from '../audit/audit.service';
import { organizes, type Principal } from '../common/auth/principal';
import { DomainException, notFound } from '../common/errors/domain.exception';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { renderCertificate } from './certificate.pdf';

interface Standing {
  registration_id: string;
  user_id: string;
  status: string;
  holder_name: string;
  event_id: string;
  event_title: string;
  event_status: string;
  organization_id: string;
  organization_name: string;
  time_zone: string;
  completion_share: string;
  sessions: number;
  attended: number;
  attended_hours: string;
  first_start: Date;
  last_start: Date;
  /** The last session's end, and the database's clock: issued only after it. */
  last_end: Date;
  now: Date;
}

interface CertificateRow {
  serial: string;
  verify_code: string;
  holder_name: string;
  hours: string;
  issued_at: Date;
  revoked_at: Date | null;
  event_title: string;
  organization_name: string;
  organization_id: string;
  time_zone: string;
  first_start: Date;
  last_start: Date;
}

const day = (zone: string, at: Date) => new Intl.DateTimeFormat('sv-SE', { timeZone: zone }).format(at);

/** 144 random bits: the code in a certificate's QR, the only key to whose certificate it is. */
const newVerifyCode = () => randomBytes(18).toString('base64url');

/**
 * Completion certificates: issued (once, with a serial and a verification code) to a confirmed
 * registrant present at the event's completion share of its sessions, once the last session has
 * ended; verified publicly by the code in the QR (whose, what, how many hours) — the printed serial
 * alone tells only whether it is valid and for which event; revocable by the organizers.
 */
@Injectable()
export class CertificatesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The PDF for the registration's owner or its organizers; 409 NOT_COMPLETED below the threshold. */
  async pdf(actor: Principal, registrationId: string): Promise<{ pdf: Buffer; serial: string }> {
    const s = await this.standing(registrationId);
    if (!s || (s.user_id !== actor.userId && !organizes(actor, s.organization_id))) throw notFound();
    if (s.event_status === 'cancelled') throw new DomainException('EVENT_CANCELLED');
    if (s.status !== 'confirmed') throw new DomainException('NOT_CONFIRMED', { status: s.status });
    if (s.now < s.last_end)
      throw new DomainException('EVENT_NOT_ENDED', { endsAt: s.last_end.toISOString() });
    const needed = Math.max(1, Math.ceil(Number(s.completion_share) * s.sessions - 1e-9));
    if (s.attended < needed) throw new DomainException('NOT_COMPLETED', { attended: s.attended, needed });
    const hours = Math.round(Number(s.attended_hours) * 2) / 2;
    await this.dataSource.query(
      `INSERT INTO certificates (organization_id, event_id, registration_id, serial, holder_name, hours, verify_code)
       VALUES ($1, $2, $3, 'WT-' || to_char(now(), 'YYYY') || '-' || lpad(nextval('certificate_serial_seq')::text, 6, '0'), $4, $5, $6)
       ON CONFLICT (registration_id, organization_id) DO NOTHING`,
      [s.organization_id, s.event_id, s.registration_id, s.holder_name, hours, newVerifyCode()],
    );
    const cert = (await this.row('c.registration_id = $1', registrationId))!;
    if (cert.revoked_at) throw new DomainException('CERTIFICATE_REVOKED');
    const view = this.toView(cert);
    const pdf = await renderCertificate({
      ...view,
      issuedOn: day(cert.time_zone, cert.issued_at),
      verifyUrl: `${this.config.publicUrl}/certificates/verify/${cert.verify_code}`,
    });
    return { pdf, serial: cert.serial };
  }

  /** Public: what the QR code on a certificate opens (its unguessable code): whose, what, how long. */
  async verify(code: string): Promise<CertificateView> {
    const cert = await this.row('c.verify_code = $1', code);
    if (!cert) throw notFound();
    return this.toView(cert);
  }

  /** Public: what a typed serial tells — valid or not, and the event; never the holder. */
  async check(serial: string): Promise<CertificateCheckView> {
    const cert = await this.row('c.serial = $1', serial);
    if (!cert) throw notFound();
    return {
      serial: cert.serial,
      valid: cert.revoked_at === null,
      eventTitle: cert.event_title,
      organizationName: cert.organization_name,
    };
  }

  async revoke(actor: Principal, serial: string): Promise<CertificateView> {
    const cert = await this.row('c.serial = $1', serial);
    if (!cert || !organizes(actor, cert.organization_id)) throw notFound();
    await this.dataSource.transaction(async (m) => {
      await m.query(
        `UPDATE certificates SET revoked_at = coalesce(revoked_at, now()), revoked_by = coalesce(revoked_by, $2) WHERE serial = $1`,
        [serial, actor.userId],
      );
      await this.audit.record(m, {
        actorId: actor.userId,
        action: 'certificate.revoke',
        targetType: 'certificate',
        targetId: serial,
        organizationId: cert.organization_id,
      });
    });
    return this.toView((await this.row('c.serial = $1', serial))!);
  }

  private async standing(registrationId: string): Promise<Standing | null> {
    const [row]: Standing[] = await this.dataSource.query(
      `SELECT r.id AS registration_id, r.user_id, r.status, u.display_name AS holder_name,
              e.id AS event_id, e.title AS event_title, e.status AS event_status, e.completion_share,
              o.id AS organization_id, o.name AS organization_name, o.time_zone,
              (SELECT count(*)::int FROM event_sessions s WHERE s.event_id = e.id) AS sessions,
              count(ci.id)::int AS attended,
              coalesce(sum(extract(epoch FROM s2.ends_at - s2.starts_at) / 3600), 0) AS attended_hours,
              (SELECT min(starts_at) FROM event_sessions s WHERE s.event_id = e.id) AS first_start,
              (SELECT max(starts_at) FROM event_sessions s WHERE s.event_id = e.id) AS last_start,
              (SELECT max(ends_at) FROM event_sessions s WHERE s.event_id = e.id) AS last_end,
              now() AS now
         FROM registrations r JOIN users u ON u.id = r.user_id JOIN events e ON e.id = r.event_id
         JOIN organizations o ON o.id = e.organization_id
         LEFT JOIN check_ins ci ON ci.registration_id = r.id
         LEFT JOIN event_sessions s2 ON s2.id = ci.session_id
        WHERE r.id = $1
        GROUP BY r.id, r.organization_id, u.display_name, e.id, e.organization_id, o.id`,
      [registrationId],
    );
    return row ?? null;
  }

  private async row(where: string, value: string): Promise<CertificateRow | null> {
    const [row]: CertificateRow[] = await this.dataSource.query(
      `SELECT c.serial, c.verify_code, c.holder_name, c.hours, c.issued_at, c.revoked_at, e.title AS event_title, o.name AS organization_name,
              o.id AS organization_id, o.time_zone,
              (SELECT min(starts_at) FROM event_sessions s WHERE s.event_id = e.id) AS first_start,
              (SELECT max(starts_at) FROM event_sessions s WHERE s.event_id = e.id) AS last_start
         FROM certificates c JOIN events e ON e.id = c.event_id JOIN organizations o ON o.id = c.organization_id
        WHERE ${where}`,
      [value],
    );
    return row ?? null;
  }

  private toView(c: CertificateRow): CertificateView {
    return {
      serial: c.serial,
      holderName: c.holder_name,
      eventTitle: c.event_title,
      organizationName: c.organization_name,
      firstDay: day(c.time_zone, c.first_start),
      lastDay: day(c.time_zone, c.last_start),
      hours: Number(c.hours),
      issuedAt: c.issued_at.toISOString(),
      valid: c.revoked_at === null,
      revokedAt: c.revoked_at?.toISOString() ?? null,
    };
  }
}
