import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { UsersService } from '../users/users.service';
import { PasswordService } from './password.service';

/** The first admin comes from WUTONG_ADMIN_EMAIL / WUTONG_ADMIN_PASSWORD, created once at start. */
@Injectable()
export class FirstAdminSeeder implements OnApplicationBootstrap {
  private readonly logger = new Logger('FirstAdmin');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly users: UsersService,
    private readonly passwords: PasswordService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const admin = this.config.admin;
    if (!admin) return;
    const outcome = await this.users.ensureAdmin(admin.email, () => this.passwords.hash(admin.password));
    if (outcome === 'created') this.logger.log({ email: admin.email }, 'first admin created');
  }
}
