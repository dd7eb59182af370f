import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  dayLabel,
  formatDate,
  formatDateTime,
  formatRange,
  rangeLabel,
  shortDate,
  slotLabel,
  zoneLabel,
  zoneName,
} from '../../apps/web/src/shared/format';

/** The interface's words (issue: "language tidiness"): checked over every string, not by eye. */
const words = (locale: string) =>
  JSON.parse(readFileSync(resolve(__dirname, `../../apps/web/src/shared/i18n/${locale}.json`), 'utf8'));

function strings(node: unknown, path = ''): [string, string][] {
  if (typeof node === 'string') return [[path, node]];
  if (node && typeof node === 'object')
    return Object.entries(node).flatMap(([k, v]) => strings(v, path ? `${path}.${k}` : k));
  return [];
}

const CJK = /[\u4e00-\u9fff]/;

describe('language tidiness', () => {
  it('writes Chinese with full-width punctuation: no , : ; ? ! ( ) beside a Chinese character', () => {
    const halfWidth = /[\u4e00-\u9fff][,:;?!()]|[,;?!(][\u4e00-\u9fff]|\)[\u4e00-\u9fff]/;
    expect(strings(words('zh-CN')).filter(([, s]) => halfWidth.test(s))).toEqual([]);
  });

  it('says everything in English in the English interface, except the switch to Chinese and the logo', () => {
    const allowed = new Set(['app.logo', 'language.zh-CN']);
    expect(strings(words('en')).filter(([path, s]) => CJK.test(s) && !allowed.has(path))).toEqual([]);
  });

  it('names languages in the reader’s language where they describe someone (a mentor speaks 中文 / Chinese)', () => {
    expect(words('en').languageName).toEqual({ 'zh-CN': 'Chinese', en: 'English' });
    expect(words('zh-CN').languageName).toEqual({ 'zh-CN': '中文', en: '英语' });
  });

  it('names time zones in the reader’s language, never "Shanghai 时间"', () => {
    expect(zoneName('Asia/Shanghai', 'zh-CN')).toBe('中国时间');
    expect(zoneName('Asia/Shanghai', 'en')).toBe('China Standard Time');
    expect(zoneName('America/New_York', 'zh-CN')).toBe('纽约时间');
    expect(zoneName('UTC', 'zh-CN')).toBe('协调世界时');
    expect(zoneLabel('Asia/Shanghai', 'zh-CN', '2026-12-05T07:00:00Z')).toBe('中国时间（GMT+8）');
    expect(zoneLabel('Asia/Shanghai', 'en', '2026-12-05T07:00:00Z')).toBe('China Standard Time (GMT+8)');
    for (const key of ['zoneOne', 'zoneBoth'])
      expect(words('zh-CN').slots[key]).not.toMatch(/ \{\{zone\}\} 时间/);
  });

  it('writes a date one way everywhere: with the weekday, the year where it is not plain', () => {
    const start = '2026-12-08T06:00:00Z'; // Tuesday 14:00 in Shanghai
    const end = '2026-12-08T08:00:00Z';
    const zone = 'Asia/Shanghai';
    const cases: [string, string, string][] = [
      ['zh-CN', '2026年12月8日周二', '12月8日周二'],
      ['en', 'Tue, Dec 8, 2026', 'Tue, Dec 8'],
    ];
    for (const [locale, full, short] of cases) {
      expect(formatDate(start, zone, locale)).toBe(full);
      expect(formatDateTime(start, zone, locale)).toMatch(new RegExp(`^${full.replace(/[,]/g, ',?')}`));
      expect(formatRange(start, end, zone, locale)).toBe(`${full} 14:00–16:00`);
      expect(rangeLabel(start, end, zone, locale)).toBe(`${full} 14:00–16:00`);
      expect(shortDate(start, zone, locale)).toBe(short);
      expect(dayLabel('2026-12-08', locale)).toBe(short);
      expect(slotLabel(start, zone, locale)).toBe(`${short} 14:00`);
    }
  });
});
