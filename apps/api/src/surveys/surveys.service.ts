import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type {
  DefaultSurveyView,
  EventSurveyView,
  EventType,
  SurveyForm,
  SurveyQuestion,
  SurveyQuestionResult,
  SurveyResponseCreated,
  SurveyResults,
  WaitingSurvey,
} from '@wutong/shared';
import { organizes, type Principal } from '../common/auth/principal';
import { PG, pgError } from '../common/database/pg-errors';
import { DomainException, forbidden, notFound } from '../common/errors/domain.exception';
import { AuditService } from '../audit/audit.service';
import type { SurveyQuestionDto } from './dto/survey.dto';
import { checkAnswers, mean, netPromoterScore, normalizeQuestions } from './survey-questions';

export const hashSurveyToken = (token: string) => createHash('sha256').update(token).digest('hex');

interface EventRow {
  id: string;
  organization_id: string;
  title: string;
  type: EventType;
  status: string;
  ends_at: Date;
}

interface SurveyRow {
  questions: SurveyQuestion[];
  sent_questions: SurveyQuestion[] | null;
  sent_at: Date | null;
}

/** Who answers: a signed-in person, or the holder of a survey link (an account's or a walk-in's). */
type Respondent = { userId: string } | { walkInKey: string };

/**
 * Satisfaction surveys (docs/api.md, "Surveys"): the base's default questions, an event's own extra
 * questions, answers (one per person and event) and the results. Sending is SurveySender's.
 */
