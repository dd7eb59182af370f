import type { Answers, QuestionView } from '@wutong/shared';
import { DomainException } from '../common/errors/domain.exception';
import { fieldError } from '../common/errors/validation';
import type { FieldError } from '@wutong/shared';

const MAX_SHORT = 200;
const MAX_LONG = 4000;

/**
 * Checks a registrant's answers against the event's questions and returns them cleaned (trimmed,
 * unknown or empty ones dropped). Missing required answers are 400 VALIDATION_FAILED naming the
 * question (field `answers.<questionId>`).
 */
export function checkAnswers(questions: QuestionView[], raw: unknown): Answers {
  const given: Record<string, unknown> =
    raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
  const problems: FieldError[] = [];
  const known = new Set(questions.map((q) => q.id));
  for (const key of Object.keys(given)) {
    if (!known.has(key))
      problems.push(
        fieldError(`answers.${key}`, 'unknownQuestion', `answers.${key} is not a question of this event`),
      );
  }
  const answers: Answers = {};
  for (const q of questions) {
    const field = `answers.${q.id}`;
    const value = given[q.id];
    const problem = (rule: string, message: string) =>
      problems.push(fieldError(field, rule, `"${q.label}" ${message}`));
    if (q.kind === 'multiple_choice') {
      if (
        value !== undefined &&
        value !== null &&
        !(Array.isArray(value) && value.every((v) => typeof v === 'string'))
      ) {
        problem('answerType', 'takes a list of choices');
        continue;
      }
      const picked = [
        ...new Set(((value as string[] | undefined) ?? []).map((v) => v.trim()).filter(Boolean)),
      ];
      if (picked.some((v) => !q.options.includes(v)))
        problem('answerChoice', 'takes only its listed choices');
      else if (picked.length === 0 && q.required) problem('answerRequired', 'is required');
      else if (picked.length > 0) answers[q.id] = picked;
      continue;
    }
    if (value !== undefined && value !== null && typeof value !== 'string') {
      problem('answerType', 'takes text');
      continue;
    }
    const text = (value ?? '').trim();
    if (!text) {
      if (q.required) problem('answerRequired', 'is required');
      continue;
    }
    if (q.kind === 'single_choice' && !q.options.includes(text))
      problem('answerChoice', 'takes only its listed choices');
    else if (text.length > (q.kind === 'long_text' ? MAX_LONG : MAX_SHORT))
      problem('answerLength', `is at most ${q.kind === 'long_text' ? MAX_LONG : MAX_SHORT} characters`);
    else answers[q.id] = text;
  }
  if (problems.length > 0) throw new DomainException('VALIDATION_FAILED', problems);
  return answers;
}
