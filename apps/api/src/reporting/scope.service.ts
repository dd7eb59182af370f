import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { DEFAULT_TIME_ZONE } from '@wutong/shared';
import { isAdmin, organizes, type Principal } from '../common/auth/principal';
import { forbidden, notFound } from '../common/errors/domain.exception';

export interface ResolvedScope {
  year: number;
  organizationId: string | null;
  timeZone: string;
  organizationName: string | null;
}

/**
 * Who may see which numbers: a carrier's to its organizers and admins (another carrier's: 404), the
 * base-wide ones to admins (403 for organizers). The zone is the carrier's, base-wide the base's.
 */
@Injectable()
export class ScopeService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async resolve(
    actor: Principal,
    organizationId: string | undefined | null,
    year?: number,
  ): Promise<ResolvedScope> {
    let zone = DEFAULT_TIME_ZONE;
    let name: string | null = null;
    if (organizationId) {
      const [org]: { time_zone: string; name: string }[] = await this.dataSource.query(
        `SELECT time_zone, name FROM organizations WHERE id = $1`,
        [organizationId],
      );
      if (!org || !organizes(actor, organizationId)) throw notFound();
      zone = org.time_zone;
      name = org.name;
    } else {
      if (!isAdmin(actor)) throw forbidden();
      const [base]: { time_zone: string }[] = await this.dataSource.query(
        `SELECT time_zone FROM organizations WHERE kind = 'base' ORDER BY created_at LIMIT 1`,
      );
      zone = base?.time_zone ?? DEFAULT_TIME_ZONE;
    }
    const thisYear = Number(
      new Intl.DateTimeFormat('en', { timeZone: zone, year: 'numeric' }).format(new Date()),
    );
    return {
      year: year ?? thisYear,
      organizationId: organizationId ?? null,
      timeZone: zone,
      organizationName: name,
    };
  }
}
