import { Controller, Get, Header, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { CertificateView } from '@wutong/shared';
import { CurrentUser, Public, Roles, SignedIn } from '../common/auth/access.decorators';
import type { Principal } from '../common/auth/principal';
import { notFound } from '../common/errors/domain.exception';
import { attachmentHeader } from '../common/http/csv';
import { UuidParamPipe } from '../common/http/uuid-param.pipe';
import { CertificatesService } from './certificates.service';
import { Returns, ReturnsFile } from '../openapi/returns.decorator';

const SERIAL = /^WT-\d{4}-\d{6,}$/;

@ApiTags('certificates')
@ApiBearerAuth()
@Controller()
export class CertificatesController {
  constructor(private readonly certificates: CertificatesService) {}

  /** The completion certificate of a registration (its owner or the event's organizers). */
  @Get('registrations/:id/certificate.pdf')
  @SignedIn()
  @Header('content-type', 'application/pdf')
  @ReturnsFile('application/pdf', 'The attendance certificate')
  async pdf(
    @CurrentUser() user: Principal,
    @Param('id', UuidParamPipe) id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    const { pdf, serial } = await this.certificates.pdf(user, id);
    void reply.header('content-disposition', attachmentHeader(`结业证书-${serial}.pdf`));
    return pdf;
  }

  @Get('certificates/:serial')
  @Public()
  @Returns('CertificateView')
  verify(@Param('serial') serial: string): Promise<CertificateView> {
    if (!SERIAL.test(serial)) throw notFound();
    return this.certificates.verify(serial);
  }

  @Post('certificates/:serial/revoke')
  @Roles('organizer', 'admin')
  @HttpCode(200)
  @Returns('CertificateView')
  revoke(@CurrentUser() user: Principal, @Param('serial') serial: string): Promise<CertificateView> {
    if (!SERIAL.test(serial)) throw notFound();
    return this.certificates.revoke(user, serial);
  }
}
