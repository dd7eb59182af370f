import { maskPhone } from './mask-phone';

describe('maskPhone', () => {
  it('keeps the first three and last four digits of a mainland mobile, with or without +86 and spaces', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('+86 138 1234 5678')).toBe('138****5678');
    expect(maskPhone('+8613812345678')).toBe('138****5678');
  });

  it('masks other numbers around stars, short ones to their last two digits, none to nothing', () => {
    expect(maskPhone('+1 212 555 0123')).toBe('121****0123');
    expect(maskPhone('12345')).toBe('****45');
    expect(maskPhone(null)).toBe('');
    expect(maskPhone('')).toBe('');
  });
});
