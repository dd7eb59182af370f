import type { QuestionView } from '@wutong/shared';
import { checkAnswers } from './answers';

const questions: QuestionView[] = [
  { id: 'company', label: '公司名称', kind: 'short_text', required: true, options: [] },
  { id: 'ask', label: '想问的问题', kind: 'long_text', required: false, options: [] },
  { id: 'stage', label: '融资阶段', kind: 'single_choice', required: true, options: ['种子轮', '天使轮'] },
  { id: 'needs', label: '需求', kind: 'multiple_choice', required: false, options: ['融资', '财税', '法务'] },
];

const failure = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return error as { code: string; details: { field: string; rules: string[]; messages: string[] }[] };
  }
  throw new Error('expected a failure');
};

describe('checkAnswers', () => {
  it('keeps valid answers, trimmed, and drops empty optional ones', () => {
    expect(
      checkAnswers(questions, {
        company: ' 衡阳智造 ',
        stage: '天使轮',
        ask: '',
        needs: ['财税', '融资', '财税'],
      }),
    ).toEqual({
      company: '衡阳智造',
      stage: '天使轮',
      needs: ['财税', '融资'],
    });
  });

  it('names every missing required question', () => {
    const error = failure(() => checkAnswers(questions, {}));
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.details.map((d) => d.field)).toEqual(['answers.company', 'answers.stage']);
    expect(error.details[0].messages[0]).toContain('公司名称');
    expect(error.details[0].rules).toEqual(['answerRequired']);
  });

  it('refuses choices that are not offered, wrong types and unknown questions', () => {
    const error = failure(() =>
      checkAnswers(questions, { company: 'x', stage: 'A 轮', needs: '融资', extra: 'y' }),
    );
    expect(error.details.map((d) => [d.field, d.rules[0]])).toEqual([
      ['answers.extra', 'unknownQuestion'],
      ['answers.stage', 'answerChoice'],
      ['answers.needs', 'answerType'],
    ]);
  });

  it('caps the length of text answers', () => {
    const error = failure(() => checkAnswers(questions, { company: 'x'.repeat(201), stage: '种子轮' }));
    expect(error.details[0]).toMatchObject({ field: 'answers.company', rules: ['answerLength'] });
  });
});
