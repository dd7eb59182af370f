import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { EventView, SeriesView } from '@wutong/shared';
import { CurrentUser, Roles } from '../common/auth/access.decorators';
import type { Principal } from '../common/auth/principal';
import { UuidParamPipe } from '../common/http/uuid-param.pipe';
import { Returns } from '../openapi/returns.decorator';
import { CreateSeriesDto, DuplicateEventDto } from './dto/event-copies.dto';
import { EventCopiesService } from './event-copies.service';

/** Duplicating an event and repeating it as a series of drafts; the series' drafts at once. */
@ApiTags('events')
@ApiBearerAuth()
@Controller()
export class EventCopiesController {
  constructor(private readonly copies: EventCopiesService) {}

  @Post('events/:id/duplicate')
  @Roles('organizer', 'admin')
  @Returns('EventView', { status: 201 })
  duplicate(
    @CurrentUser() user: Principal,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: DuplicateEventDto,
  ): Promise<EventView> {
    return this.copies.duplicate(user, id, dto.startsAt);
  }

  @Post('events/:id/series')
  @Roles('organizer', 'admin')
  @Returns('SeriesView', { status: 201 })
  series(
    @CurrentUser() user: Principal,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: CreateSeriesDto,
  ): Promise<SeriesView> {
    return this.copies.series(user, id, dto.every, dto.count);
  }

  @Get('series/:id')
  @Roles('organizer', 'admin')
  @Returns('SeriesView')
  get(@CurrentUser() user: Principal, @Param('id', UuidParamPipe) id: string): Promise<SeriesView> {
    return this.copies.seriesView(user, id);
  }

  @Post('series/:id/publish')
  @Roles('organizer', 'admin')
  @HttpCode(200)
  @Returns('SeriesView')
  publish(@CurrentUser() user: Principal, @Param('id', UuidParamPipe) id: string): Promise<SeriesView> {
    return this.copies.publishSeries(user, id);
  }

  @Post('series/:id/cancel')
  @Roles('organizer', 'admin')
  @HttpCode(200)
  @Returns('SeriesView')
  cancel(@CurrentUser() user: Principal, @Param('id', UuidParamPipe) id: string): Promise<SeriesView> {
    return this.copies.cancelSeries(user, id);
  }
}
