import { Controller, Get, Header, Headers, Inject, Param, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { pickLocale } from '@wutong/shared';
import { OptionalUser, Public } from '../common/auth/access.decorators';
import type { Principal } from '../common/auth/principal';
import { notFound } from '../common/errors/domain.exception';
import { UuidParamPipe } from '../common/http/uuid-param.pipe';
import { RateLimiter } from '../common/rate-limit/rate-limiter';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { EventImagesService } from '../event-images/event-images.service';
import { EventsService } from '../events/events.service';
import { ReturnsFile } from '../openapi/returns.decorator';
import { renderPoster } from './poster';

@ApiTags('events')
@Controller()
export class PosterController {
  constructor(
    private readonly events: EventsService,
    private readonly images: EventImagesService,
    private readonly limiter: RateLimiter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** A poster of a published event to share (PNG, 750 px wide), its QR code the event's public page. */
  @Get('events/:id/poster.png')
  @Public()
  @Header('content-type', 'image/png')
  @Header('cache-control', 'public, max-age=300')
  @ReturnsFile(
    'image/png',
    'The poster: the cover, title, times, place, host and a QR code of the event page',
  )
  async poster(
    @OptionalUser() caller: Principal | undefined,
    @Param('id', UuidParamPipe) id: string,
    @Headers('accept-language') acceptLanguage: string | undefined,
    @Req() request: FastifyRequest,
  ): Promise<Buffer> {
    // Drawing costs a few dozen milliseconds: anonymous callers share the feeds' limit.
    if (!caller) await this.limiter.take(`feed:${request.ip}`, this.config.feedRateLimit);
    const event = await this.events.view(id);
    if (event.status !== 'published' && event.status !== 'completed') throw notFound();
    const cover = event.coverUrl ? await this.images.coverOf(event.id) : null;
    return renderPoster(
      event,
      `${this.config.publicUrl}/events/${event.id}`,
      pickLocale(acceptLanguage),
      cover,
    );
  }
}
