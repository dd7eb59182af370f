import { Controller, Get, Inject } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '../common/auth/access.decorators';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { PublicAddress } from '../notifications/public-address';
import type { SetupView } from '@wutong/shared';
import { Returns } from '../openapi/returns.decorator';

/** How this server is set up, for the admin pages' warnings (PUBLIC_URL unset: links lead to localhost). */
@ApiTags('health')
@ApiBearerAuth()
@Controller('setup')
export class SetupController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly publicAddress: PublicAddress,
  ) {}

  @Get()
  @Roles('admin')
  @Returns('SetupView')
  setup(): SetupView {
    return {
      publicUrl: this.config.publicUrl,
      publicUrlConfigured: this.config.publicUrlConfigured,
      pointsAtLocalhost: this.publicAddress.pointsAtLocalhost,
      reachedAs: this.publicAddress.reachedAs,
    };
  }
}
