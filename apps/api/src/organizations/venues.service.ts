import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { VenueView } from '@wutong/shared';
import { organizes, type Principal } from '../common/auth/principal';
import { PG, pgError } from '../common/database/pg-errors';
import { DomainException, forbidden, notFound } from '../common/errors/domain.exception';
import { fieldError } from '../common/errors/validation';
import type { CreateVenueDto } from './dto/venue.dto';
import { rows } from '../common/database/rows';
import { VENUE_COLUMNS, type Venue } from './organization.record';

export const toVenueView = (v: Venue): VenueView => ({
  id: v.id,
  organizationId: v.organizationId,
  name: v.name,
  address: v.address,
  capacity: v.capacity,
});

/** Rooms and halls of a carrier. */
@Injectable()
export class VenuesService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(organizationId: string): Promise<VenueView[]> {
    if (!(await this.carrierExists(organizationId))) throw notFound();
    const venues: Venue[] = await this.dataSource.query(
      `SELECT ${VENUE_COLUMNS} FROM venues WHERE organization_id = $1 ORDER BY name`,
      [organizationId],
    );
    return venues.map(toVenueView);
  }

  async create(actor: Principal, organizationId: string, dto: CreateVenueDto): Promise<VenueView> {
    if (!(await this.carrierExists(organizationId))) throw notFound();
    if (!organizes(actor, organizationId)) throw forbidden();
    try {
      const [venue] = await rows<Venue>(
        this.dataSource.manager,
        `INSERT INTO venues (organization_id, name, address, capacity) VALUES ($1, $2, $3, $4)
         RETURNING ${VENUE_COLUMNS}`,
        [organizationId, dto.name.trim(), dto.address?.trim() || null, dto.capacity ?? null],
      );
      return toVenueView(venue);
    } catch (error) {
      if (pgError(error)?.code === PG.uniqueViolation) {
        throw new DomainException('VALIDATION_FAILED', [
          fieldError('name', 'venueNameTaken', 'name is taken by another venue of this carrier'),
        ]);
      }
      throw error;
    }
  }

  /** The venue if it belongs to that carrier, for events that name it. */
  async findOfOrganization(
    manager: EntityManager,
    venueId: string,
    organizationId: string,
  ): Promise<Venue | null> {
    const [venue] = await rows<Venue>(
      manager,
      `SELECT ${VENUE_COLUMNS} FROM venues WHERE id = $1 AND organization_id = $2`,
      [venueId, organizationId],
    );
    return venue ?? null;
  }

  async findByIds(ids: string[]): Promise<Venue[]> {
    if (ids.length === 0) return [];
    return this.dataSource.query(`SELECT ${VENUE_COLUMNS} FROM venues WHERE id = ANY($1::uuid[])`, [ids]);
  }

  private async carrierExists(id: string): Promise<boolean> {
    const found: unknown[] = await this.dataSource.query(`SELECT 1 FROM organizations WHERE id = $1`, [id]);
    return found.length > 0;
  }
}
