import {
  Body,
  Controller,
  Get,
  Header,
  HttpCode,
  Inject,
  Param,
  Patch,
  Post,
  Query,
  Req,
} from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import type { EventSummary, EventView, Page } from '@wutong/shared';
import { CurrentUser, OptionalUser, Public, Roles } from '../common/auth/access.decorators';
import { doorCarriers, isAdmin, organizes, type Principal } from '../common/auth/principal';
import { forbidden } from '../common/errors/domain.exception';
import { BodyLimit } from '../common/http/body-limits';
import { UuidParamPipe } from '../common/http/uuid-param.pipe';
import { RateLimiter } from '../common/rate-limit/rate-limiter';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { CreateEventDto, EventListQueryDto, UpdateEventDto } from './dto/event.dto';
import { EventCalendarService } from './event-calendar.service';
import { EventsQueries } from './events.queries';
import { EventsService } from './events.service';
import { Returns, ReturnsFile } from '../openapi/returns.decorator';

const EVENT_BODY_LIMIT = 512 * 1024;

@ApiTags('events')
@ApiBearerAuth()
@Controller()
export class EventsController {
  constructor(
    private readonly events: EventsService,
    private readonly queries: EventsQueries,
    private readonly calendar: EventCalendarService,
    private readonly limiter: RateLimiter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Published events that have not ended (or from `from`), soonest first. */
  @Get('events')
  @Public()
  @Returns('EventPage')
  list(@Query() query: EventListQueryDto): Promise<Page<EventSummary>> {
    const { status: _ignored, ...rest } = query;
    return this.queries.list(rest, { statuses: ['published', 'completed'], defaultFrom: new Date() });
  }

  /** Every status, for the carriers the caller organizes (admins: all). */
  @Get('manage/events')
  @Roles('organizer', 'admin')
  @Returns('EventPage')
  listManaged(
    @CurrentUser() user: Principal,
    @Query() query: EventListQueryDto,
  ): Promise<Page<EventSummary>> {
    if (query.organizationId && !organizes(user, query.organizationId)) throw forbidden();
    return this.queries.list(query, {
      statuses: query.status ? [query.status] : ['draft', 'published', 'cancelled', 'completed'],
      organizationIds: isAdmin(user) ? undefined : user.organizationIds,
      withLinks: true,
    });
  }

  /**
   * The door's event picker: published and completed events the caller works the door of (hosted
   * or co-hosted by a carrier they organize or are door staff of; admins: all).
   */
  @Get('door/events')
  @Roles('organizer', 'admin', 'door_staff')
  @Returns('EventPage')
  listForDoor(
    @CurrentUser() user: Principal,
    @Query() query: EventListQueryDto,
  ): Promise<Page<EventSummary>> {
    const { status: _ignored, organizationId: _carrier, ...rest } = query;
    return this.queries.list(rest, {
      statuses: ['published', 'completed'],
      hostedOrCoHostedBy: isAdmin(user) ? undefined : doorCarriers(user),
    });
  }

  @Post('events')
  @Roles('organizer', 'admin')
  // 60 sessions, 30 speakers and questions and a 20,000-character description, in Chinese.
  @BodyLimit(EVENT_BODY_LIMIT)
  @Returns('EventView', { status: 201 })
  create(@CurrentUser() user: Principal, @Body() dto: CreateEventDto): Promise<EventView> {
    return this.events.create(user, dto);
  }

  @Get('events/:id')
  @Public()
  @Returns('EventView')
  get(
    @OptionalUser() user: Principal | undefined,
    @Param('id', UuidParamPipe) id: string,
  ): Promise<EventView> {
    return this.events.view(id, user);
  }

  @Patch('events/:id')
  @Roles('organizer', 'admin')
  @BodyLimit(EVENT_BODY_LIMIT)
  @Returns('EventView')
  update(
    @CurrentUser() user: Principal,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: UpdateEventDto,
  ): Promise<EventView> {
    return this.events.update(user, id, dto);
  }

  @Post('events/:id/publish')
  @Roles('organizer', 'admin')
  @HttpCode(200)
  @Returns('EventView')
  publish(@CurrentUser() user: Principal, @Param('id', UuidParamPipe) id: string): Promise<EventView> {
    return this.events.publish(user, id);
  }

  @Post('events/:id/cancel')
  @Roles('organizer', 'admin')
  @HttpCode(200)
  @Returns('EventView')
  cancel(@CurrentUser() user: Principal, @Param('id', UuidParamPipe) id: string): Promise<EventView> {
    return this.events.cancel(user, id);
  }

  /** The event's sessions as an iCalendar file to add to a calendar (published events). */
  @Get('events/:id/calendar.ics')
  @Public()
  @Header('content-type', 'text/calendar; charset=utf-8')
  @Header('content-disposition', 'attachment; filename="event.ics"')
  @ReturnsFile('text/calendar', 'The sessions of the event (iCalendar)')
  async ics(
    @OptionalUser() caller: Principal | undefined,
    @Param('id', UuidParamPipe) id: string,
    @Req() request: FastifyRequest,
  ): Promise<string> {
    // Anyone may add an event to a calendar, but not poll it without end (FEED_RATE_LIMIT).
    if (!caller) await this.limiter.take(`feed:${request.ip}`, this.config.feedRateLimit);
    return this.calendar.publicIcs(id);
  }
}
