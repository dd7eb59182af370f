import { Module } from '@nestjs/common';
import { OrganizationsController } from './organizations.controller';
import { OrganizationsService } from './organizations.service';
import { VenuesService } from './venues.service';

@Module({
  controllers: [OrganizationsController],
  providers: [OrganizationsService, VenuesService],
  exports: [OrganizationsService, VenuesService],
})
export class OrganizationsModule {}
