import { isValidTimeZone } from '@wutong/shared';
import { DomainException } from '../errors/domain.exception';
import { fieldError } from '../errors/validation';

/** 400 INVALID_TIME_ZONE unless the zone is an IANA name this runtime knows (undefined passes). */
export function assertTimeZone(zone: string | undefined, field = 'timeZone'): void {
  if (zone !== undefined && !isValidTimeZone(zone)) {
    throw new DomainException('INVALID_TIME_ZONE', [
      fieldError(field, 'timeZone', `${field} is not an IANA time zone`),
    ]);
  }
}
