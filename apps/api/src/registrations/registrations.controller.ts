import { Body, Controller, Get, Header, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import {
  pickLocale,
  type MyRegistrationView,
  type RegistrantView,
  type RegistrationView,
} from '@wutong/shared';
import { CurrentUser, SignedIn, Verified } from '../common/auth/access.decorators';
import type { Principal } from '../common/auth/principal';
import { attachmentHeader } from '../common/http/csv';
import { BodyLimit } from '../common/http/body-limits';
import { UuidParamPipe } from '../common/http/uuid-param.pipe';
import { RegistrantsQueryDto, RegisterDto } from './dto/registration.dto';
import { RegistrantListService } from './registrant-list.service';
import { RegistrationsQueries } from './registrations.queries';
import { RegistrationsService } from './registrations.service';
import { Returns, ReturnsFile, ReturnsList } from '../openapi/returns.decorator';

@ApiTags('registrations')
@ApiBearerAuth()
@Controller()
export class RegistrationsController {
  constructor(
    private readonly registrations: RegistrationsService,
    private readonly queries: RegistrationsQueries,
    private readonly lists: RegistrantListService,
  ) {}

  /** 201 with the new registration; 200 with the existing one when the caller registered before. */
  @Post('events/:id/registrations')
  @SignedIn()
  @Verified()
  // Answers to up to 30 questions of up to 4,000 characters each.
  @BodyLimit(512 * 1024)
  @Returns('RegistrationView', { status: 201, description: 'The new registration' })
  @Returns('RegistrationView', { description: 'The existing registration: the caller registered before' })
  async register(
    @CurrentUser() user: Principal,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: RegisterDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<RegistrationView> {
    const result = await this.registrations.register(user, id, dto);
    void reply.status(result.created ? 201 : 200);
    return result.registration;
  }

  @Get('me/registrations')
  @SignedIn()
  @ReturnsList('MyRegistrationView')
  mine(@CurrentUser() user: Principal): Promise<MyRegistrationView[]> {
    return this.queries.mine(user.userId);
  }

  @Post('registrations/:id/cancel')
  @SignedIn()
  @HttpCode(200)
  @Returns('RegistrationView')
  cancel(@CurrentUser() user: Principal, @Param('id', UuidParamPipe) id: string): Promise<RegistrationView> {
    return this.registrations.cancel(user, id);
  }

  @Post('registrations/:id/approve')
  @SignedIn()
  @HttpCode(200)
  @Returns('RegistrationView')
  approve(@CurrentUser() user: Principal, @Param('id', UuidParamPipe) id: string): Promise<RegistrationView> {
    return this.registrations.approve(user, id);
  }

  @Post('registrations/:id/reject')
  @SignedIn()
  @HttpCode(200)
  @Returns('RegistrationView')
  reject(@CurrentUser() user: Principal, @Param('id', UuidParamPipe) id: string): Promise<RegistrationView> {
    return this.registrations.reject(user, id);
  }

  /** The event's organizers only; anyone else gets 404, as if the list did not exist. */
  @Get('events/:id/registrations')
  @SignedIn()
  @ReturnsList('RegistrantView')
  registrants(
    @CurrentUser() user: Principal,
    @Param('id', UuidParamPipe) id: string,
    @Query() query: RegistrantsQueryDto,
  ): Promise<RegistrantView[]> {
    return this.lists.list(user, id, query.status);
  }

  @Get('events/:id/registrations.csv')
  @SignedIn()
  @Header('content-type', 'text/csv; charset=utf-8')
  @ReturnsFile('text/csv', 'Registrants with their answers (UTF-8 with BOM)')
  async registrantsCsv(
    @CurrentUser() user: Principal,
    @Param('id', UuidParamPipe) id: string,
    @Headers('accept-language') acceptLanguage: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const { csv, filename } = await this.lists.csv(user, id, pickLocale(acceptLanguage));
    void reply.header('content-disposition', attachmentHeader(filename));
    return csv;
  }
}
