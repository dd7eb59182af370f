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

/**
 * The satisfaction of the events that ended in a period (figures over every response, each event's
 * answers summed once), as one scalar subquery yielding a JSON array
 * of FigureRow & {key, events}, keyed `all`, `type:<type>` and `carrier:<id>` (the event's carrier).
 * Parameters: `$2` the carriers (null: all), `$4` the first local day, `$5` the day after the last,
 * `$6` the zone of those days. Events are narrowed by their UTC end a day around the period (indexed),
 * then by the exact local days; surveys and responses are joined on the event's carrier too, so the
 * statement stays on one shard for one carrier. Each event's answers are summed once (avg() is
 * sum / count in numeric too, so the average is the one over the responses themselves). Used inside
 * the dashboard's one statement.
 */
export const SATISFACTION_OF_PERIOD = `
  (SELECT coalesce(json_agg(g), '[]'::json) FROM (
     SELECT k.key, count(*)::int AS events, sum(a.responses)::int AS responses,
            round(sum(a.rating_sum) / nullif(sum(a.ratings), 0), 2)::float8 AS average,
            sum(a.nps_answers)::int AS nps_answers, sum(a.promoters)::int AS promoters,
            sum(a.detractors)::int AS detractors
       FROM events e
       JOIN event_surveys s ON s.event_id = e.id AND s.organization_id = e.organization_id AND s.sent_at IS NOT NULL
       CROSS JOIN LATERAL (SELECT
         (SELECT x->>'id' FROM jsonb_array_elements(s.sent_questions) WITH ORDINALITY AS t(x, n)
           WHERE x->>'kind' = 'rating' ORDER BY n LIMIT 1) AS rating_id,
         (SELECT x->>'id' FROM jsonb_array_elements(s.sent_questions) WITH ORDINALITY AS t(x, n)
           WHERE x->>'kind' = 'nps' ORDER BY n LIMIT 1) AS nps_id OFFSET 0) q
       CROSS JOIN LATERAL (
         SELECT count(*) AS responses, sum(x.rating) AS rating_sum, count(x.rating) AS ratings,
                count(x.nps) AS nps_answers, count(*) FILTER (WHERE x.nps >= 9) AS promoters,
                count(*) FILTER (WHERE x.nps <= 6) AS detractors
           FROM survey_responses r
          CROSS JOIN LATERAL (SELECT (r.answers->>q.rating_id)::numeric AS rating,
                                     (r.answers->>q.nps_id)::numeric AS nps) x
          WHERE r.event_id = e.id AND r.organization_id = e.organization_id) a
       CROSS JOIN LATERAL (VALUES ('all'), ('type:' || e.type), ('carrier:' || e.organization_id)) k(key)
      WHERE e.status IN ('published', 'completed') AND a.responses > 0
        AND e.ends_at >= $4::timestamp AT TIME ZONE 'UTC' - interval '1 day'
        AND e.ends_at < $5::timestamp AT TIME ZONE 'UTC' + interval '1 day'
        AND (e.ends_at AT TIME ZONE $6)::date >= $4::date AND (e.ends_at AT TIME ZONE $6)::date < $5::date
        AND ($2::uuid[] IS NULL OR e.organization_id = ANY($2::uuid[]))
      GROUP BY k.key) g)`;

/** The figures of SATISFACTION_OF_PERIOD's rows, by key. */
export function satisfactionFigures(
  rows: readonly (FigureRow & { key: string; events: number })[],
): Map<string, SatisfactionFigures & { events: number }> {
  return new Map(rows.map((row) => [row.key, { ...figures(row), events: row.events }]));
}

/** The aggregate columns over RESPONSE_SCORES rows (aliased `s`). */
const FIGURES = `
  count(s.response_id)::int AS responses,
  round(avg(s.rating), 2)::float8 AS average,
  count(s.nps)::int AS nps_answers,
  count(*) FILTER (WHERE s.nps >= 9)::int AS promoters,
  count(*) FILTER (WHERE s.nps <= 6)::int AS detractors`;

export interface FigureRow {
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
