import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import {
  pickLocale,
  type BookingSuspensionView,
  type BookingView,
  type LedgerView,
  type NextSlotView,
  type SlotView,
  type SuspendedFounderView,
} from '@wutong/shared';
import {
  CurrentUser,
  OptionalUser,
  Public,
  Roles,
  SignedIn,
  Verified,
} from '../common/auth/access.decorators';
import type { Principal } from '../common/auth/principal';
import { UuidParamPipe } from '../common/http/uuid-param.pipe';
import { BookingsService } from './bookings.service';
import {
  CancelBookingDto,
  CreateBookingDto,
  DeclineBookingDto,
  FeedbackDto,
  LedgerQueryDto,
  NextSlotQueryDto,
  NoShowDto,
  RescheduleBookingDto,
  SlotsQueryDto,
} from './dto/booking.dto';
import { LedgerService } from './ledger.service';
import { OfficeHoursService } from './office-hours.service';
import { Returns, ReturnsFile, ReturnsList } from '../openapi/returns.decorator';
import { exportFileName } from '@wutong/shared';
import { attachmentHeader } from '../common/http/csv';

@ApiTags('office hours')
@ApiBearerAuth()
@Controller()
export class OfficeHoursController {
  constructor(
    private readonly officeHours: OfficeHoursService,
    private readonly bookings: BookingsService,
    private readonly ledgers: LedgerService,
  ) {}

  @Get('mentors/:id/slots')
  @Public()
  @ApiOperation({
    summary: 'Free slots lying wholly inside [from, to) (default: the next 14 days; at most 62 days)',
  })
  @ReturnsList('SlotView')
  slots(
    @OptionalUser() caller: Principal | undefined,
    @Param('id', UuidParamPipe) id: string,
    @Query() query: SlotsQueryDto,
  ): Promise<SlotView[]> {
    return this.officeHours.slots(caller, id, query.from, query.to);
  }

  @Get('mentors/:id/next-slot')
  @Public()
  @ApiOperation({
    summary: 'The first free slot from `from` on (default now) within the mentor’s horizon, or null',
  })
  @Returns('NextSlotView')
  nextSlot(
    @OptionalUser() caller: Principal | undefined,
    @Param('id', UuidParamPipe) id: string,
    @Query() query: NextSlotQueryDto,
  ): Promise<NextSlotView> {
    return this.officeHours.nextSlot(caller, id, query.from);
  }

