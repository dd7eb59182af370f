import { randomBytes } from 'node:crypto';
import type { SurveyAnswerValue, SurveyQuestion, SurveyQuestionInput } from '@wutong/shared';
import { DomainException } from '../common/errors/domain.exception';

const field = (f: string, message: string) =>
  new DomainException('VALIDATION_FAILED', [{ field: f, messages: [message] }]);

/**
 * A question list as stored: ids kept or given, options only on choice questions (2–10, distinct),
 * ids unique across `taken` (the default questions an event's own ones follow).
 */
export function normalizeQuestions(
  input: SurveyQuestionInput[],
  taken: readonly SurveyQuestion[] = [],
): SurveyQuestion[] {
  const ids = new Set(taken.map((q) => q.id));
  return input.map((q, i) => {
    const id = q.id ?? `q${randomBytes(4).toString('hex')}`;
    if (ids.has(id)) throw field(`questions.${i}.id`, `Question id ${id} is used twice`);
    ids.add(id);
    const label = q.label.trim();
    if (q.kind !== 'choice') {
      if (q.options !== undefined)
        throw field(`questions.${i}.options`, 'Only choice questions have options');
      return { id, kind: q.kind, label, required: q.required };
    }
    const options = (q.options ?? []).map((o) => o.trim());
    if (options.length < 2 || options.some((o) => o === '') || new Set(options).size !== options.length)
      throw field(`questions.${i}.options`, 'A choice question needs 2 to 10 distinct options');
    return { id, kind: q.kind, label, options, required: q.required };
  });
}

const TEXT_MAX = 2000;

/**
 * Checks answers against the questions: unknown ids 400 UNKNOWN_QUESTION, a value not of its kind
 * 400 INVALID_ANSWER (rating 1–5 and nps 0–10 integers, choice one of the options, text a string up
 * to 2000 characters), a required one missing 400 ANSWER_REQUIRED. Blank text counts as unanswered
 * and is dropped. Returns what is stored.
 */
export function checkAnswers(
  questions: readonly SurveyQuestion[],
  answers: Record<string, unknown>,
): Record<string, SurveyAnswerValue> {
  const byId = new Map(questions.map((q) => [q.id, q]));
  for (const id of Object.keys(answers))
    if (!byId.has(id))
      throw new DomainException('UNKNOWN_QUESTION', { questionId: id }, { question: id.slice(0, 40) });
  const kept: Record<string, SurveyAnswerValue> = {};
  for (const q of questions) {
    let value = answers[q.id];
    if (typeof value === 'string' && q.kind === 'text')
      value = value.trim() === '' ? undefined : value.trim();
    if (value === undefined || value === null) {
      if (q.required)
        throw new DomainException('ANSWER_REQUIRED', { questionId: q.id }, { question: q.label });
      continue;
    }
    const invalid = () => new DomainException('INVALID_ANSWER', { questionId: q.id }, { question: q.label });
    switch (q.kind) {
      case 'rating':
      case 'nps': {
        const [min, max] = q.kind === 'rating' ? [1, 5] : [0, 10];
        if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max)
          throw invalid();
        break;
      }
      case 'choice':
        if (typeof value !== 'string' || !q.options?.includes(value)) throw invalid();
        break;
      case 'text':
        if (typeof value !== 'string' || value.length > TEXT_MAX) throw invalid();
        break;
    }
    kept[q.id] = value as SurveyAnswerValue;
  }
  return kept;
}

/** NPS of 0–10 scores: % promoters (9–10) − % detractors (0–6), an integer; null without scores. */
export function netPromoterScore(scores: readonly number[]): number | null {
  if (scores.length === 0) return null;
  const promoters = scores.filter((s) => s >= 9).length;
  const detractors = scores.filter((s) => s <= 6).length;
  return Math.round(((promoters - detractors) * 100) / scores.length);
}

export function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  return Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 100) / 100;
}
