import { applyDecorators } from '@nestjs/common';
import { IsString, Matches } from 'class-validator';

/** A phone number as people type it: digits, spaces, ( ) - and an optional leading +. */
export const IsPhone = () =>
  applyDecorators(
    IsString(),
    Matches(/^\+?[0-9 ()-]{5,20}$/, {
      message: '$property must be digits, spaces, ( ) - and an optional leading +',
    }),
  );
