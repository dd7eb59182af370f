import { Module } from '@nestjs/common';
import { OrganizationsModule } from '../organizations/organizations.module';
import { CompaniesController } from './companies.controller';
import { CompaniesService } from './companies.service';
import { CompanyRecordService } from './company-record.service';

@Module({
  imports: [OrganizationsModule],
  controllers: [CompaniesController],
  providers: [CompaniesService, CompanyRecordService],
  exports: [CompaniesService],
})
export class CompaniesModule {}
