import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import {
  EVENT_TYPES,
  METRICS,
  type DashboardQuery,
  type EventType,
  type Metric,
  type SetTargetRequest,
} from '@wutong/shared';

const toInt = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : Number(value);

export class SetTargetDto implements SetTargetRequest {
  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'Omit for the base-wide target (admins)',
  })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsUUID()
  organizationId?: string | null;

  @ApiProperty({ enum: METRICS })
  @IsIn(METRICS)
  metric!: Metric;

  @ApiPropertyOptional({ enum: EVENT_TYPES, nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsIn(EVENT_TYPES)
  eventType?: EventType | null;

  @ApiProperty({ example: 350 })
  @IsInt()
  @Min(0)
  @Max(10_000_000)
  value!: number;
}

export class YearScopeQuery implements DashboardQuery {
  @ApiPropertyOptional({ example: 2026, description: 'Default: this year in the zone' })
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year?: number;

  @ApiPropertyOptional({ format: 'uuid', description: 'A carrier; omit for base-wide (admins)' })
  @IsOptional()
  @IsUUID()
  organizationId?: string;
}

/**
 * The dashboard's and the reports' period: `year`, `quarter` (2026Q3), `month` (2026-11) or `from`
 * and `to` (local days, `to` exclusive) — one of them; the service checks the combination
 * (INVALID_PERIOD).
 */
export class PeriodScopeQuery extends YearScopeQuery {
  @ApiPropertyOptional({ example: '2026Q3', description: 'A quarter: YYYYQn' })
  @IsOptional()
  @IsString()
  @MaxLength(10)
  quarter?: string;

  @ApiPropertyOptional({ example: '2026-11', description: 'A month: YYYY-MM' })
  @IsOptional()
  @IsString()
  @MaxLength(10)
  month?: string;

  @ApiPropertyOptional({ example: '2026-11-01', description: "First day (YYYY-MM-DD, the carrier's zone)" })
  @IsOptional()
  @IsString()
  @MaxLength(10)
  from?: string;

  @ApiPropertyOptional({
    example: '2026-12-01',
    description: 'The day after the last (exclusive), YYYY-MM-DD',
  })
  @IsOptional()
  @IsString()
  @MaxLength(10)
  to?: string;
}
