import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { EVENT_METRICS, type EventType, type Metric, type TargetView } from '@wutong/shared';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../common/auth/principal';
import { DomainException } from '../common/errors/domain.exception';
import { fieldError } from '../common/errors/validation';
import type { SetTargetDto } from './dto/targets.dto';
import { ScopeService } from './scope.service';

interface TargetRow {
  organization_id: string | null;
  year: number;
  metric: Metric;
  event_type: EventType | null;
  value: number;
  updated_at: Date;
}

const toView = (r: TargetRow): TargetView => ({
  year: r.year,
  organizationId: r.organization_id,
  metric: r.metric,
  eventType: r.event_type,
  value: r.value,
  updatedAt: r.updated_at.toISOString(),
});

/** Annual targets: base-wide (admins) or per carrier (its organizers), optionally per event type; audited. */
@Injectable()
export class TargetsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly scopes: ScopeService,
    private readonly audit: AuditService,
  ) {}

  async list(actor: Principal, year: number | undefined, organizationId?: string): Promise<TargetView[]> {
    const scope = await this.scopes.resolve(actor, organizationId, year);
    return (await this.of(scope.year, scope.organizationId)).map(toView);
  }

  async of(year: number, organizationId: string | null): Promise<TargetRow[]> {
    return this.dataSource.query(
      `SELECT organization_id, year, metric, event_type, value, updated_at FROM targets
        WHERE year = $1 AND organization_id IS NOT DISTINCT FROM $2 ORDER BY metric, event_type NULLS FIRST`,
      [year, organizationId],
    );
  }

  async set(actor: Principal, year: number, dto: SetTargetDto): Promise<TargetView> {
    if (dto.eventType && !EVENT_METRICS.includes(dto.metric)) {
      throw new DomainException('VALIDATION_FAILED', [
        fieldError('eventType', 'eventMetricOnly', 'only event metrics have per-type targets'),
      ]);
    }
    const scope = await this.scopes.resolve(actor, dto.organizationId, year);
    return this.dataSource.transaction(async (m) => {
      const [before]: { value: number }[] = await m.query(
        `SELECT value FROM targets WHERE year = $1 AND metric = $2 AND organization_id IS NOT DISTINCT FROM $3 AND event_type IS NOT DISTINCT FROM $4`,
        [year, dto.metric, scope.organizationId, dto.eventType ?? null],
      );
      const [row]: TargetRow[] = await m.query(
        `INSERT INTO targets (organization_id, year, metric, event_type, value, updated_by) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (year, metric, coalesce(organization_id, '00000000-0000-0000-0000-000000000000'::uuid), coalesce(event_type, ''))
         DO UPDATE SET value = EXCLUDED.value, updated_by = EXCLUDED.updated_by, updated_at = now()
         RETURNING organization_id, year, metric, event_type, value, updated_at`,
        [scope.organizationId, year, dto.metric, dto.eventType ?? null, dto.value, actor.userId],
      );
      await this.audit.record(m, {
        actorId: actor.userId,
        action: 'target.set',
        targetType: 'target',
        targetId: `${year}:${dto.metric}${dto.eventType ? `:${dto.eventType}` : ''}`,
        organizationId: scope.organizationId,
        details: {
          year,
          metric: dto.metric,
          eventType: dto.eventType ?? null,
          from: before?.value ?? null,
          to: dto.value,
        },
      });
      return toView(row);
    });
  }
}
