import { Module } from '@nestjs/common';
import { OrganizationsModule } from '../organizations/organizations.module';
import { CompaniesModule } from '../companies/companies.module';
import { AccountAdminController } from './account-admin.controller';
import { AccountAdminService } from './account-admin.service';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

@Module({
  imports: [OrganizationsModule, CompaniesModule],
  controllers: [UsersController, AccountAdminController],
  providers: [UsersService, AccountAdminService],
  exports: [UsersService],
})
export class UsersModule {}
