import { Controller, Get, Header, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { CertificateCheckView, CertificateView } from '@wutong/shared';
import { CurrentUser, Public, Roles, SignedIn } from '../common/auth/access.decorators';
import type { Principal } from '../common/auth/principal';
import { notFound } from '../common/errors/domain.exception';
import { attachmentHeader } from '../common/http/csv';
import { UuidParamPipe } from '../common/http/uuid-param.pipe';
import { CertificatesService } from './certificates.service';
import { Returns, ReturnsFile } from '../openapi/returns.decorator';
import { exportFileName } from '@wutong/shared';

const SERIAL = /^WT-\d{4}-\d{6,}$/;
/** Codes are 24 base64url characters; older certificates' 32 hex. */
const CODE = /^[A-Za-z0-9_-]{22,64}$/;

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
    void reply.header('content-disposition', attachmentHeader(exportFileName(['结业证书', serial], 'pdf')));
    return pdf;
  }

  /** What the certificate's QR opens: whose it is, for what, how many hours. */
  @Get('certificates/verify/:code')
  @Public()
  @Returns('CertificateView')
  verify(@Param('code') code: string): Promise<CertificateView> {
    if (!CODE.test(code)) throw notFound();
    return this.certificates.verify(code);
  }

  /** A serial typed in: valid or not, and the event (not whose: serials are sequential). */
  @Get('certificates/:serial')
  @Public()
  @Returns('CertificateCheckView')
  check(@Param('serial') serial: string): Promise<CertificateCheckView> {
    if (!SERIAL.test(serial)) throw notFound();
    return this.certificates.check(serial);
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
