import { isValidTimeZone, pickLocale } from './locale';

describe('pickLocale', () => {
  it.each([
    [undefined, 'zh-CN'],
    ['', 'zh-CN'],
    ['en', 'en'],
    ['en-US,en;q=0.9', 'en'],
    ['zh-CN,zh;q=0.9,en;q=0.8', 'zh-CN'],
    ['fr-FR, en;q=0.5', 'en'],
    ['fr-FR', 'zh-CN'],
    ['en;q=0.2, zh-TW;q=0.8', 'zh-CN'],
    ['en;q=0', 'zh-CN'],
  ])('picks %s → %s', (header, locale) => {
    expect(pickLocale(header)).toBe(locale);
  });
});

describe('isValidTimeZone', () => {
  it('knows IANA zones and refuses made-up ones', () => {
    expect(isValidTimeZone('Asia/Shanghai')).toBe(true);
    expect(isValidTimeZone('Europe/Berlin')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
  });
});
