import { Body, Controller, Get, Headers, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { exportFileName, pickLocale, type BookingView, type CoachingRecordsView } from '@wutong/shared';
import { CurrentUser, Roles, SignedIn } from '../common/auth/access.decorators';
import type { Principal } from '../common/auth/principal';
import { attachmentHeader, toCsv } from '../common/http/csv';
import { UuidParamPipe } from '../common/http/uuid-param.pipe';
import { Returns, ReturnsFile } from '../openapi/returns.decorator';
import { CoachingRecordsService } from './coaching-records.service';
import { CoachingRecordDto, CoachingRecordsQueryDto, TickActionDto } from './dto/booking.dto';
import { coachingRecordRows, coachingRecordsXlsx } from './coaching-records.export';

@ApiTags('office hours')
@ApiBearerAuth()
@Controller()
export class CoachingRecordsController {
  constructor(private readonly records: CoachingRecordsService) {}

  @Put('bookings/:id/record')
  @SignedIn()
  @ApiOperation({
    summary:
      "The mentor writes the session's record once it has started (summary, topics, actions, follow-up); " +
      'rewriting keeps ticked actions',
  })
  @Returns('BookingView')
  write(
    @CurrentUser() user: Principal,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: CoachingRecordDto,
  ): Promise<BookingView> {
    return this.records.write(user, id, dto);
  }

  @Post('bookings/:id/record/actions/:actionId')
  @SignedIn()
  @HttpCode(200)
  @ApiOperation({ summary: 'The owner of an action (founder or mentor) ticks it done, or opens it again' })
  @Returns('BookingView')
  tick(
    @CurrentUser() user: Principal,
    @Param('id', UuidParamPipe) id: string,
    @Param('actionId') actionId: string,
    @Body() dto: TickActionDto,
  ): Promise<BookingView> {
    return this.records.tick(user, id, actionId, dto.done);
  }

  @Get('organizations/:id/coaching-records')
  @Roles('organizer', 'admin')
  @ApiOperation({
    summary:
      "The carrier's completed mentoring sessions in [from, to) (default: the last 90 days) with their records; " +
      '`missing=true`: only those without one',
  })
  @Returns('CoachingRecordsView')
  list(
    @CurrentUser() user: Principal,
    @Param('id', UuidParamPipe) id: string,
    @Query() query: CoachingRecordsQueryDto,
  ): Promise<CoachingRecordsView> {
    return this.records.list(user, id, query);
  }

  @Get('organizations/:id/coaching-records.csv')
  @Roles('organizer', 'admin')
  @ApiOperation({ summary: 'The same as CSV (UTF-8 with BOM): one line per session, actions in one cell' })
  @ReturnsFile('text/csv', 'The coaching records (UTF-8 with BOM)')
  async csv(
    @CurrentUser() user: Principal,
    @Param('id', UuidParamPipe) id: string,
    @Query() query: CoachingRecordsQueryDto,
    @Headers('accept-language') language: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const view = await this.records.list(user, id, query);
    const locale = pickLocale(language);
    void reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header(
        'content-disposition',
        attachmentHeader(
          exportFileName([locale === 'zh-CN' ? '辅导记录' : 'coaching records', view.to.slice(0, 10)], 'csv'),
        ),
      );
    return toCsv(coachingRecordRows(view, locale));
  }

  @Get('organizations/:id/coaching-records.xlsx')
  @Roles('organizer', 'admin')
  @ApiOperation({ summary: 'The same as a workbook (XLSX)' })
  @ReturnsFile(
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    'The coaching records (XLSX)',
  )
  async xlsx(
    @CurrentUser() user: Principal,
    @Param('id', UuidParamPipe) id: string,
    @Query() query: CoachingRecordsQueryDto,
    @Headers('accept-language') language: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    const view = await this.records.list(user, id, query);
    const locale = pickLocale(language);
    void reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header(
        'content-disposition',
        attachmentHeader(
          exportFileName(
            [locale === 'zh-CN' ? '辅导记录' : 'coaching records', view.to.slice(0, 10)],
            'xlsx',
          ),
        ),
      );
    return coachingRecordsXlsx(view, locale);
  }
}
