import { Body, Controller, Get, Headers, Param, Patch, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import {
  exportFileName,
  pickLocale,
  type CompanyRecordView,
  type CompanySearchEntry,
  type CompanyView,
} from '@wutong/shared';
import { CurrentUser, Roles, SignedIn } from '../common/auth/access.decorators';
import type { Principal } from '../common/auth/principal';
import { UuidParamPipe } from '../common/http/uuid-param.pipe';
import { Returns, ReturnsFile, ReturnsList } from '../openapi/returns.decorator';
import { attachmentHeader } from '../common/http/csv';
import { companyRecordXlsx } from './company-record.export';
import { CompanyRecordService } from './company-record.service';
import { CompaniesService } from './companies.service';
import { CompanyOwnerDto, CompanySearchDto, UpdateCompanyDto } from './dto/company.dto';

@ApiTags('companies')
@ApiBearerAuth()
@Controller('companies')
export class CompaniesController {
  constructor(
    private readonly companies: CompaniesService,
    private readonly records: CompanyRecordService,
  ) {}

  @Get()
  @Roles('organizer', 'admin')
  @ApiOperation({ summary: 'Companies whose name or credit code contains `q` (at most 50)' })
  @ReturnsList('CompanySearchEntry')
  search(@CurrentUser() user: Principal, @Query() query: CompanySearchDto): Promise<CompanySearchEntry[]> {
    return this.records.search(user, query.q);
  }

  @Get(':creditCode/record')
  @SignedIn()
  @ApiOperation({
    summary:
      "One file per company: its people's registrations, visits, mentoring (with records) and certificates across " +
      "carriers; organizers, admins and the company's members",
  })
  @Returns('CompanyRecordView')
  record(
    @CurrentUser() user: Principal,
    @Param('creditCode') creditCode: string,
  ): Promise<CompanyRecordView> {
    return this.records.record(user, creditCode);
  }

  @Get(':creditCode/record.xlsx')
  @SignedIn()
  @ApiOperation({ summary: 'The company file as a workbook, one sheet per kind' })
  @ReturnsFile('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'The company file (XLSX)')
  async recordXlsx(
    @CurrentUser() user: Principal,
    @Param('creditCode') creditCode: string,
    @Headers('accept-language') language: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    const view = await this.records.record(user, creditCode);
    const locale = pickLocale(language);
    void reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header(
        'content-disposition',
        attachmentHeader(
          exportFileName([locale === 'zh-CN' ? '企业档案' : 'company file', view.company.name], 'xlsx'),
        ),
      );
    return companyRecordXlsx(view, locale);
  }

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
