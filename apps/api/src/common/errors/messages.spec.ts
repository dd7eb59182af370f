import { ERROR_STATUS, ErrorCode } from '@wutong/shared';
import { DomainException } from './domain.exception';
import { ERROR_MESSAGES, errorMessage } from './messages';

describe('error messages', () => {
  it.each(Object.values(ErrorCode))('words %s in Chinese and English', (code) => {
    expect(ERROR_MESSAGES[code]).toBeDefined();
    expect(ERROR_MESSAGES[code]['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
    expect(ERROR_MESSAGES[code].en).toMatch(/^[A-Z]/);
  });

  it.each(Object.values(ErrorCode))('answers %s with one HTTP status from the table', (code) => {
    const status = ERROR_STATUS[code];
    expect(status >= 400 && status < 600).toBe(true);
    expect(new DomainException(code).statusCode).toBe(status);
  });

  it('answers a wrong code with 401 while signing in and 400 while signed in', () => {
    expect([ERROR_STATUS.INVALID_MFA_CODE, ERROR_STATUS.WRONG_MFA_CODE]).toEqual([401, 400]);
    expect([ERROR_STATUS.INVALID_CODE, ERROR_STATUS.WRONG_CODE]).toEqual([401, 400]);
  });

  it('fills placeholders', () => {
    expect(errorMessage('WEAK_PASSWORD', 'en', { min: 8 })).toContain('at least 8 characters');
  });
});
