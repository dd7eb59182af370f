import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A short code per ticket that people can read out at the door (docs/product.md, "Tickets"): 8
 * characters of an alphabet without look-alikes (no 0/O, 1/I/L, U), unique per event. The QR keeps
 * the long secret. The database gives every ticket its code the moment it gets one, on every path
 * (registering, approval, promotion from the waitlist, demo data), from gen_random_uuid()'s random bytes.
 */
export class ShortTicketCodes1764680000000 implements MigrationInterface {
  name = 'ShortTicketCodes1764680000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE registrations ADD COLUMN short_code text`);
    await q.query(`ALTER TABLE registrations ADD CONSTRAINT registrations_short_code_check
                     CHECK (short_code ~ '^[23456789ABCDEFGHJKMNPQRSTVWXYZ]{8}$')`);
    await q.query(`
      CREATE FUNCTION registration_short_code() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        alphabet constant text := '23456789ABCDEFGHJKMNPQRSTVWXYZ';
        bytes bytea;
        code text;
      BEGIN
        IF NEW.ticket_code IS NULL OR NEW.short_code IS NOT NULL THEN
          RETURN NEW;
        END IF;
        LOOP
          -- 8 of a v4 UUID's random bytes (its version and variant bits sit in bytes 6 and 8).
          bytes := uuid_send(gen_random_uuid());
          code := '';
          FOR i IN 0..7 LOOP
            code := code || substr(alphabet, 1 + get_byte(bytes, CASE WHEN i < 6 THEN i ELSE i + 4 END) % 30, 1);
          END LOOP;
          EXIT WHEN NOT EXISTS (SELECT 1 FROM registrations WHERE event_id = NEW.event_id AND short_code = code);
        END LOOP;
        NEW.short_code := code;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER registrations_short_code BEFORE INSERT OR UPDATE OF ticket_code ON registrations
                   FOR EACH ROW EXECUTE FUNCTION registration_short_code()`);
    // Existing tickets get theirs (the trigger fires on the update of ticket_code).
    await q.query(`UPDATE registrations SET ticket_code = ticket_code WHERE ticket_code IS NOT NULL`);
    await q.query(
      `CREATE UNIQUE INDEX registrations_short_code_key ON registrations (event_id, short_code, organization_id)
        WHERE short_code IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER registrations_short_code ON registrations`);
    await q.query(`DROP FUNCTION registration_short_code()`);
    await q.query(`ALTER TABLE registrations DROP COLUMN short_code`);
  }
}
