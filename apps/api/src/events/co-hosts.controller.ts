import { Body, Controller, Delete, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { CoHostView } from '@wutong/shared';
import { CurrentUser, Roles } from '../common/auth/access.decorators';
import type { Principal } from '../common/auth/principal';
import { UuidParamPipe } from '../common/http/uuid-param.pipe';
import { ReturnsList } from '../openapi/returns.decorator';
import { CoHostsService } from './co-hosts.service';
import { AddCoHostDto } from './dto/co-host.dto';

@ApiTags('events')
@ApiBearerAuth()
@Controller('events/:id/co-hosts')
export class CoHostsController {
  constructor(private readonly coHosts: CoHostsService) {}

  /** 200 with the event's co-hosts after the change (the event view lists them too). */
  @Post()
  @Roles('organizer', 'admin')
  @HttpCode(200)
  @ReturnsList('CoHostView')
  add(
    @CurrentUser() user: Principal,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: AddCoHostDto,
  ): Promise<CoHostView[]> {
    return this.coHosts.add(user, id, dto.organizationId);
  }

  @Delete(':organizationId')
  @Roles('organizer', 'admin')
  @HttpCode(200)
  @ReturnsList('CoHostView')
  remove(
    @CurrentUser() user: Principal,
    @Param('id', UuidParamPipe) id: string,
    @Param('organizationId', UuidParamPipe) organizationId: string,
  ): Promise<CoHostView[]> {
    return this.coHosts.remove(user, id, organizationId);
  }
}
