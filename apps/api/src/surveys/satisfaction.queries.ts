import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { SatisfactionFigures } from '@wutong/shared';

/**
 * One row per response of the sent surveys of `$1` (event ids): its event, and its answers to the
 * event's first rating question and first NPS question (the default survey's "overall" and
 * "recommend" unless an admin changed them). Satisfaction everywhere (event, type, carrier, year)
 * is counted from these, so the figures of a group are over its responses, not an average of averages.
 */
const RESPONSE_SCORES = `
  WITH firsts AS (
    SELECT s.event_id,
           (SELECT x->>'id' FROM jsonb_array_elements(s.sent_questions) WITH ORDINALITY AS t(x, n)
             WHERE x->>'kind' = 'rating' ORDER BY n LIMIT 1) AS rating_id,
           (SELECT x->>'id' FROM jsonb_array_elements(s.sent_questions) WITH ORDINALITY AS t(x, n)
             WHERE x->>'kind' = 'nps' ORDER BY n LIMIT 1) AS nps_id
      FROM event_surveys s
     WHERE s.event_id = ANY($1::uuid[]) AND s.sent_at IS NOT NULL
  )
  SELECT f.event_id, r.id AS response_id,
         (r.answers->>f.rating_id)::numeric AS rating,
         (r.answers->>f.nps_id)::numeric AS nps
    FROM firsts f JOIN survey_responses r ON r.event_id = f.event_id`;

/** The aggregate columns over RESPONSE_SCORES rows (aliased `s`). */
const FIGURES = `
  count(s.response_id)::int AS responses,
  round(avg(s.rating), 2)::float8 AS average,
  count(s.nps)::int AS nps_answers,
  count(*) FILTER (WHERE s.nps >= 9)::int AS promoters,
  count(*) FILTER (WHERE s.nps <= 6)::int AS detractors`;

interface FigureRow {
  responses: number;
  average: number | null;
  nps_answers: number;
  promoters: number;
  detractors: number;
}

function figures(row: FigureRow | undefined): SatisfactionFigures {
  if (!row) return { responses: 0, average: null, nps: null };
  return {
    responses: row.responses,
    average: row.average === null ? null : Number(row.average),
    nps:
      row.nps_answers === 0 ? null : Math.round(((row.promoters - row.detractors) * 100) / row.nps_answers),
  };
}

/**
 * Satisfaction figures for other features (the dashboard, the annual report, the carriers' ledger):
 * reads only, over the surveys' own tables.
 */
@Injectable()
export class SatisfactionQueries {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Per event: responses, mean of the first rating question, NPS of the first NPS question. */
  async satisfactionByEvent(eventIds: readonly string[]): Promise<Map<string, SatisfactionFigures>> {
    return satisfactionByEvent(this.dataSource, eventIds);
  }

  /** The figures of a group of events together (over all their responses), by a key of each event. */
  async grouped(
    eventKeys: readonly { eventId: string; key: string }[],
  ): Promise<Map<string, SatisfactionFigures & { events: number }>> {
    const result = new Map<string, SatisfactionFigures & { events: number }>();
    if (eventKeys.length === 0) return result;
    const rows: (FigureRow & { key: string; events: number })[] = await this.dataSource.query(
      `WITH scores AS (${RESPONSE_SCORES}),
            keyed AS (SELECT * FROM unnest($1::uuid[], $2::text[]) AS k(event_id, key))
       SELECT k.key, count(DISTINCT s.event_id)::int AS events, ${FIGURES}
         FROM keyed k JOIN scores s ON s.event_id = k.event_id
        GROUP BY k.key`,
      [eventKeys.map((e) => e.eventId), eventKeys.map((e) => e.key)],
    );
    for (const row of rows) result.set(row.key, { ...figures(row), events: row.events });
    return result;
  }
}

/**
 * Satisfaction per event, for callers outside this folder (the carriers' ledger): events without a
 * sent survey are absent; a sent survey without responses has `responses: 0` and null figures.
 */
export async function satisfactionByEvent(
  db: Pick<DataSource, 'query'>,
  eventIds: readonly string[],
): Promise<Map<string, SatisfactionFigures>> {
  const result = new Map<string, SatisfactionFigures>();
  if (eventIds.length === 0) return result;
  const rows: (FigureRow & { event_id: string })[] = await db.query(
    `WITH sent AS (SELECT event_id FROM event_surveys WHERE event_id = ANY($1::uuid[]) AND sent_at IS NOT NULL),
          scores AS (${RESPONSE_SCORES})
     SELECT e.event_id, ${FIGURES}
       FROM sent e LEFT JOIN scores s ON s.event_id = e.event_id
      GROUP BY e.event_id`,
    [[...eventIds]],
  );
  for (const row of rows) result.set(row.event_id, figures(row));
  return result;
}
