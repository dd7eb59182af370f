/**
 * One name per event type (issue 20, point 3): the web app, the exports and the annual report read
 * EVENT_TYPE_NAMES in @wutong/shared. Before, the interface said 项目路演, 法律咨询 and 辅导 where the
 * report said 融资路演, 法务咨询 and 创业辅导.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EVENT_TYPE_NAMES, EVENT_TYPES, LOCALES } from '@wutong/shared';
import { REPORT_WORDS } from '../../apps/api/src/reporting/reports.service';

const webWords = (locale: string) =>
  JSON.parse(
    readFileSync(join(__dirname, `../../apps/web/src/shared/i18n/${locale}.json`), 'utf8'),
  ) as Record<string, unknown>;

describe('event type names', () => {
  it('names every type once in each language, and no two alike', () => {
    for (const locale of LOCALES) {
      const names = EVENT_TYPES.map((type) => EVENT_TYPE_NAMES[type][locale]);
      expect(names.every((n) => n.trim().length > 0)).toBe(true);
      expect(new Set(names).size).toBe(EVENT_TYPES.length);
    }
    expect(EVENT_TYPE_NAMES.roadshow).toEqual({ 'zh-CN': '融资路演', en: 'Roadshow' });
  });

  it('gives the annual report the same names as the table', () => {
    for (const locale of LOCALES)
      for (const type of EVENT_TYPES)
        expect([type, REPORT_WORDS[locale].types[type]]).toEqual([type, EVENT_TYPE_NAMES[type][locale]]);
  });

  it('keeps no second list of them in the web app (it reads the table)', () => {
    for (const locale of LOCALES) expect(webWords(locale).eventType).toBeUndefined();
    const i18n = readFileSync(join(__dirname, '../../apps/web/src/shared/i18n/index.ts'), 'utf8');
    expect(i18n).toMatch(/EVENT_TYPE_NAMES\[type\]\[locale\]/);
  });
});
