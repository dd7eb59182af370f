import { Module } from '@nestjs/common';
import { EventsModule } from '../events/events.module';
import { PosterController } from './poster.controller';
import { PublicPages } from './public-pages.service';

/** The public event pages rendered on the server (served by app.factory.ts's web route) and posters to share. */
@Module({
  imports: [EventsModule],
  controllers: [PosterController],
  providers: [PublicPages],
  exports: [PublicPages],
})
export class PublicPagesModule {}
