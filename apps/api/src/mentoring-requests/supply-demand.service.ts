import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import {
  MENTOR_CATEGORIES,
  computeSlots,
  localDate,
  wallClockToUtc,
  type SupplyDemandRow,
  type SupplyDemandView,
} from '@wutong/shared';
import { organizes, type Principal } from '../common/auth/principal';
import { DomainException, forbidden, notFound } from '../common/errors/domain.exception';
import { fieldError } from '../common/errors/validation';
import { CHINESE_HOLIDAYS } from '../mentors/holidays';
import { mentorCarrier } from '../mentors/mentor-carrier';
import { MENTOR_PROFILE_COLUMNS, type MentorProfile } from '../mentors/mentor-profile.record';

const DAY = 24 * 3600 * 1000;
/** The longest period one answer covers. */
export const MAX_SUPPLY_DEMAND_DAYS = 366;
/** A need asks for one session of this many hours (docs/matching.md, "Supply and demand"). */
export const HOURS_PER_NEED = 1;

const round1 = (n: number) => Math.round(n * 10) / 10;

/** The first instant of the month `shift` months from the one holding `instant`, in the zone. */
function monthStart(zone: string, instant: Date, shift: number): Date {
  const [y, m] = localDate(zone, instant).split('-').map(Number);
  const first = new Date(Date.UTC(y, m - 1 + shift, 1)).toISOString().slice(0, 10);
  return new Date(wallClockToUtc(zone, first, 0));
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return round1(s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2);
}

/**
 * A carrier's mentoring supply and demand per month and mentor category (docs/matching.md):
 * hours its mentors offer, hours booked with them, hours its founders' needs ask for, and how long
 * a need waits for its first session.
 */
