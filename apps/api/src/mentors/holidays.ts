import { getDayDetail, isInLieu } from 'chinese-days';
import { chineseHolidayLookup, type HolidayLookup } from '@wutong/shared';

/**
 * Chinese public holidays and 调休 make-up days from the maintained `chinese-days` data package
 * (updated with each year's State Council notice; upgrade the package when a new year is published).
 */
export const CHINESE_HOLIDAYS: HolidayLookup = chineseHolidayLookup(
  (date) => getDayDetail(date),
  (date) => isInLieu(date),
);
