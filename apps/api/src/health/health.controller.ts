import { Controller, Get, HttpCode } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Public } from '../common/auth/access.decorators';
import { DomainException } from '../common/errors/domain.exception';
import { Returns } from '../openapi/returns.decorator';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * 200 when the database answers; 503 DATABASE_UNAVAILABLE (with Retry-After) when it does not,
   * within the pool's connection timeout.
   */
  @Get()
  @Public()
  @HttpCode(200)
  @Returns('HealthView')
  async health(): Promise<{ status: 'ok'; database: 'up' }> {
    try {
      await this.dataSource.query('SELECT 1');
    } catch {
      throw new DomainException('DATABASE_UNAVAILABLE', { database: 'down' });
    }
    return { status: 'ok', database: 'up' };
  }
}
