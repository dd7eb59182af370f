import { Body, Controller, Param, Patch, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { CompanyView } from '@wutong/shared';
import { CurrentUser, Roles, SignedIn } from '../common/auth/access.decorators';
import type { Principal } from '../common/auth/principal';
import { UuidParamPipe } from '../common/http/uuid-param.pipe';
import { Returns } from '../openapi/returns.decorator';
import { CompaniesService } from './companies.service';
import { CompanyOwnerDto, UpdateCompanyDto } from './dto/company.dto';

@ApiTags('companies')
@ApiBearerAuth()
@Controller('companies')
export class CompaniesController {
  constructor(private readonly companies: CompaniesService) {}

  /** Its owner, organizers of its incubator and admins edit a company's details (audited). */
  @Patch(':id')
  @SignedIn()
  @Returns('CompanyView')
  update(
    @CurrentUser() user: Principal,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: UpdateCompanyDto,
  ): Promise<CompanyView> {
    return this.companies.update(user, id, dto);
  }

  /** Organizers of its incubator and admins name its owner among its members (audited). */
  @Put(':id/owner')
  @Roles('organizer', 'admin')
  @Returns('CompanyView')
  setOwner(
    @CurrentUser() user: Principal,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: CompanyOwnerDto,
  ): Promise<CompanyView> {
    return this.companies.setOwner(user, id, dto.userId);
  }
}
