import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Locale, RegistrantView, RegistrationStatus } from '@wutong/shared';
import { organizes, type Principal } from '../common/auth/principal';
import { notFound } from '../common/errors/domain.exception';
import { EventsQueries } from '../events/events.queries';
import { registrantsCsv } from './registrations.csv';
import { RegistrationsQueries } from './registrations.queries';
import { exportDay, exportFileName } from '@wutong/shared';

/** The registrant list and its CSV export, for the event's organizers only (others: 404). */
@Injectable()
export class RegistrantListService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly events: EventsQueries,
    private readonly queries: RegistrationsQueries,
  ) {}

  async list(actor: Principal, eventId: string, status?: RegistrationStatus): Promise<RegistrantView[]> {
    await this.checkAccess(actor, eventId);
    return this.queries.registrants(eventId, status);
  }

  async csv(actor: Principal, eventId: string, locale: Locale): Promise<{ csv: string; filename: string }> {
    const row = await this.checkAccess(actor, eventId);
    const [{ questions }, registrants] = await Promise.all([
      this.events.details(eventId),
      this.queries.registrants(eventId),
    ]);
    return {
      csv: registrantsCsv(locale, row.time_zone, questions, registrants),
      filename: exportFileName(
        [locale === 'zh-CN' ? '报名名单' : 'registrants', row.title, exportDay(row.starts_at, row.time_zone)],
        'csv',
      ),
    };
  }

  private async checkAccess(actor: Principal, eventId: string) {
    const row = await this.events.row(eventId);
    if (!row || !organizes(actor, row.organization_id)) throw notFound();
    return row;
  }
}
