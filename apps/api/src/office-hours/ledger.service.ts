import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { toCsv } from '../common/http/csv';
import type { DataSource } from 'typeorm';
import { localDate, wallClockToUtc, type LedgerMonth, type LedgerView, type Locale } from '@wutong/shared';
import type { Principal } from '../common/auth/principal';
import { forbidden, notFound } from '../common/errors/domain.exception';
import { overseesMentors } from '../mentors/mentors.service';

interface MonthRow {
  month: number;
  sessions: number;
  seconds: string | number;
  no_shows: number;
  average: string | null;
  ratings: number;
}

const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;

/** Per mentor and month (in the mentor's zone): sessions held, hours, no-shows, average rating. */
@Injectable()
export class LedgerService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async ledger(caller: Principal, mentorId: string, year?: number): Promise<LedgerView> {
    const [mentor]: { display_name: string; time_zone: string }[] = await this.dataSource.query(
      `SELECT u.display_name, COALESCE(p.time_zone, u.time_zone) AS time_zone
         FROM users u LEFT JOIN mentor_profiles p ON p.user_id = u.id
        WHERE u.id = $1 AND ('mentor' = ANY(u.roles) OR p.user_id IS NOT NULL)`,
      [mentorId],
    );
    if (caller.userId !== mentorId && !overseesMentors(caller)) throw forbidden();
    if (!mentor) throw notFound();
    const zone = mentor.time_zone;
    const y = year ?? Number(localDate(zone, new Date()).slice(0, 4));
    const from = new Date(wallClockToUtc(zone, `${y}-01-01`, 0));
    const to = new Date(wallClockToUtc(zone, `${y + 1}-01-01`, 0));
    const rows: MonthRow[] = await this.dataSource.query(
      `SELECT extract(month FROM starts_at AT TIME ZONE $4)::int AS month,
              count(*) FILTER (WHERE status = 'completed')::int AS sessions,
              COALESCE(sum(extract(epoch FROM ends_at - starts_at)) FILTER (WHERE status = 'completed'), 0) AS seconds,
              count(*) FILTER (WHERE status = 'no_show')::int AS no_shows,
              avg(rating) FILTER (WHERE status = 'completed') AS average,
              count(rating) FILTER (WHERE status = 'completed')::int AS ratings
         FROM bookings
        WHERE mentor_id = $1 AND status IN ('completed','no_show') AND starts_at >= $2 AND starts_at < $3
        GROUP BY 1`,
      [mentorId, from.toISOString(), to.toISOString(), zone],
    );
    const byMonth = new Map(rows.map((r) => [r.month, r]));
    const months: LedgerMonth[] = Array.from({ length: 12 }, (_, i) => {
      const r = byMonth.get(i + 1);
      return {
        month: i + 1,
        sessions: r?.sessions ?? 0,
        hours: r ? round(Number(r.seconds) / 3600, 2) : 0,
        noShows: r?.no_shows ?? 0,
        averageRating: r?.average != null ? round(Number(r.average), 2) : null,
        ratings: r?.ratings ?? 0,
      };
    });
    const ratings = months.reduce((n, m) => n + m.ratings, 0);
    const ratingSum = rows.reduce((n, r) => n + (r.average != null ? Number(r.average) * r.ratings : 0), 0);
    return {
      mentorId,
      displayName: mentor.display_name,
      year: y,
      timeZone: zone,
      months,
      total: {
        sessions: months.reduce((n, m) => n + m.sessions, 0),
        hours: round(
          months.reduce((n, m) => n + m.hours, 0),
          2,
        ),
        noShows: months.reduce((n, m) => n + m.noShows, 0),
        averageRating: ratings > 0 ? round(ratingSum / ratings, 2) : null,
        ratings,
      },
    };
  }

  /** The ledger as CSV with a BOM so that Excel opens it as UTF-8; one row per month and a total. */
  toCsv(ledger: LedgerView, locale: Locale): string {
    const zh = locale === 'zh-CN';
    const header = zh
      ? ['导师', '年份', '月份', '辅导次数', '时长（小时）', '未到场', '平均评分', '评价数']
      : ['Mentor', 'Year', 'Month', 'Sessions', 'Hours', 'No-shows', 'Average rating', 'Ratings'];
    const line = (month: string | number, m: Omit<LedgerMonth, 'month'>) => [
      ledger.displayName,
      ledger.year,
      month,
      m.sessions,
      m.hours,
      m.noShows,
      m.averageRating,
      m.ratings,
    ];
    return toCsv([
      header,
      ...ledger.months.map((m) => line(m.month, m)),
      line(zh ? '合计' : 'Total', ledger.total),
    ]);
  }
}
