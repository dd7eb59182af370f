import { shortWhen, textParams } from './sms-texts';

describe('textParams', () => {
  const at = Date.UTC(2026, 11, 8, 6, 0); // 14:00 in Shanghai, 07:00 in Berlin

  it('writes a stored moment in the reader’s zone and language, and passes on only the template’s words', () => {
    expect(textParams('zh-CN', { other: '周导师', at, zone: 'Asia/Shanghai' })).toEqual({
      other: '周导师',
      when: '12月8日 14:00',
    });
    expect(textParams('en', { other: 'Zhou', at: String(at), zone: 'Europe/Berlin' })).toEqual({
      other: 'Zhou',
      when: shortWhen(new Date(at), 'Europe/Berlin', 'en'),
    });
    expect(shortWhen(new Date(at), 'Europe/Berlin', 'en')).toMatch(/^8 Dec 07:00$/);
  });

  it('keeps a time already written', () => {
    expect(textParams('zh-CN', { event: '路演', when: '12月8日 09:30' })).toEqual({
      event: '路演',
      when: '12月8日 09:30',
    });
  });
});
