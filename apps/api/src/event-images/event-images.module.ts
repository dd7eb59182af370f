import { Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { EventsModule } from '../events/events.module';
import { EventImagesController } from './event-images.controller';
import { EventImagesService } from './event-images.service';
import { createFileStorage, FILE_STORAGE } from './file-storage';
import { ImageSweepWorker } from './image-sweep.worker';

/** Event covers and photos (issue 17): uploads, their files (STORAGE) and their bytes served back. */
@Module({
  imports: [EventsModule],
  controllers: [EventImagesController],
  providers: [
    EventImagesService,
    ImageSweepWorker,
    {
      provide: FILE_STORAGE,
      useFactory: (config: AppConfig) => createFileStorage(config.storage),
      inject: [APP_CONFIG],
    },
  ],
  exports: [EventImagesService, FILE_STORAGE],
})
export class EventImagesModule {}
