import { creditCodeCheckCharacter, isValidCreditCode, normalizeCreditCode } from './credit-code';

describe('unified social credit code (GB 32100)', () => {
  it.each(['91350100M000100Y43', '91110000600037341L', '9144030071526726XG'])(
    'accepts the published code %s',
    (code) => {
      expect(isValidCreditCode(code)).toBe(true);
    },
  );

  it('accepts lower case and spaces as typed by people', () => {
    expect(isValidCreditCode(' 91350100m000100y43 ')).toBe(true);
    expect(normalizeCreditCode('9135 0100 m000 100y43')).toBe('91350100M000100Y43');
  });

  it('refuses a wrong check character, a wrong length and letters outside the alphabet', () => {
    expect(isValidCreditCode('91350100M000100Y44')).toBe(false);
    expect(isValidCreditCode('91350100M000100Y4')).toBe(false);
    expect(isValidCreditCode('91350100I000100Y43')).toBe(false);
    expect(isValidCreditCode('')).toBe(false);
  });

  it('computes the check character over the first 17 characters', () => {
    expect(creditCodeCheckCharacter('91350100M000100Y4')).toBe('3');
    expect(creditCodeCheckCharacter('91350100M000100Y!')).toBeNull();
  });
});
