import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import type { DataSource } from 'typeorm';
import { Roles } from '../common/auth/access.decorators';
import { Returns } from '../openapi/returns.decorator';
import type { AuditListQuery, AuditPage } from '@wutong/shared';

export class AuditQuery implements AuditListQuery {
  @ApiPropertyOptional({ example: 'check_in' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  targetType?: string;

  @ApiPropertyOptional({ example: 'check_in.undo' })
  @IsOptional()
  @IsString()
  @MaxLength(80)
  action?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  organizationId?: string;

  @ApiPropertyOptional({ default: 1 })
  @IsOptional()
  @Transform(({ value }) => (value === undefined ? undefined : Number(value)))
  @IsInt()
  @Min(1)
  @Max(10_000)
  page?: number;
}

/** Who did what, newest first: admins only. */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @Get()
  @Roles('admin')
  @Returns('AuditPage')
  async list(@Query() q: AuditQuery): Promise<AuditPage> {
    const page = q.page ?? 1;
    const rows: {
      id: string;
      action: string;
      target_type: string;
      target_id: string | null;
      organization_id: string | null;
      actor_id: string | null;
      actor_name: string | null;
      details: Record<string, unknown>;
      created_at: Date;
    }[] = await this.dataSource.query(
      `SELECT a.id, a.action, a.target_type, a.target_id, a.organization_id, a.actor_id, u.display_name AS actor_name, a.details, a.created_at
           FROM audit_log a LEFT JOIN users u ON u.id = a.actor_id
          WHERE ($1::text IS NULL OR a.target_type = $1) AND ($2::text IS NULL OR a.action = $2) AND ($3::uuid IS NULL OR a.organization_id = $3)
          ORDER BY a.created_at DESC, a.id LIMIT 50 OFFSET $4`,
      [q.targetType ?? null, q.action ?? null, q.organizationId ?? null, (page - 1) * 50],
    );
    return {
      page,
      pageSize: 50,
      items: rows.map((r) => ({
        id: r.id,
        action: r.action,
        targetType: r.target_type,
        targetId: r.target_id,
        organizationId: r.organization_id,
        actor: r.actor_id ? { id: r.actor_id, displayName: r.actor_name ?? '' } : null,
        details: r.details,
        createdAt: r.created_at.toISOString(),
      })),
    };
  }
}
