import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import type { VenueView } from '@wutong/shared';
import { organizes, type Principal } from '../common/auth/principal';
import { PG, pgError } from '../common/database/pg-errors';
import { DomainException, forbidden, notFound } from '../common/errors/domain.exception';
import { fieldError } from '../common/errors/validation';
import type { CreateVenueDto } from './dto/venue.dto';
import { Organization } from './organization.entity';
import { Venue } from './venue.entity';

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
  constructor(
    @InjectRepository(Venue) private readonly venues: Repository<Venue>,
    @InjectRepository(Organization) private readonly organizations: Repository<Organization>,
  ) {}

  async list(organizationId: string): Promise<VenueView[]> {
    if (!(await this.organizations.exists({ where: { id: organizationId } }))) throw notFound();
    return (await this.venues.find({ where: { organizationId }, order: { name: 'ASC' } })).map(toVenueView);
  }

  async create(actor: Principal, organizationId: string, dto: CreateVenueDto): Promise<VenueView> {
    if (!(await this.organizations.exists({ where: { id: organizationId } }))) throw notFound();
    if (!organizes(actor, organizationId)) throw forbidden();
    try {
      const venue = await this.venues.save(
        this.venues.create({
          organizationId,
          name: dto.name.trim(),
          address: dto.address?.trim() || null,
          capacity: dto.capacity ?? null,
        }),
      );
      return toVenueView(venue);
    } catch (error) {
      if (pgError(error)?.code === PG.uniqueViolation) {
        throw new DomainException('VALIDATION_FAILED', 400, [
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
    return manager.findOneBy(Venue, { id: venueId, organizationId });
  }

  findByIds(ids: string[]): Promise<Venue[]> {
    return ids.length === 0
      ? Promise.resolve([])
      : this.venues.createQueryBuilder('v').where('v.id = ANY(:ids)', { ids }).getMany();
  }
}
