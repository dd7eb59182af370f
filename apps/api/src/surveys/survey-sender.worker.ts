import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { Locale } from '@wutong/shared';
import { PeriodicWorker } from '../common/jobs/periodic-pass';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { NotificationsService, type Recipient } from '../notifications/notifications.service';
import type { MailTemplates } from '../notifications/templates';
import { SmsService } from '../notifications/sms/sms.service';
import { hashSurveyToken } from './surveys.service';

/** Events that ended longer ago than this are not surveyed any more (a new deployment, a long outage). */
const LOOK_BACK_DAYS = 7;
/** Events claimed per pass; the next pass takes the rest. */
const BATCH = 20;

/**
 * A mainland mobile as E.164 from what a door typed for a walk-in (digits, maybe +86), or null when
 * it is not one: texts go to numbers we can read, never guesses.
 */
export function walkInMobile(typed: string | null): string | null {
  let digits = (typed ?? '').replace(/\D/g, '');
  if (digits.length === 13 && digits.startsWith('86')) digits = digits.slice(2);
  return /^1[3-9]\d{9}$/.test(digits) ? `+86${digits}` : null;
}

/**
 * Sends each event's satisfaction survey once, after its last session has ended: one mail to every
 * checked-in account (SMS too where it has a verified phone) and an SMS to walk-ins who gave a
 * mobile, each with a link to that survey only. The claim is one conditional upsert of
 * event_surveys.sent_at in the same transaction as the invitations and the outbox rows, so however
 * many processes run the pass at once, each event is sent once and each person invited once.
 */
@Injectable()
export class SurveySender extends PeriodicWorker {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly notifications: NotificationsService,
    private readonly sms: SmsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super('SurveySender', config);
  }

  protected pass(): Promise<unknown> {
    return this.run();
  }

  /** Sends the surveys of events that ended; returns how many events this pass claimed. */
  async run(): Promise<number> {
    return this.dataSource.transaction(async (m) => {
      // Freezes the questions (the default ones, then the event's own) as they are sent. A row being
      // claimed by a parallel pass makes this wait, then skip it (sent_at is no longer null).
      const claimed: { event_id: string; organization_id: string; title: string }[] = await m.query(
        `WITH due AS (
           SELECT e.id, e.organization_id FROM events e
            WHERE e.status IN ('published', 'completed')
              AND e.ends_at <= now() AND e.ends_at > now() - make_interval(days => $1)
              AND NOT EXISTS (SELECT 1 FROM event_surveys s WHERE s.event_id = e.id AND s.sent_at IS NOT NULL)
            ORDER BY e.ends_at
            LIMIT $2)
         INSERT INTO event_surveys (event_id, organization_id, sent_at, sent_questions)
         SELECT due.id, due.organization_id, now(), d.questions FROM due, survey_defaults d WHERE d.id
         ON CONFLICT (event_id, organization_id) DO UPDATE
           SET sent_at = now(), sent_questions = EXCLUDED.sent_questions || event_surveys.questions
           WHERE event_surveys.sent_at IS NULL
         RETURNING event_id, organization_id,
           (SELECT title FROM events WHERE id = event_surveys.event_id) AS title,
           jsonb_array_length(sent_questions) AS questions`,
        [LOOK_BACK_DAYS, BATCH],
      );
      for (const event of claimed as ((typeof claimed)[number] & { questions: number })[])
        if (event.questions > 0) await this.invite(m, event);
      return claimed.length;
    });
  }

  private link(): { token: string; hash: string } {
    const token = randomBytes(24).toString('base64url');
    return { token, hash: hashSurveyToken(token) };
  }

  private url(token: string): string {
    return `${this.config.publicUrl}/survey/${token}`;
  }

  private async invite(
    m: EntityManager,
    event: { event_id: string; organization_id: string; title: string },
  ): Promise<void> {
    const people: {
      user_id: string;
      email: string | null;
      locale: Locale;
      display_name: string;
      verified_phone: string | null;
    }[] = await m.query(
      `SELECT u.id AS user_id, u.email, u.locale, u.display_name, u.verified_phone
         FROM users u
        WHERE u.id IN (SELECT user_id FROM check_ins WHERE event_id = $1 AND user_id IS NOT NULL)
          AND u.deactivated_at IS NULL`,
      [event.event_id],
    );
    const walkIns: { walk_in_key: string; name: string; phone: string | null }[] = await m.query(
      `SELECT walk_in_key, min(walk_in_name) AS name, min(walk_in_phone) AS phone
         FROM check_ins WHERE event_id = $1 AND walk_in_key IS NOT NULL
        GROUP BY walk_in_key`,
      [event.event_id],
    );
    const mails: { to: Recipient; params: MailTemplates['surveyInvitation'] }[] = [];
    for (const p of people) {
      const { token, hash } = this.link();
      await m.query(
        `INSERT INTO survey_invitations (organization_id, event_id, user_id, phone, token_hash)
         VALUES ($1, $2, $3, $4, $5)`,
        [event.organization_id, event.event_id, p.user_id, p.verified_phone, hash],
      );
      mails.push({
        to: { email: p.email, locale: p.locale },
        params: { displayName: p.display_name, eventTitle: event.title, surveyUrl: this.url(token) },
      });
      if (p.verified_phone)
        await this.sms.enqueueSurveyInvitation(m, p.verified_phone, { eventTitle: event.title, token });
    }
    await this.notifications.enqueueMany(m, 'surveyInvitation', mails, {
      organizationId: event.organization_id,
    });
    for (const w of walkIns) {
      const phone = walkInMobile(w.phone);
      if (!phone) continue; // nowhere to send it
      const { token, hash } = this.link();
      await m.query(
        `INSERT INTO survey_invitations (organization_id, event_id, walk_in_key, walk_in_name, phone, token_hash)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [event.organization_id, event.event_id, w.walk_in_key, w.name, phone, hash],
      );
      await this.sms.enqueueSurveyInvitation(m, phone, { eventTitle: event.title, token });
    }
  }
}
