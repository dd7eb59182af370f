import { Controller, Get, Header, Headers, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { pickLocale } from '@wutong/shared';
import { CurrentUser, Roles } from '../../common/auth/access.decorators';
import type { Principal } from '../../common/auth/principal';
import { attachmentHeader } from '../../common/http/csv';
import { ReturnsFile } from '../../openapi/returns.decorator';
import { PeriodScopeQuery } from '../dto/targets.dto';
import { LedgerService } from './ledger.service';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

@ApiTags('targets')
@ApiBearerAuth()
@Controller('reports')
export class LedgerController {
  constructor(private readonly ledger: LedgerService) {}

  @Get('ledger.xlsx')
  @Roles('organizer', 'admin')
  @Header('content-type', XLSX)
  @ReturnsFile(XLSX, 'The ledger of events held in the period (XLSX)')
  xlsx(
    @CurrentUser() user: Principal,
    @Query() query: PeriodScopeQuery,
    @Headers('accept-language') acceptLanguage: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    return this.send('xlsx', user, query, acceptLanguage, reply);
  }

  @Get('ledger.docx')
  @Roles('organizer', 'admin')
  @Header('content-type', DOCX)
  @ReturnsFile(DOCX, "The ledger of events held in the period, with each event's photos (DOCX)")
  docx(
    @CurrentUser() user: Principal,
    @Query() query: PeriodScopeQuery,
    @Headers('accept-language') acceptLanguage: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    return this.send('docx', user, query, acceptLanguage, reply);
  }

  private async send(
    format: 'xlsx' | 'docx',
    user: Principal,
    query: PeriodScopeQuery,
    acceptLanguage: string | undefined,
    reply: FastifyReply,
  ): Promise<Buffer> {
    const { file, name } = await this.ledger.file(
      user,
      pickLocale(acceptLanguage),
      format,
      query,
      query.organizationId,
    );
    void reply.header('content-disposition', attachmentHeader(name));
    return file;
  }
}
