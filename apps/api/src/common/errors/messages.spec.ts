import { ErrorCode } from '@wutong/shared';
import { ERROR_MESSAGES, errorMessage } from './messages';

describe('error messages', () => {
  it.each(Object.values(ErrorCode))('words %s in Chinese and English', (code) => {
    expect(ERROR_MESSAGES[code]).toBeDefined();
    expect(ERROR_MESSAGES[code]['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
    expect(ERROR_MESSAGES[code].en).toMatch(/^[A-Z]/);
  });

  it('fills placeholders', () => {
    expect(errorMessage('WEAK_PASSWORD', 'en', { min: 8 })).toContain('at least 8 characters');
  });
});
