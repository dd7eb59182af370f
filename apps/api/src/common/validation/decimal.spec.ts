import { validateSync } from 'class-validator';
import { MaxDecimalPlaces } from './decimal';

class Share {
  @MaxDecimalPlaces(2)
  value!: number;
}

const errors = (value: unknown) => validateSync(Object.assign(new Share(), { value }));

describe('MaxDecimalPlaces', () => {
  it('accepts numbers with up to the given decimals', () => {
    for (const v of [0.75, 1, 0.1, 0.05, 100, -0.5]) expect(errors(v)).toEqual([]);
  });

  it('refuses more decimals, exponent forms, non-finite values and non-numbers without throwing', () => {
    for (const v of [0.755, 9e-323, 1e-7, 5e-324, 0.1 + 0.2, Infinity, NaN, '0.75', null]) {
      const [e] = errors(v);
      expect(e?.constraints).toEqual({ maxDecimalPlaces: 'value must have at most 2 decimal places' });
    }
  });
});
