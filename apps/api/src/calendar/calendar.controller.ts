import { Controller, Get, HttpCode, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { CalendarTokenView } from '@wutong/shared';
import { CurrentUser, Public, SignedIn } from '../common/auth/access.decorators';
import type { Principal } from '../common/auth/principal';
import { CalendarService } from './calendar.service';
import { Returns, ReturnsFile } from '../openapi/returns.decorator';

@ApiTags('calendar')
@ApiBearerAuth()
@Controller('me')
export class CalendarController {
  constructor(private readonly calendar: CalendarService) {}

  @Post('calendar-token')
  @SignedIn()
  @HttpCode(200)
  @ApiOperation({ summary: 'A new secret feed address {url}; the old one stops working' })
  @Returns('CalendarTokenView')
  newToken(@CurrentUser() user: Principal): Promise<CalendarTokenView> {
    return this.calendar.newToken(user.userId);
  }

  @Get('calendar.ics')
  @Public()
  @ApiOperation({
    summary: 'Personal calendar feed; the token is the only authentication (404 when unknown)',
  })
  @ApiQuery({ name: 'token', required: true })
  @ReturnsFile('text/calendar', 'The personal calendar (iCalendar)')
  async feed(
    @Query('token') token: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const ics = await this.calendar.feed(typeof token === 'string' ? token : undefined);
    void reply
      .header('content-type', 'text/calendar; charset=utf-8')
      .header('cache-control', 'private, no-cache');
    return ics;
  }
}
