import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import {
  MESSAGES_PER_EVENT_HOUR,
  type DeliveryCounts,
  type EventMessageDryRun,
  type EventMessageSent,
  type EventMessageView,
  type Locale,
  type MessageChannel,
  type MessageSegment,
} from '@wutong/shared';
import { AuditService } from '../audit/audit.service';
import { organizes, type Principal } from '../common/auth/principal';
import { DomainException, notFound } from '../common/errors/domain.exception';
import type { EventRow } from '../events/event-views';
import { EventsQueries } from '../events/events.queries';
import { NotificationsService } from '../notifications/notifications.service';
import { SmsService } from '../notifications/sms/sms.service';
import { formatSession } from '../registrations/registration-mails';
import type { EventMessageDto } from './dto/event-message.dto';
import {
  assertNoLink,
  messageMail,
  messageSms,
  previews,
  textFor,
  type MessageValues,
} from './message-render';
import { SegmentQueries, type SegmentMember } from './segment.queries';

/** Mails and texts of one message fall due this many a second (the outbox's bounded rate). */
const DRAIN_PER_SECOND = 10;

interface MessageContext {
  event: EventRow;
  /** The session's times, or the event's. */
  startsAt: Date;
  endsAt: Date;
  sessionId: string | null;
}

/**
 * Messages from an event's organizers to a segment of its people (issue 18, point 3): counted and
 * rendered in both languages for a preview, then queued in the mail and text outboxes once per
 * person, audited and listed on the event.
 */
