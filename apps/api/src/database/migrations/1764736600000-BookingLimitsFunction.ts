import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The last word on a booking's limits as one function, so that a booking can be one autocommitted
 * statement: called after the statement's INSERT (or a move's UPDATE), it takes the founder's advisory
 * lock (a null founder: none) and the lock of the mentor's local day (a null day: none), then counts
 * again with the new row included. A VOLATILE function's statements each take a new snapshot (READ
 * COMMITTED), so the count sees everything the locks' previous holders committed — which a single
 * statement's own snapshot, taken before it waited for the locks, would not. A limit exceeded raises
 * (SQLSTATE P0001, the message names the refusal) and rolls the whole statement back. The lock keys
 * are those the API used before (wutong.founder-bookings, wutong.mentor-day).
 */
export class BookingLimitsFunction1764736600000 implements MigrationInterface {
  name = 'BookingLimitsFunction1764736600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
CREATE FUNCTION booking_limits_confirm(founder text, mentor text, open_max int, with_mentor_max int,
                                       day text, day_from timestamptz, day_to timestamptz, day_max int)
RETURNS boolean LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  open_n int;
  with_mentor_n int;
  day_n int;
BEGIN
  IF founder IS NOT NULL THEN
    PERFORM pg_advisory_xact_lock(hashtext('wutong.founder-bookings'), hashtext(founder));
  END IF;
  IF day IS NOT NULL THEN
    PERFORM pg_advisory_xact_lock(hashtext('wutong.mentor-day'), hashtext(mentor || ' ' || day));
  END IF;
  -- A new statement, so a new snapshot: it sees what the locks' previous holders committed. Only
  -- what is asked is counted (a move has no founder, a mentor without a daily maximum no day).
  IF founder IS NOT NULL THEN
    SELECT count(*)::int, (count(*) FILTER (WHERE mentor_id = mentor::uuid))::int
      INTO open_n, with_mentor_n
      FROM bookings
     WHERE founder_id = founder::uuid AND status IN ('requested','confirmed') AND starts_at > now();
    IF open_n > open_max THEN
      RAISE EXCEPTION 'OPEN_BOOKINGS_LIMIT' USING ERRCODE = 'P0001';
    END IF;
    IF with_mentor_n > with_mentor_max THEN
      RAISE EXCEPTION 'BOOKING_LIMIT' USING ERRCODE = 'P0001';
    END IF;
  END IF;
  IF day IS NOT NULL THEN
    SELECT count(*)::int INTO day_n
      FROM bookings
     WHERE mentor_id = mentor::uuid AND status IN ('requested','confirmed','completed','no_show')
       AND starts_at >= day_from AND starts_at < day_to;
    IF day_n > day_max THEN
      RAISE EXCEPTION 'SLOT_UNAVAILABLE' USING ERRCODE = 'P0001';
    END IF;
  END IF;
  RETURN true;
END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `DROP FUNCTION booking_limits_confirm(text, text, int, int, text, timestamptz, timestamptz, int)`,
    );
  }
}
