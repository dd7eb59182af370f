import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Locale, MessageSegment } from '@wutong/shared';

/** One person a message goes to, with what is needed to reach them. */
export interface SegmentMember {
  user_id: string;
  display_name: string;
  locale: Locale;
  /** Null for an account made by phone; mail goes only to verified addresses. */
  email: string | null;
  email_verified: boolean;
  verified_phone: string | null;
}

/**
 * Who a segment is (docs/api.md, "Messages to registrants"). Registrations are per event, so with a
 * session `confirmed`, `waitlisted` and `pending_approval` are the event's; `checked_in` and `no_show`
 * look at that session's check-ins. `no_show` follows the attendance count's rule (docs/glossary.md):
 * a confirmed registrant not checked in to a session that has ended; for the whole event, not
 * checked in to any of its sessions once one has ended. Walk-ins are not registrants: they have no
 * account, no verified address or mobile and never asked for mail, so no segment holds them.
 * Deactivated accounts get nothing.
 */
const CONDITIONS: Record<MessageSegment, string> = {
  confirmed: `r.status = 'confirmed'`,
  waitlisted: `r.status = 'waitlisted'`,
  pending_approval: `r.status = 'pending_approval'`,
  checked_in: `EXISTS (SELECT 1 FROM check_ins ci
                        WHERE ci.registration_id = r.id AND ci.organization_id = r.organization_id
                          AND ($2::uuid IS NULL OR ci.session_id = $2::uuid))`,
  no_show: `r.status = 'confirmed'
            AND EXISTS (SELECT 1 FROM event_sessions s
                         WHERE s.event_id = r.event_id AND s.ends_at < now()
                           AND ($2::uuid IS NULL OR s.id = $2::uuid))
            AND NOT EXISTS (SELECT 1 FROM check_ins ci
                             WHERE ci.registration_id = r.id AND ci.organization_id = r.organization_id
                               AND ($2::uuid IS NULL OR ci.session_id = $2::uuid))`,
};

@Injectable()
export class SegmentQueries {
  async members(
    m: EntityManager,
    eventId: string,
    segment: MessageSegment,
    sessionId: string | null,
  ): Promise<SegmentMember[]> {
    const condition = CONDITIONS[segment];
    // Registration states are the event's: only the attendance segments look at the session.
    const params = condition.includes('$2') ? [eventId, sessionId] : [eventId];
    return m.query(
      `SELECT u.id AS user_id, u.display_name, u.locale, u.email, u.verified_at IS NOT NULL AS email_verified,
              u.verified_phone
         FROM registrations r JOIN users u ON u.id = r.user_id
        WHERE r.event_id = $1 AND u.deactivated_at IS NULL AND (${condition})
        ORDER BY u.display_name, u.id`,
      params,
    );
  }
}
