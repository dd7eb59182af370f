import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Certificates are verified by an unguessable code carried in their QR (docs/security.md, "Outside
 * attack, second round", point 4): the sequential serial printed on the paper answers only whether
 * it is valid and for which event. Existing certificates get a code (their old QR, which carries the
 * serial, still opens the short answer).
 */
export class CertificateCodes1764660000000 implements MigrationInterface {
  name = 'CertificateCodes1764660000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE certificates ADD COLUMN verify_code text`);
    await q.query(`UPDATE certificates SET verify_code = replace(gen_random_uuid()::text, '-', '')`);
    await q.query(`ALTER TABLE certificates ALTER COLUMN verify_code SET NOT NULL`);
    await q.query(
      `ALTER TABLE certificates ADD CONSTRAINT certificates_verify_code_check CHECK (length(verify_code) >= 22)`,
    );
    // The carrier joins the key as in every carrier-owned table (ShardingKeys); a lookup by code alone
    // still uses this index, and 128 random bits do not repeat across carriers.
    await q.query(
      `CREATE UNIQUE INDEX certificates_verify_code_key ON certificates (verify_code, organization_id)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE certificates DROP COLUMN verify_code`);
  }
}
