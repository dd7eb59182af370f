import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The provider's id of each sent text (Aliyun BizId, Tencent SerialNo, the file's name): its delivery, traceable. */
export class SmsDeliveryReference1764735100000 implements MigrationInterface {
  name = 'SmsDeliveryReference1764735100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE sms_outbox ADD COLUMN provider_ref text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE sms_outbox DROP COLUMN provider_ref`);
  }
}
