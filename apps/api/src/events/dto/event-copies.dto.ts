import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsInt, IsISO8601, Max, Min } from 'class-validator';
import {
  SERIES_MAX_COUNT,
  SERIES_MIN_COUNT,
  SERIES_RHYTHMS,
  type CreateSeriesRequest,
  type DuplicateEventRequest,
  type SeriesRhythm,
} from '@wutong/shared';

export class DuplicateEventDto implements DuplicateEventRequest {
  @ApiProperty({ example: '2027-01-14T19:00:00+08:00', description: "The copy's first session starts then" })
  @IsISO8601({ strict: true, strictSeparator: true })
  startsAt!: string;
}

export class CreateSeriesDto implements CreateSeriesRequest {
  @ApiProperty({ enum: SERIES_RHYTHMS })
  @IsIn(SERIES_RHYTHMS)
  every!: SeriesRhythm;

  @ApiProperty({ minimum: SERIES_MIN_COUNT, maximum: SERIES_MAX_COUNT, example: 4 })
  @IsInt()
  @Min(SERIES_MIN_COUNT)
  @Max(SERIES_MAX_COUNT)
  count!: number;
}
