import { Module } from '@nestjs/common';
import { EventImagesModule } from '../event-images/event-images.module';
import { EventsModule } from '../events/events.module';
import { PosterController } from './poster.controller';
import { PublicPages } from './public-pages.service';

/** The public event pages rendered on the server (served by app.factory.ts's web route) and posters to share. */
@Module({
  imports: [EventsModule, EventImagesModule],
  controllers: [PosterController],
  providers: [PublicPages],
  exports: [PublicPages],
})
export class PublicPagesModule {}
