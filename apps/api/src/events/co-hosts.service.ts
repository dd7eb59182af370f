import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { CoHostView } from '@wutong/shared';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../common/auth/principal';
import { rows } from '../common/database/rows';
import { DomainException, notFound } from '../common/errors/domain.exception';
import { fieldError } from '../common/errors/validation';
import { EventsQueries } from './events.queries';
import { EventsService } from './events.service';

/**
 * Carriers co-hosting one event (issue 18, point 2): the host's organizers add and remove them; a
 * co-host's organizers and door staff then work that event's door and read its attendance, and
 * nothing else of the host's (docs/api.md, "Door staff and co-hosts").
 */
@Injectable()
export class CoHostsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly events: EventsService,
    private readonly queries: EventsQueries,
    private readonly audit: AuditService,
  ) {}

  async add(actor: Principal, eventId: string, organizationId: string): Promise<CoHostView[]> {
    await this.dataSource.transaction(async (m) => {
      const event = await this.events.lockForManagement(m, actor, eventId);
      if (organizationId === event.organizationId)
        throw new DomainException('VALIDATION_FAILED', [
          fieldError('organizationId', 'hostItself', 'the host carrier cannot co-host its own event'),
        ]);
      const [carrier] = await rows<{ id: string }>(m, `SELECT id FROM organizations WHERE id = $1`, [
        organizationId,
      ]);
      if (!carrier)
        throw new DomainException('VALIDATION_FAILED', [
          fieldError('organizationId', 'unknownCarrier', 'organizationId names no carrier'),
        ]);
      const added = await rows(
        m,
        `INSERT INTO event_co_hosts (event_id, organization_id, co_host_id) VALUES ($1, $2, $3)
         ON CONFLICT DO NOTHING RETURNING co_host_id`,
        [eventId, event.organizationId, organizationId],
      );
      if (added.length > 0)
        await this.audit.record(m, {
          actorId: actor.userId,
          action: 'event.co_host.add',
          targetType: 'event',
          targetId: eventId,
          organizationId: event.organizationId,
          details: { coHostId: organizationId },
        });
    });
    return this.queries.coHosts(eventId);
  }

  async remove(actor: Principal, eventId: string, organizationId: string): Promise<CoHostView[]> {
    await this.dataSource.transaction(async (m) => {
      const event = await this.events.lockForManagement(m, actor, eventId);
      const removed = await rows(
        m,
        `DELETE FROM event_co_hosts WHERE event_id = $1 AND organization_id = $2 AND co_host_id = $3
         RETURNING co_host_id`,
        [eventId, event.organizationId, organizationId],
      );
      if (removed.length === 0) throw notFound();
      await this.audit.record(m, {
        actorId: actor.userId,
        action: 'event.co_host.remove',
        targetType: 'event',
        targetId: eventId,
        organizationId: event.organizationId,
        details: { coHostId: organizationId },
      });
    });
    return this.queries.coHosts(eventId);
  }
}
