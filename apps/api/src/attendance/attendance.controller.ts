import {
  Body,
  Controller,
  Delete,
  Get,
  Header,
  Headers,
  HttpCode,
  Param,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import {
  pickLocale,
  type AttendeeSearchResult,
  type CheckInResponse,
  type EventAttendance,
  type MyAttendanceView,
  type SelfCheckInCode,
  type SessionLiveCount,
} from '@wutong/shared';
import { CurrentUser, Roles, SignedIn } from '../common/auth/access.decorators';
import { organizesEvent, worksDoor, type Principal } from '../common/auth/principal';
import { notFound } from '../common/errors/domain.exception';
import { attachmentHeader } from '../common/http/csv';
import { UuidParamPipe } from '../common/http/uuid-param.pipe';
import { EventsQueries } from '../events/events.queries';
import { attendanceCsv } from './attendance.csv';
import { AttendanceQueries } from './attendance.queries';
import { AttendanceService } from './attendance.service';
import { AttendeeSearchQuery, CheckInDto, SelfCheckInDto } from './dto/check-in.dto';
import { Returns, ReturnsFile, ReturnsList } from '../openapi/returns.decorator';
import { exportDay, exportFileName } from '@wutong/shared';

@ApiTags('attendance')
@ApiBearerAuth()
@Controller()
export class AttendanceController {
  constructor(
    private readonly attendance: AttendanceService,
    private readonly queries: AttendanceQueries,
    private readonly events: EventsQueries,
  ) {}

  /** 201 with the new check-in; 200 `alreadyCheckedIn` with the first one when scanned again. */
  @Post('sessions/:sessionId/check-ins')
  @Roles('organizer', 'admin', 'door_staff')
  @Returns('CheckInResponse', { status: 201, description: 'The new check-in' })
  @Returns('CheckInResponse', { description: 'Scanned again: alreadyCheckedIn with the first check-in' })
  async checkIn(
    @CurrentUser() user: Principal,
    @Param('sessionId', UuidParamPipe) sessionId: string,
    @Body() dto: CheckInDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CheckInResponse> {
    const result = await this.attendance.checkIn(user, sessionId, dto);
    void reply.status(result.alreadyCheckedIn ? 200 : 201);
    return result;
  }

  /** The door's live count, polled by every door of the session. */
  @Get('sessions/:sessionId/check-ins')
  @Roles('organizer', 'admin', 'door_staff')
  @Returns('SessionLiveCount')
  async live(
    @CurrentUser() user: Principal,
    @Param('sessionId', UuidParamPipe) sessionId: string,
  ): Promise<SessionLiveCount> {
    const session = await this.attendance.managedSession(user, sessionId);
    return this.queries.liveCount(session.event_id, sessionId);
  }

  @Delete('check-ins/:id')
  @Roles('organizer', 'admin', 'door_staff')
  @HttpCode(204)
  async undo(@CurrentUser() user: Principal, @Param('id', UuidParamPipe) id: string): Promise<void> {
    await this.attendance.undo(user, id);
  }

  @Get('sessions/:sessionId/self-check-in-code')
  @Roles('organizer', 'admin', 'door_staff')
  @Returns('SelfCheckInCode')
  selfCheckInCode(
    @CurrentUser() user: Principal,
    @Param('sessionId', UuidParamPipe) sessionId: string,
  ): Promise<SelfCheckInCode> {
    return this.attendance.selfCheckInCode(user, sessionId);
  }

  @Post('sessions/:sessionId/self-check-in')
  @SignedIn()
  @Returns('CheckInResponse', { status: 201, description: 'The new check-in' })
  @Returns('CheckInResponse', { description: 'Checked in before: alreadyCheckedIn with the first check-in' })
  async selfCheckIn(
    @CurrentUser() user: Principal,
    @Param('sessionId', UuidParamPipe) sessionId: string,
    @Body() dto: SelfCheckInDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CheckInResponse> {
    const result = await this.attendance.selfCheckIn(user, sessionId, dto.code);
    void reply.status(result.alreadyCheckedIn ? 200 : 201);
    return result;
  }

  @Get('events/:id/attendees')
  @Roles('organizer', 'admin', 'door_staff')
  @ReturnsList('AttendeeSearchResult')
  async search(
    @CurrentUser() user: Principal,
    @Param('id', UuidParamPipe) id: string,
    @Query() query: AttendeeSearchQuery,
  ): Promise<AttendeeSearchResult[]> {
    await this.managedEvent(user, id, 'door');
    return this.queries.search(id, query.q ?? '', query.sessionId);
  }

  @Get('events/:id/attendance')
  @Roles('organizer', 'admin')
  @Returns('EventAttendance')
  async eventAttendance(
    @CurrentUser() user: Principal,
    @Param('id', UuidParamPipe) id: string,
  ): Promise<EventAttendance> {
    await this.managedEvent(user, id);
    const { completionShare } = await this.events.details(id);
    return this.queries.eventAttendance(id, completionShare);
  }

  @Get('events/:id/attendance.csv')
  @Roles('organizer', 'admin')
  @Header('content-type', 'text/csv; charset=utf-8')
  @ReturnsFile('text/csv', 'Attendance per session (UTF-8 with BOM)')
  async attendanceCsv(
    @CurrentUser() user: Principal,
    @Param('id', UuidParamPipe) id: string,
    @Headers('accept-language') acceptLanguage: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const row = await this.managedEvent(user, id);
    const locale = pickLocale(acceptLanguage);
    const { completionShare } = await this.events.details(id);
    const attendance = await this.queries.eventAttendance(id, completionShare);
    void reply.header(
      'content-disposition',
      attachmentHeader(
        exportFileName(
          [
            locale === 'zh-CN' ? '签到记录' : 'attendance',
            row.title,
            exportDay(row.starts_at, row.time_zone),
          ],
          'csv',
        ),
      ),
    );
    return attendanceCsv(locale, row.time_zone, attendance);
  }

  @Get('me/attendance')
  @SignedIn()
  @ReturnsList('MyAttendanceView')
  mine(@CurrentUser() user: Principal): Promise<MyAttendanceView[]> {
    return this.queries.mine(user.userId);
  }

  /**
   * The event for its host's and co-hosts' organizers (`organize`: attendance, exports), or also their
   * door staff (`door`: the door search); others 404.
   */
  private async managedEvent(user: Principal, id: string, who: 'organize' | 'door' = 'organize') {
    const row = await this.events.row(id);
    if (!row) throw notFound();
    const coHostIds = (await this.events.coHosts(id, row.organization_id)).map((h) => h.organizationId);
    const may = who === 'door' ? worksDoor : organizesEvent;
    if (!may(user, row.organization_id, coHostIds)) throw notFound();
    return row;
  }
}