@Injectable()
export class SurveysService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async defaultQuestions(m: Pick<EntityManager, 'query'> = this.dataSource): Promise<SurveyQuestion[]> {
    const [row]: { questions: SurveyQuestion[] }[] = await m.query(
      `SELECT questions FROM survey_defaults WHERE id`,
    );
    return row?.questions ?? [];
  }

  async getDefault(): Promise<DefaultSurveyView> {
    const [row]: { questions: SurveyQuestion[]; updated_at: Date | null }[] = await this.dataSource.query(
      `SELECT questions, updated_at FROM survey_defaults WHERE id`,
    );
    return { questions: row?.questions ?? [], updatedAt: row?.updated_at?.toISOString() ?? null };
  }

  /** Admins only (the route says so). Surveys already sent keep the questions they were sent with. */
  async putDefault(actor: Principal, input: SurveyQuestionDto[]): Promise<DefaultSurveyView> {
    const questions = normalizeQuestions(input);
    await this.dataSource.transaction(async (m) => {
      // An event's own question with an id now taken by the default would make answers ambiguous.
      const clash: { event_id: string }[] = await m.query(
        `SELECT s.event_id FROM event_surveys s, jsonb_array_elements(s.questions) q
          WHERE s.sent_at IS NULL AND q->>'id' = ANY($1::text[]) LIMIT 1`,
        [questions.map((q) => q.id)],
      );
      if (clash.length > 0)
        throw new DomainException('VALIDATION_FAILED', [
          { field: 'questions', messages: ['A question id is used by an event survey'] },
        ]);
      await m.query(
        `INSERT INTO survey_defaults (id, questions, updated_at, updated_by) VALUES (true, $1::jsonb, now(), $2)
         ON CONFLICT (id) DO UPDATE SET questions = EXCLUDED.questions, updated_at = now(), updated_by = $2`,
        [JSON.stringify(questions), actor.userId],
      );
      await this.audit.record(m, {
        actorId: actor.userId,
        action: 'survey.default.update',
        targetType: 'survey',
        details: { questions: questions.length },
      });
    });
    return this.getDefault();
  }

  private async event(id: string): Promise<EventRow> {
    const [event]: EventRow[] = await this.dataSource.query(
      `SELECT id, organization_id, title, type, status, ends_at FROM events WHERE id = $1`,
      [id],
    );
    if (!event) throw notFound();
    return event;
  }

  /**
   * The event, if `actor` organizes its carrier (or is an admin). As for events: another carrier's
   * draft answers 404 (it is not public), its published event 403.
   */
  private async managedEvent(actor: Principal, id: string): Promise<EventRow> {
    const event = await this.event(id);
    if (!organizes(actor, event.organization_id)) throw event.status === 'draft' ? notFound() : forbidden();
    return event;
  }

  private async surveyRow(m: Pick<EntityManager, 'query'>, eventId: string): Promise<SurveyRow | null> {
    const [row]: SurveyRow[] = await m.query(
      `SELECT questions, sent_questions, sent_at FROM event_surveys WHERE event_id = $1`,
      [eventId],
    );
    return row ?? null;
  }

  private async view(event: EventRow): Promise<EventSurveyView> {
    const base = await this.defaultQuestions();
    const row = await this.surveyRow(this.dataSource, event.id);
    const extra = row?.questions ?? [];
    return {
      eventId: event.id,
      eventTitle: event.title,
      baseQuestions: base,
      extraQuestions: extra,
      questions: row?.sent_questions ?? [...base, ...extra],
      sentAt: row?.sent_at?.toISOString() ?? null,
    };
  }

  async getEventSurvey(actor: Principal, eventId: string): Promise<EventSurveyView> {
    return this.view(await this.managedEvent(actor, eventId));
  }

  /** The event's own questions, after the default ones; 409 SURVEY_SENT once it was sent. */
  async putEventSurvey(
    actor: Principal,
    eventId: string,
    input: SurveyQuestionDto[],
  ): Promise<EventSurveyView> {
    const event = await this.managedEvent(actor, eventId);
    await this.dataSource.transaction(async (m) => {
      const questions = normalizeQuestions(input, await this.defaultQuestions(m));
      const saved: unknown[] = await m.query(
        `INSERT INTO event_surveys (event_id, organization_id, questions) VALUES ($1, $2, $3::jsonb)
         ON CONFLICT (event_id, organization_id) DO UPDATE SET questions = EXCLUDED.questions, updated_at = now()
           WHERE event_surveys.sent_at IS NULL
         RETURNING event_id`,
        [event.id, event.organization_id, JSON.stringify(questions)],
      );
      if (saved.length === 0) throw new DomainException('SURVEY_SENT');
      await this.audit.record(m, {
        actorId: actor.userId,
        action: 'survey.event.update',
        targetType: 'event',
        targetId: event.id,
        organizationId: event.organization_id,
        details: { questions: questions.length },
      });
    });
    return this.view(event);
  }

  /** Surveys sent to events I was checked in at, which I have not answered. */
  async waiting(actor: Principal): Promise<WaitingSurvey[]> {
    const rows: {
      event_id: string;
      title: string;
      type: EventType;
      ends_at: Date;
      organization_name: string;
    }[] = await this.dataSource.query(
      `SELECT e.id AS event_id, e.title, e.type, e.ends_at, o.name AS organization_name
         FROM event_surveys s
         JOIN events e ON e.id = s.event_id
         JOIN organizations o ON o.id = e.organization_id
        WHERE s.sent_at IS NOT NULL
          AND EXISTS (SELECT 1 FROM check_ins ci WHERE ci.event_id = s.event_id AND ci.user_id = $1)
          AND NOT EXISTS (SELECT 1 FROM survey_responses r WHERE r.event_id = s.event_id AND r.user_id = $1)
        ORDER BY e.ends_at DESC
        LIMIT 50`,
      [actor.userId],
    );
    return rows.map((r) => ({
      eventId: r.event_id,
      eventTitle: r.title,
      eventType: r.type,
      endedAt: r.ends_at.toISOString(),
      organizationName: r.organization_name,
    }));
  }

  private async checkedIn(eventId: string, userId: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM check_ins WHERE event_id = $1 AND user_id = $2 LIMIT 1`,
      [eventId, userId],
    );
    return rows.length > 0;
  }

  private async answered(eventId: string, who: Respondent): Promise<boolean> {
    const rows: unknown[] =
      'userId' in who
        ? await this.dataSource.query(`SELECT 1 FROM survey_responses WHERE event_id = $1 AND user_id = $2`, [
            eventId,
            who.userId,
          ])
        : await this.dataSource.query(
            `SELECT 1 FROM survey_responses WHERE event_id = $1 AND walk_in_key = $2`,
            [eventId, who.walkInKey],
          );
    return rows.length > 0;
  }

  /** The questions people answer: the sent ones; 409 SURVEY_NOT_OPEN before it is sent. */
  private async sentQuestions(event: EventRow): Promise<SurveyQuestion[]> {
    const row = await this.surveyRow(this.dataSource, event.id);
    if (!row?.sent_questions) throw new DomainException('SURVEY_NOT_OPEN');
    return row.sent_questions;
  }

  private async form(event: EventRow, who: Respondent): Promise<SurveyForm> {
    return {
      eventId: event.id,
      eventTitle: event.title,
      endedAt: event.ends_at.toISOString(),
      questions: await this.sentQuestions(event),
      answered: await this.answered(event.id, who),
    };
  }

  /** The form for a signed-in person checked in at the event (403 otherwise). */
  async formFor(actor: Principal, eventId: string): Promise<SurveyForm> {
    const event = await this.event(eventId);
    if (!(await this.checkedIn(eventId, actor.userId))) throw forbidden();
    return this.form(event, { userId: actor.userId });
  }

  async answerAsUser(
    actor: Principal,
    eventId: string,
    answers: Record<string, unknown>,
  ): Promise<SurveyResponseCreated> {
    const event = await this.event(eventId);
    if (!(await this.checkedIn(eventId, actor.userId))) throw forbidden();
    return this.save(event, { userId: actor.userId }, answers);
  }

  /** What a survey link opens: its one event, for its one person; 404 INVALID_SURVEY_LINK otherwise. */
  private async link(token: string): Promise<{ event: EventRow; who: Respondent }> {
    if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) throw new DomainException('INVALID_SURVEY_LINK');
    const [row]: { event_id: string; user_id: string | null; walk_in_key: string | null }[] =
      await this.dataSource.query(
        `SELECT event_id, user_id, walk_in_key FROM survey_invitations WHERE token_hash = $1`,
        [hashSurveyToken(token)],
      );
    if (!row) throw new DomainException('INVALID_SURVEY_LINK');
    const event = await this.event(row.event_id);
    return { event, who: row.user_id ? { userId: row.user_id } : { walkInKey: row.walk_in_key! } };
  }

  async formByLink(token: string): Promise<SurveyForm> {
    const { event, who } = await this.link(token);
    return this.form(event, who);
  }

  async answerByLink(token: string, answers: Record<string, unknown>): Promise<SurveyResponseCreated> {
    const { event, who } = await this.link(token);
    return this.save(event, who, answers);
  }

  /** One response per person and event: the unique indexes refuse a second (409 ALREADY_ANSWERED). */
  private async save(
    event: EventRow,
    who: Respondent,
    answers: Record<string, unknown>,
  ): Promise<SurveyResponseCreated> {
    const questions = await this.sentQuestions(event);
    if (await this.answered(event.id, who)) throw new DomainException('ALREADY_ANSWERED');
    const kept = checkAnswers(questions, answers);
    try {
      const [row]: { id: string; submitted_at: Date }[] = await this.dataSource.query(
        `INSERT INTO survey_responses (organization_id, event_id, user_id, walk_in_key, answers)
         VALUES ($1, $2, $3, $4, $5::jsonb) RETURNING id, submitted_at`,
        [
          event.organization_id,
          event.id,
          'userId' in who ? who.userId : null,
          'walkInKey' in who ? who.walkInKey : null,
          JSON.stringify(kept),
        ],
      );
      return { id: row.id, eventId: event.id, submittedAt: row.submitted_at.toISOString() };
    } catch (error) {
      if (pgError(error)?.code === PG.uniqueViolation) throw new DomainException('ALREADY_ANSWERED');
      throw error;
    }
  }

  /** Per question: averages, NPS, distributions and comments (organizers of the carrier, admins). */
  async results(actor: Principal, eventId: string): Promise<SurveyResults> {
    const event = await this.managedEvent(actor, eventId);
    const row = await this.surveyRow(this.dataSource, event.id);
    const questions = row?.sent_questions ?? [...(await this.defaultQuestions()), ...(row?.questions ?? [])];
    const [{ invited }]: { invited: number }[] = await this.dataSource.query(
      `SELECT count(*)::int AS invited FROM survey_invitations WHERE event_id = $1`,
      [event.id],
    );
    const responses: { answers: Record<string, unknown> }[] = await this.dataSource.query(
      `SELECT answers FROM survey_responses WHERE event_id = $1 ORDER BY submitted_at DESC`,
      [event.id],
    );
    return {
      eventId: event.id,
      invited,
      responses: responses.length,
      questions: questions.map((q) =>
        questionResult(
          q,
          responses.map((r) => r.answers[q.id]),
        ),
      ),
    };
  }
}

function questionResult(q: SurveyQuestion, values: unknown[]): SurveyQuestionResult {
  const given = values.filter((v) => v !== undefined && v !== null);
  const base = { id: q.id, kind: q.kind, label: q.label, answered: given.length };
  const countOf = (keys: string[]) => {
    const counts: Record<string, number> = Object.fromEntries(keys.map((k) => [k, 0]));
    for (const v of given) if (String(v) in counts) counts[String(v)] += 1;
    return counts;
  };
  const range = (from: number, to: number) =>
    Array.from({ length: to - from + 1 }, (_, i) => String(from + i));
  switch (q.kind) {
    case 'rating':
      return { ...base, average: mean(given as number[]), counts: countOf(range(1, 5)) };
    case 'nps':
      return { ...base, nps: netPromoterScore(given as number[]), counts: countOf(range(0, 10)) };
    case 'choice':
      return { ...base, counts: countOf(q.options ?? []) };
    case 'text':
      return { ...base, comments: given as string[] };
  }
}
