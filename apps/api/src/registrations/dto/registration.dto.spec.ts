import 'reflect-metadata';
import { ValidationPipe, type ArgumentMetadata } from '@nestjs/common';
import { DomainException } from '../../common/errors/domain.exception';
import { AppValidationPipe, VALIDATION_OPTIONS } from '../../common/validation/validation.pipe';
import { RegisterDto } from './registration.dto';

const body: ArgumentMetadata = { type: 'body', metatype: RegisterDto, data: undefined };

/** What a pipe makes of `value`: the DTO (its class and fields) or the refusal's code and details. */
async function outcome(pipe: ValidationPipe, value: unknown) {
  try {
    const dto = (await pipe.transform(structuredClone(value), body)) as RegisterDto;
    return { class: dto.constructor.name, fields: JSON.parse(JSON.stringify(dto)) as unknown };
  } catch (error) {
    if (!(error instanceof DomainException)) throw error;
    return { code: error.code, details: error.details };
  }
}

describe('RegisterDto checked by hand', () => {
  const hand = new AppValidationPipe();
  const full = new ValidationPipe(VALIDATION_OPTIONS);

  it.each([
    undefined,
    null,
    {},
    { answers: {} },
    { answers: null },
    {
      answers: {
        company: '衡阳智造科技有限公司',
        needs: ['融资', '财税'],
        n: 3,
        deep: { a: [1, null, { b: 'c' }] },
      },
    },
    { answers: [] },
    { answers: 'text' },
    { answers: 5 },
    { answers: {}, extra: 1 },
    { extra: true },
    [],
    [{ answers: {} }],
    'text',
    7,
    true,
  ])('answers %j exactly as ValidationPipe does', async (value) => {
    expect(await outcome(hand, value)).toEqual(await outcome(full, value));
  });

  it('takes the short way for a usual body, and only then', async () => {
    const spy = jest.spyOn(ValidationPipe.prototype, 'transform');
    try {
      const dto = await hand.transform({ answers: { company: '衡阳' } }, body);
      expect(dto).toBeInstanceOf(RegisterDto);
      expect(spy).not.toHaveBeenCalled();
      await expect(hand.transform({ answers: [] }, body)).rejects.toBeInstanceOf(DomainException);
      expect(spy).toHaveBeenCalledTimes(1);
    } finally {
      spy.mockRestore();
    }
  });
});
