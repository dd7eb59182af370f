import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OrganizationMember } from './organization-member.entity';
import { Organization } from './organization.entity';
import { OrganizationsController } from './organizations.controller';
import { OrganizationsService } from './organizations.service';
import { Venue } from './venue.entity';
import { VenuesService } from './venues.service';

@Module({
  imports: [TypeOrmModule.forFeature([Organization, OrganizationMember, Venue])],
  controllers: [OrganizationsController],
  providers: [OrganizationsService, VenuesService],
  exports: [OrganizationsService, VenuesService],
})
export class OrganizationsModule {}
