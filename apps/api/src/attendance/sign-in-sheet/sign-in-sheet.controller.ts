import { Controller, Get, Header, Headers, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { pickLocale } from '@wutong/shared';
import { CurrentUser, Roles } from '../../common/auth/access.decorators';
import type { Principal } from '../../common/auth/principal';
import { attachmentHeader } from '../../common/http/csv';
import { UuidParamPipe } from '../../common/http/uuid-param.pipe';
import { ReturnsFile } from '../../openapi/returns.decorator';
import { SignInSheetQuery } from './sign-in-sheet.dto';
import { SignInSheetService } from './sign-in-sheet.service';

@ApiTags('attendance')
@ApiBearerAuth()
@Controller()
export class SignInSheetController {
  constructor(private readonly sheets: SignInSheetService) {}

  /** Who may print it: whoever works the event's door (door-access.ts), door staff included. */
  @Get('sessions/:sessionId/sign-in-sheet.pdf')
  @Roles('organizer', 'admin', 'door_staff')
  @Header('content-type', 'application/pdf')
  @ReturnsFile(
    'application/pdf',
    'A4 sign-in sheet: registrants (name, company, masked phone) and a signature column; filled: check-in times and walk-ins',
  )
  async pdf(
    @CurrentUser() user: Principal,
    @Param('sessionId', UuidParamPipe) sessionId: string,
    @Query() query: SignInSheetQuery,
    @Headers('accept-language') acceptLanguage: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    const { file, name } = await this.sheets.pdf(
      user,
      sessionId,
      query.filled === 'true',
      pickLocale(acceptLanguage),
    );
    void reply.header('content-disposition', attachmentHeader(name));
    return file;
  }
}