@Injectable()
export class EventMessagesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly events: EventsQueries,
    private readonly segments: SegmentQueries,
    private readonly notifications: NotificationsService,
    private readonly sms: SmsService,
    private readonly audit: AuditService,
  ) {}

  async dryRun(user: Principal, eventId: string, dto: EventMessageDto): Promise<EventMessageDryRun> {
    const ctx = await this.context(user, eventId, dto);
    const members = await this.segments.members(this.dataSource.manager, eventId, dto.segment, ctx.sessionId);
    const sample = members[0]?.display_name;
    const preview = previews(
      dto,
      dto.translations,
      (locale) => this.values(ctx, locale, sample ?? (locale === 'zh-CN' ? '参加者' : 'Attendee')),
      ctx.event.organization_name,
      dto.channels.includes('sms') ? this.sms.signature : null,
    );
    // Every reader's text must fit, not only the sample's (names and languages differ in length).
    const { mails, texts } = this.render(ctx, dto, members);
    return { recipients: members.length, email: mails.length, sms: texts.length, preview };
  }

  async send(user: Principal, eventId: string, dto: EventMessageDto): Promise<EventMessageSent> {
    const ctx = await this.context(user, eventId, dto);
    return this.dataSource.transaction(async (m) => {
      // One sender's messages for one event, one at a time: the hourly count cannot be raced past.
      await m.query(
        `SELECT pg_advisory_xact_lock(hashtextextended('event-messages:' || $1 || ':' || $2, 0))`,
        [eventId, user.userId],
      );
      if (dto.id) {
        const replay = await this.replay(m, eventId, dto.id);
        if (replay) return replay;
      }
      const [{ sent, oldest }]: { sent: number; oldest: Date | null }[] = await m.query(
        `SELECT count(*)::int AS sent, min(created_at) AS oldest FROM event_messages
          WHERE event_id = $1 AND organization_id = $2 AND sender_id = $3 AND created_at > now() - interval '1 hour'`,
        [eventId, ctx.event.organization_id, user.userId],
      );
      if (sent >= MESSAGES_PER_EVENT_HOUR) {
        const retryAfterSeconds = Math.max(
          1,
          Math.ceil(((oldest?.getTime() ?? Date.now()) + 3_600_000 - Date.now()) / 1000),
        );
        throw new DomainException(
          'MESSAGE_LIMIT_REACHED',
          { limit: MESSAGES_PER_EVENT_HOUR, retryAfterSeconds },
          { limit: MESSAGES_PER_EVENT_HOUR },
        );
      }
      const members = await this.segments.members(m, eventId, dto.segment, ctx.sessionId);
      const { mails, texts } = this.render(ctx, dto, members);
      const inserted: { id: string }[] = await m.query(
        `INSERT INTO event_messages (id, organization_id, event_id, session_id, segment, subject, body, translations,
                                     channels, recipients, sender_id)
         VALUES (coalesce($1::uuid, gen_random_uuid()), $2, $3, $4, $5, $6, $7, $8::jsonb, $9::text[], $10, $11)
         ON CONFLICT DO NOTHING
         RETURNING id`,
        [
          dto.id ?? null,
          ctx.event.organization_id,
          eventId,
          ctx.sessionId,
          dto.segment,
          dto.subject.trim(),
          dto.body.trim(),
          JSON.stringify(dto.translations ?? {}),
          dto.channels,
          members.length,
          user.userId,
        ],
      );
      if (inserted.length === 0) {
        // The id was taken between the look-up and the insert (another sender's request).
        const replay = dto.id ? await this.replay(m, eventId, dto.id) : null;
        if (replay) return replay;
        throw new DomainException('MESSAGE_ID_TAKEN');
      }
      const id = inserted[0].id;
      const email = await this.notifications.enqueueBatch(m, id, mails, {
        organizationId: ctx.event.organization_id,
        perSecond: DRAIN_PER_SECOND,
      });
      const sms = await this.sms.enqueueBatch(m, id, texts, DRAIN_PER_SECOND);
      await this.audit.record(m, {
        actorId: user.userId,
        action: 'event.message.send',
        targetType: 'event',
        targetId: eventId,
        organizationId: ctx.event.organization_id,
        details: {
          messageId: id,
          segment: dto.segment,
          sessionId: ctx.sessionId,
          channels: dto.channels.join(','),
          subject: dto.subject.trim(),
          recipients: members.length,
          email,
          sms,
        },
      });
      return { id, recipients: members.length, email, sms };
    });
  }

  async list(user: Principal, eventId: string): Promise<EventMessageView[]> {
    await this.managedEvent(user, eventId);
    const rows: {
      id: string;
      segment: MessageSegment;
      session_id: string | null;
      subject: string;
      body: string;
      channels: MessageChannel[];
      recipients: number;
      sender_id: string | null;
      sender_name: string | null;
      created_at: Date;
      email: DeliveryCounts;
      sms: DeliveryCounts;
    }[] = await this.dataSource.query(
      `SELECT m.id, m.segment, m.session_id, m.subject, m.body, m.channels, m.recipients, m.created_at,
              m.sender_id, u.display_name AS sender_name,
              (SELECT json_build_object('sent', count(*) FILTER (WHERE o.status = 'sent'),
                                        'failed', count(*) FILTER (WHERE o.status = 'failed'),
                                        'pending', count(*) FILTER (WHERE o.status = 'pending'))
                 FROM outbox_messages o WHERE o.batch_id = m.id) AS email,
              (SELECT json_build_object('sent', count(*) FILTER (WHERE o.status = 'sent'),
                                        'failed', count(*) FILTER (WHERE o.status = 'failed'),
                                        'pending', count(*) FILTER (WHERE o.status = 'pending'))
                 FROM sms_outbox o WHERE o.batch_id = m.id) AS sms
         FROM event_messages m LEFT JOIN users u ON u.id = m.sender_id
        WHERE m.event_id = $1
        ORDER BY m.created_at DESC, m.id
        LIMIT 200`,
      [eventId],
    );
    return rows.map((r) => ({
      id: r.id,
      segment: r.segment,
      sessionId: r.session_id,
      subject: r.subject,
      body: r.body,
      channels: r.channels,
      recipients: r.recipients,
      sender: r.sender_id ? { id: r.sender_id, displayName: r.sender_name ?? '' } : null,
      createdAt: r.created_at.toISOString(),
      email: r.email,
      sms: r.sms,
    }));
  }

  /** The message already sent with this id: the same answer again, nothing queued twice. */
  private async replay(m: EntityManager, eventId: string, id: string): Promise<EventMessageSent | null> {
    const [row]: { event_id: string; recipients: number; email: number; sms: number }[] = await m.query(
      `SELECT m.event_id, m.recipients,
              (SELECT count(*)::int FROM outbox_messages o WHERE o.batch_id = m.id) AS email,
              (SELECT count(*)::int FROM sms_outbox o WHERE o.batch_id = m.id) AS sms
         FROM event_messages m WHERE m.id = $1`,
      [id],
    );
    if (!row) return null;
    if (row.event_id !== eventId) throw new DomainException('MESSAGE_ID_TAKEN');
    return { id, recipients: row.recipients, email: row.email, sms: row.sms };
  }

  /** Each member's mail (with an address on the email channel) and text (with a verified mobile on SMS). */
  private render(ctx: MessageContext, dto: EventMessageDto, members: SegmentMember[]) {
    const mails: { to: string; mail: ReturnType<typeof messageMail> }[] = [];
    const texts: { to: string; text: string }[] = [];
    for (const p of members) {
      const values = this.values(ctx, p.locale, p.display_name);
      const text = textFor(p.locale, dto, dto.translations);
      if (dto.channels.includes('email') && p.email && p.email_verified)
        mails.push({ to: p.email, mail: messageMail(p.locale, text, values, ctx.event.organization_name) });
      if (dto.channels.includes('sms') && p.verified_phone)
        texts.push({ to: p.verified_phone, text: messageSms(this.sms.signature, text, values) });
    }
    return { mails, texts };
  }

  private values(ctx: MessageContext, locale: Locale, name: string): MessageValues {
    const e = ctx.event;
    return {
      name,
      event: e.title,
      start: formatSession(locale, e.time_zone, ctx.startsAt, ctx.endsAt),
      place: e.venue_name ?? (locale === 'zh-CN' ? '线上' : 'the online meeting'),
    };
  }

  private async context(user: Principal, eventId: string, dto: EventMessageDto): Promise<MessageContext> {
    const event = await this.managedEvent(user, eventId);
    if (dto.channels.includes('sms'))
      assertNoLink([dto, ...Object.values(dto.translations ?? {}).filter((t) => t !== undefined)]);
    if (!dto.sessionId) return { event, startsAt: event.starts_at, endsAt: event.ends_at, sessionId: null };
    const [session]: { starts_at: Date; ends_at: Date }[] = await this.dataSource.query(
      `SELECT starts_at, ends_at FROM event_sessions WHERE id = $1 AND event_id = $2`,
      [dto.sessionId, eventId],
    );
    if (!session) throw new DomainException('SESSION_NOT_IN_EVENT');
    return { event, startsAt: session.starts_at, endsAt: session.ends_at, sessionId: dto.sessionId };
  }

  private async managedEvent(user: Principal, eventId: string): Promise<EventRow> {
    const event = await this.events.row(eventId);
    if (!event || !organizes(user, event.organization_id)) throw notFound();
    return event;
  }
}
