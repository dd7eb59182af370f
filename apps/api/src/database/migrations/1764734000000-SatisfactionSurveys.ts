import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The base's default questions: overall rating, NPS and a comment (admins change them). */
const DEFAULT_QUESTIONS = [
  { id: 'overall', kind: 'rating', label: '活动整体满意度 / Overall satisfaction', required: true },
  {
    id: 'recommend',
    kind: 'nps',
    label: '您向朋友推荐此类活动的可能性 / How likely are you to recommend such events?',
    required: true,
  },
  { id: 'comment', kind: 'text', label: '意见和建议 / Comments and suggestions', required: false },
];

/**
 * Satisfaction surveys (issue 18, point 4; docs/api.md, "Surveys"). `survey_defaults` holds the
 * base-wide default questions (one row); `event_surveys` an event's own extra questions and, once
 * sent, the frozen question list (`sent_at` is the claim that sends it once); `survey_invitations`
 * one per person and event, with the link token kept only as its SHA-256; `survey_responses` one per
 * person and event (unique indexes, so a second answer is refused by the database, not a read).
 */
export class SatisfactionSurveys1764734000000 implements MigrationInterface {
  name = 'SatisfactionSurveys1764734000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE survey_defaults (
        id boolean PRIMARY KEY DEFAULT true CHECK (id),
        questions jsonb NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(questions) = 'array'),
        updated_at timestamptz,
        updated_by uuid REFERENCES users(id) ON DELETE SET NULL
      )`);
    await q.query(`INSERT INTO survey_defaults (id, questions) VALUES (true, $1::jsonb)`, [
      JSON.stringify(DEFAULT_QUESTIONS),
    ]);
    await q.query(`
      CREATE TABLE event_surveys (
        event_id uuid NOT NULL,
        organization_id uuid NOT NULL REFERENCES organizations(id),
        questions jsonb NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(questions) = 'array'),
        sent_questions jsonb,
        sent_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (event_id, organization_id),
        FOREIGN KEY (event_id, organization_id) REFERENCES events (id, organization_id) ON DELETE CASCADE,
        CHECK ((sent_at IS NULL) = (sent_questions IS NULL))
      )`);
    await q.query(`
      CREATE TABLE survey_invitations (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organizations(id),
        event_id uuid NOT NULL,
        user_id uuid REFERENCES users(id) ON DELETE CASCADE,
        walk_in_key text,
        walk_in_name text,
        phone text,
        token_hash text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (id, organization_id),
        FOREIGN KEY (event_id, organization_id) REFERENCES events (id, organization_id) ON DELETE CASCADE,
        CHECK ((user_id IS NULL) <> (walk_in_key IS NULL))
      )`);
    await q.query(`CREATE INDEX survey_invitations_token_idx ON survey_invitations (token_hash)`);
    await q.query(
      `CREATE UNIQUE INDEX survey_invitations_user_key ON survey_invitations (event_id, user_id, organization_id) WHERE user_id IS NOT NULL`,
    );
    await q.query(
      `CREATE UNIQUE INDEX survey_invitations_walk_in_key ON survey_invitations (event_id, walk_in_key, organization_id) WHERE walk_in_key IS NOT NULL`,
    );
    await q.query(`
      CREATE TABLE survey_responses (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organizations(id),
        event_id uuid NOT NULL,
        user_id uuid REFERENCES users(id) ON DELETE SET NULL,
        walk_in_key text,
        answers jsonb NOT NULL CHECK (jsonb_typeof(answers) = 'object'),
        submitted_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (id, organization_id),
        FOREIGN KEY (event_id, organization_id) REFERENCES events (id, organization_id) ON DELETE CASCADE
      )`);
    await q.query(
      `CREATE UNIQUE INDEX survey_responses_user_key ON survey_responses (event_id, user_id, organization_id) WHERE user_id IS NOT NULL`,
    );
    await q.query(
      `CREATE UNIQUE INDEX survey_responses_walk_in_key ON survey_responses (event_id, walk_in_key, organization_id) WHERE walk_in_key IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE survey_responses`);
    await q.query(`DROP TABLE survey_invitations`);
    await q.query(`DROP TABLE event_surveys`);
    await q.query(`DROP TABLE survey_defaults`);
  }
}
