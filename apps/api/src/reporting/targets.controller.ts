import { Body, Controller, Get, Header, Headers, Param, ParseIntPipe, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { pickLocale, type DashboardView, type TargetView } from '@wutong/shared';
import { CurrentUser, Roles } from '../common/auth/access.decorators';
import type { Principal } from '../common/auth/principal';
import { notFound } from '../common/errors/domain.exception';
import { attachmentHeader } from '../common/http/csv';
import { DashboardService } from './dashboard.service';
import { PeriodScopeQuery, SetTargetDto, YearScopeQuery } from './dto/targets.dto';
import { ReportsService } from './reports.service';
import { TargetsService } from './targets.service';
import { Returns, ReturnsFile, ReturnsList } from '../openapi/returns.decorator';

const yearPipe = new ParseIntPipe({ exceptionFactory: () => notFound() });

@ApiTags('targets')
@ApiBearerAuth()
@Controller()
export class TargetsController {
  constructor(
    private readonly targets: TargetsService,
    private readonly dashboards: DashboardService,
    private readonly reports: ReportsService,
  ) {}

  @Get('targets')
  @Roles('organizer', 'admin')
  @ReturnsList('TargetView')
  list(@CurrentUser() user: Principal, @Query() query: YearScopeQuery): Promise<TargetView[]> {
    return this.targets.list(user, query.year, query.organizationId);
  }

  /** Sets one target: base-wide (admins) or a carrier's (its organizers), optionally per event type. */
  @Put('targets/:year')
  @Roles('organizer', 'admin')
  @Returns('TargetView')
  set(
    @CurrentUser() user: Principal,
    @Param('year', yearPipe) year: number,
    @Body() dto: SetTargetDto,
  ): Promise<TargetView> {
    if (year < 2000 || year > 2100) throw notFound();
    return this.targets.set(user, year, dto);
  }

  @Get('dashboard')
  @Roles('organizer', 'admin')
  @Returns('DashboardView')
  dashboard(@CurrentUser() user: Principal, @Query() query: PeriodScopeQuery): Promise<DashboardView> {
    return this.dashboards.dashboard(user, query, query.organizationId);
  }

  @Get('reports/annual.xlsx')
  @Roles('organizer', 'admin')
  @Header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ReturnsFile(
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    'The annual report (XLSX)',
  )
  async xlsx(
    @CurrentUser() user: Principal,
    @Query() query: PeriodScopeQuery,
    @Headers('accept-language') acceptLanguage: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    const { file, name } = await this.reports.xlsx(
      user,
      pickLocale(acceptLanguage),
      query,
      query.organizationId,
    );
    void reply.header('content-disposition', attachmentHeader(name));
    return file;
  }

  @Get('reports/annual.csv')
  @Roles('organizer', 'admin')
  @Header('content-type', 'text/csv; charset=utf-8')
  @ReturnsFile('text/csv', 'The annual report (UTF-8 with BOM)')
  async csv(
    @CurrentUser() user: Principal,
    @Query() query: PeriodScopeQuery,
    @Headers('accept-language') acceptLanguage: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const { file, name } = await this.reports.csv(
      user,
      pickLocale(acceptLanguage),
      query,
      query.organizationId,
    );
    void reply.header('content-disposition', attachmentHeader(name));
    return file;
  }
}
