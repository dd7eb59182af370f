import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import {
  MESSAGE_CHANNELS,
  MESSAGE_SEGMENTS,
  type EventMessageRequest,
  type MessageChannel,
  type MessageSegment,
  type MessageText,
} from '@wutong/shared';
import { NotBlank } from '../../common/validation/not-blank';

export class MessageTextDto implements MessageText {
  @ApiProperty({ example: '明天见：{event}', maxLength: 200 })
  @IsString()
  @NotBlank()
  @MaxLength(200)
  subject!: string;

  @ApiProperty({ example: '{name}，您好！{event}将于{start}开始。', maxLength: 5000 })
  @IsString()
  @NotBlank()
  @MaxLength(5000)
  body!: string;
}

export class MessageTranslationsDto {
  @ApiPropertyOptional({ type: MessageTextDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => MessageTextDto)
  'zh-CN'?: MessageTextDto;

  @ApiPropertyOptional({ type: MessageTextDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => MessageTextDto)
  en?: MessageTextDto;
}

export class EventMessageDto extends MessageTextDto implements EventMessageRequest {
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Chosen by the client once per message: a retry or double submit with it sends nothing new',
  })
  @IsOptional()
  @IsUUID()
  id?: string;

  @ApiProperty({ enum: MESSAGE_SEGMENTS })
  @IsIn(MESSAGE_SEGMENTS)
  segment!: MessageSegment;

  @ApiPropertyOptional({ format: 'uuid', description: 'One session of the event' })
  @IsOptional()
  @IsUUID()
  sessionId?: string;

  @ApiProperty({ enum: MESSAGE_CHANNELS, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(2)
  @ArrayUnique()
  @IsIn(MESSAGE_CHANNELS, { each: true })
  channels!: MessageChannel[];

  @ApiPropertyOptional({
    type: MessageTranslationsDto,
    description: 'The text for readers of one language; subject/body for the others',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => MessageTranslationsDto)
  translations?: MessageTranslationsDto;

  @ApiPropertyOptional({ description: 'Count and render only; nothing is sent' })
  @IsOptional()
  @IsBoolean()
  dryRun?: boolean;
}