  @Post('mentors/:id/bookings')
  @SignedIn()
  @Verified()
  @ApiOperation({
    summary:
      'Books an offered slot: 201; a retry with the same Idempotency-Key answers 200 with the first booking',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @Returns('BookingView', { status: 201, description: 'The new booking' })
  @Returns('BookingView', { description: 'The first booking: a retry with the same Idempotency-Key' })
  async book(
    @CurrentUser() user: Principal,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: CreateBookingDto,
    @Headers('idempotency-key') key: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<BookingView> {
    const { booking, created } = await this.officeHours.book(user, id, dto, key);
    void reply.status(created ? 201 : 200);
    return booking;
  }

  @Get('mentors/:id/ledger')
  @SignedIn()
  @ApiOperation({
    summary: 'Sessions held, hours, no-shows and average rating per month (the mentor, organizers, admins)',
  })
  @Returns('LedgerView')
  ledger(
    @CurrentUser() user: Principal,
    @Param('id', UuidParamPipe) id: string,
    @Query() query: LedgerQueryDto,
  ): Promise<LedgerView> {
    return this.ledgers.ledger(user, id, query.year);
  }

  @Get('mentors/:id/ledger.csv')
  @SignedIn()
  @ApiOperation({ summary: 'The ledger as CSV (UTF-8 with BOM) for honorarium statements' })
  @ReturnsFile('text/csv', 'The ledger (UTF-8 with BOM)')
  async ledgerCsv(
    @CurrentUser() user: Principal,
    @Param('id', UuidParamPipe) id: string,
    @Query() query: LedgerQueryDto,
    @Headers('accept-language') language: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const ledger = await this.ledgers.ledger(user, id, query.year);
    const locale = pickLocale(language);
    void reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header(
        'content-disposition',
        attachmentHeader(
          exportFileName(
            [locale === 'zh-CN' ? '导师台账' : 'mentor ledger', ledger.displayName, ledger.year],
            'csv',
          ),
        ),
      );
    return this.ledgers.toCsv(ledger, locale);
  }

  @Get('me/bookings')
  @SignedIn()
  @ApiOperation({ summary: "The caller's bookings as founder and as mentor (`myRole`)" })
  @ReturnsList('BookingView')
  mine(@CurrentUser() user: Principal): Promise<BookingView[]> {
    return this.bookings.mine(user);
  }

  @Get('bookings/:id')
  @SignedIn()
  @Returns('BookingView')
  get(@CurrentUser() user: Principal, @Param('id', UuidParamPipe) id: string): Promise<BookingView> {
    return this.bookings.get(user, id);
  }

  @Post('bookings/:id/cancel')
  @SignedIn()
  @HttpCode(200)
  @ApiOperation({ summary: 'Either side cancels before the start; the slot is free again' })
  @Returns('BookingView')
  cancel(
    @CurrentUser() user: Principal,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: CancelBookingDto,
  ): Promise<BookingView> {
    return this.bookings.cancel(user, id, dto.reason);
  }

  @Post('bookings/:id/accept')
  @SignedIn()
  @HttpCode(200)
  @ApiOperation({ summary: 'The mentor accepts an open request: confirmed, both told, the invite goes out' })
  @Returns('BookingView')
  accept(@CurrentUser() user: Principal, @Param('id', UuidParamPipe) id: string): Promise<BookingView> {
    return this.bookings.answer(user, id, 'accept');
  }

  @Post('bookings/:id/decline')
  @SignedIn()
  @HttpCode(200)
  @ApiOperation({ summary: 'The mentor declines an open request (reason optional): the slot is free again' })
  @Returns('BookingView')
  decline(
    @CurrentUser() user: Principal,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: DeclineBookingDto,
  ): Promise<BookingView> {
    return this.bookings.answer(user, id, 'decline', dto.reason);
  }

  @Post('bookings/:id/reschedule')
  @SignedIn()
  @Verified()
  @HttpCode(200)
  @ApiOperation({
    summary:
      "Either side moves a request or a confirmed booking to another of the mentor's free slots: same id, " +
      'old slot freed at once, invite updated (same UID, higher SEQUENCE); 409 SLOT_UNAVAILABLE',
  })
  @Returns('BookingView')
  reschedule(
    @CurrentUser() user: Principal,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: RescheduleBookingDto,
  ): Promise<BookingView> {
    return this.officeHours.reschedule(user, id, dto.startsAt);
  }

  @Post('bookings/:id/complete')
  @SignedIn()
  @HttpCode(200)
  @ApiOperation({ summary: 'The mentor marks a started session completed' })
  @Returns('BookingView')
  complete(@CurrentUser() user: Principal, @Param('id', UuidParamPipe) id: string): Promise<BookingView> {
    return this.bookings.mark(user, id, 'completed');
  }

  @Post('bookings/:id/no-show')
  @SignedIn()
  @HttpCode(200)
  @ApiOperation({
    summary:
      'The mentor marks a no-show once the session has ended, or from 15 minutes after its start with a note ' +
      '(earlier: 409 TOO_EARLY); the founder is told and may contest. Two in 90 days suspend booking for 30 days',
  })
  @Returns('BookingView')
  noShow(
    @CurrentUser() user: Principal,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: NoShowDto,
  ): Promise<BookingView> {
    return this.bookings.mark(user, id, 'no_show', dto.note);
  }

  @Post('bookings/:id/feedback')
  @SignedIn()
  @ApiOperation({ summary: 'The founder rates a completed session once (1–5 and a comment)' })
  @Returns('BookingView', { status: 201 })
  feedback(
    @CurrentUser() user: Principal,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: FeedbackDto,
  ): Promise<BookingView> {
    return this.bookings.feedback(user, id, dto.rating, dto.comment);
  }

  @Get('booking-suspensions')
  @Roles('organizer', 'admin')
  @ApiOperation({
    summary:
      "Founders suspended now by their no-shows: an organizer's, those with a no-show at their carriers; an admin's, all",
  })
  @ReturnsList('SuspendedFounderView')
  suspended(@CurrentUser() user: Principal): Promise<SuspendedFounderView[]> {
    return this.bookings.suspended(user);
  }

  @Get('founders/:id/booking-suspension')
  @Roles('organizer', 'admin')
  @ApiOperation({ summary: "Until when a founder's no-shows keep them from booking (null: not suspended)" })
  @Returns('BookingSuspensionView')
  suspension(@Param('id', UuidParamPipe) id: string): Promise<BookingSuspensionView> {
    return this.bookings.suspension(id);
  }

  @Delete('founders/:id/booking-suspension')
  @Roles('organizer', 'admin')
  @ApiOperation({
    summary:
      "Lifts a no-show suspension by excusing the founder's no-shows: an admin's, all of them; an organizer's, " +
      'those at their carriers (403 when there are none); answers the suspension that remains',
  })
  @Returns('BookingSuspensionView')
  lift(
    @CurrentUser() user: Principal,
    @Param('id', UuidParamPipe) id: string,
  ): Promise<BookingSuspensionView> {
    return this.bookings.liftSuspension(user, id);
  }
}
