import { Body, Controller, Get, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { EventMessageResponse, EventMessageView } from '@wutong/shared';
import { CurrentUser, Roles } from '../common/auth/access.decorators';
import type { Principal } from '../common/auth/principal';
import { UuidParamPipe } from '../common/http/uuid-param.pipe';
import { Returns, ReturnsList } from '../openapi/returns.decorator';
import { EventMessageDto } from './dto/event-message.dto';
import { EventMessagesService } from './event-messages.service';

@ApiTags('events')
@ApiBearerAuth()
@Controller('events/:id/messages')
export class EventMessagesController {
  constructor(private readonly messages: EventMessagesService) {}

  /** Dry run: 200 with the count and the text in both languages; else 202, queued in the outbox. */
  @Post()
  @Roles('organizer', 'admin')
  @Returns('EventMessageResponse', {
    description: 'Dry run: {recipients, email, sms, preview}, who would get it and what they would read',
  })
  @Returns('EventMessageResponse', {
    status: 202,
    description: '{id, recipients, email, sms}: queued once per person',
  })
  async send(
    @CurrentUser() user: Principal,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: EventMessageDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<EventMessageResponse> {
    if (dto.dryRun) {
      void reply.status(200);
      return this.messages.dryRun(user, id, dto);
    }
    void reply.status(202);
    return this.messages.send(user, id, dto);
  }

  @Get()
  @Roles('organizer', 'admin')
  @ReturnsList('EventMessageView')
  list(@CurrentUser() user: Principal, @Param('id', UuidParamPipe) id: string): Promise<EventMessageView[]> {
    return this.messages.list(user, id);
  }
}