@Injectable()
export class SupplyDemandService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async report(
    caller: Principal,
    organizationId: string,
    query: { from?: string; to?: string },
  ): Promise<SupplyDemandView> {
    const [carrier]: { time_zone: string }[] = await this.dataSource.query(
      `SELECT time_zone FROM organizations WHERE id = $1`,
      [organizationId],
    );
    if (!carrier) throw notFound();
    if (!organizes(caller, organizationId)) throw forbidden();
    const zone = carrier.time_zone;
    const now = new Date();
    const from = query.from ? new Date(query.from) : monthStart(zone, now, -5);
    const to = query.to ? new Date(query.to) : monthStart(zone, now, 1);
    if (!(to > from))
      throw new DomainException('VALIDATION_FAILED', [
        fieldError('to', 'fromBeforeTo', 'to must be after from'),
      ]);
    if (to.getTime() - from.getTime() > MAX_SUPPLY_DEMAND_DAYS * DAY)
      throw new DomainException('VALIDATION_FAILED', [
        fieldError('to', 'rangeTooLong', `to must be at most ${MAX_SUPPLY_DEMAND_DAYS} days after from`),
      ]);
    const cells = new Map<string, SupplyDemandRow>();
    const cell = (month: string, category: SupplyDemandRow['category']) => {
      const key = `${month}|${category}`;
      let row = cells.get(key);
      if (!row) {
        row = { month, category, offeredHours: 0, bookedHours: 0, askedHours: 0 };
        cells.set(key, row);
      }
      return row;
    };

    for (const { month, category, hours } of await this.offered(organizationId, zone, from, to))
      cell(month, category).offeredHours += hours;

    const booked: { month: string; category: SupplyDemandRow['category']; hours: number }[] =
      await this.dataSource.query(
        `SELECT to_char(b.starts_at AT TIME ZONE $4, 'YYYY-MM') AS month, p.category,
                sum(extract(epoch FROM b.ends_at - b.starts_at) / 3600)::float AS hours
           FROM bookings b JOIN mentor_profiles p ON p.user_id = b.mentor_id
          WHERE b.organization_id = $1 AND b.status IN ('requested','confirmed','completed','no_show')
            AND b.starts_at >= $2 AND b.starts_at < $3
          GROUP BY 1, 2`,
        [organizationId, from.toISOString(), to.toISOString(), zone],
      );
    for (const b of booked) cell(b.month, b.category).bookedHours += b.hours;

    const asked: { month: string; category: SupplyDemandRow['category']; needs: number }[] =
      await this.dataSource.query(
        `SELECT to_char(created_at AT TIME ZONE $4, 'YYYY-MM') AS month, coalesce(category, 'unspecified') AS category,
                count(*)::int AS needs
           FROM mentoring_requests
          WHERE organization_id = $1 AND status <> 'withdrawn' AND created_at >= $2 AND created_at < $3
          GROUP BY 1, 2`,
        [organizationId, from.toISOString(), to.toISOString(), zone],
      );
    for (const a of asked) cell(a.month, a.category).askedHours += a.needs * HOURS_PER_NEED;

    const order = [...MENTOR_CATEGORIES, 'unspecified'];
    const rows = [...cells.values()]
      .map((r) => ({
        ...r,
        offeredHours: round1(r.offeredHours),
        bookedHours: round1(r.bookedHours),
        askedHours: round1(r.askedHours),
      }))
      .sort(
        (a, b) => a.month.localeCompare(b.month) || order.indexOf(a.category) - order.indexOf(b.category),
      );

    const needs: { status: string; to_booking: number | null; to_session: number | null }[] =
      await this.dataSource.query(
        `SELECT status, extract(epoch FROM booked_at - created_at)::float / 3600 AS to_booking,
                extract(epoch FROM first_session_at - created_at)::float / 3600 AS to_session
           FROM mentoring_requests
          WHERE organization_id = $1 AND status <> 'withdrawn' AND created_at >= $2 AND created_at < $3`,
        [organizationId, from.toISOString(), to.toISOString()],
      );
    const matched = needs.filter((n) => n.status === 'matched');
    const toSession = matched.map((n) => n.to_session!);
    return {
      organizationId,
      from: from.toISOString(),
      to: to.toISOString(),
      timeZone: zone,
      rows,
      timeToFirstSession: {
        requests: needs.length,
        matched: matched.length,
        open: needs.filter((n) => n.status === 'open').length,
        medianHoursToBooking: median(matched.map((n) => n.to_booking!)),
        medianHoursToSession: median(toSession),
        averageHoursToSession:
          toSession.length > 0 ? round1(toSession.reduce((s, h) => s + h, 0) / toSession.length) : null,
      },
    };
  }

  /**
   * Hours the carrier's published mentors offer in [from, to): the slots of their weekly rules and
   * date overrides (holidays applied, no notice, no horizon), at most their daily maximum a day,
   * booked or not, by the month of the slot's start in the carrier's zone.
   */
  private async offered(
    organizationId: string,
    zone: string,
    from: Date,
    to: Date,
  ): Promise<{ month: string; category: SupplyDemandRow['category']; hours: number }[]> {
    const profiles: MentorProfile[] = await this.dataSource.query(
      `SELECT ${MENTOR_PROFILE_COLUMNS} FROM mentor_profiles p JOIN users u ON u.id = p.user_id
        WHERE 'mentor' = ANY(u.roles) AND p.published AND ${mentorCarrier('p.user_id')} = $1`,
      [organizationId],
    );
    const out: { month: string; category: SupplyDemandRow['category']; hours: number }[] = [];
    for (const p of profiles) {
      const slots = computeSlots({
        timeZone: p.timeZone,
        rules: p.rules,
        overrides: p.overrides,
        holidaysOff: p.holidaysOff,
        holidays: CHINESE_HOLIDAYS,
        now: from,
        from,
        to,
        minNoticeHours: 0,
        horizonWeeks: Math.ceil((to.getTime() - from.getTime()) / (7 * DAY)) + 1,
      });
      const perDay = new Map<string, number>();
      for (const s of slots) {
        const start = Date.parse(s.startsAt);
        const day = localDate(p.timeZone, start);
        const taken = perDay.get(day) ?? 0;
        if (p.maxPerDay != null && taken >= p.maxPerDay) continue;
        perDay.set(day, taken + 1);
        out.push({
          month: localDate(zone, start).slice(0, 7),
          category: p.category,
          hours: (Date.parse(s.endsAt) - start) / 3600_000,
        });
      }
    }
    return out;
  }
}
