import { Module } from '@nestjs/common';
import { EventsModule } from '../events/events.module';
import { PublicPages } from './public-pages.service';

/** The public event pages rendered on the server (served by app.factory.ts's web route). */
@Module({
  imports: [EventsModule],
  providers: [PublicPages],
  exports: [PublicPages],
})
export class PublicPagesModule {}
