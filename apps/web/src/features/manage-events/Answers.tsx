import { Descriptions, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Answers as AnswerMap, QuestionView } from '@wutong/shared';

/** A registrant's answers, under the event's question labels. */
export function Answers({ questions, answers }: { questions: QuestionView[]; answers: AnswerMap }) {
  const { t } = useTranslation();
  if (questions.length === 0)
    return <Typography.Text type="secondary">{t('manageEvents.noAnswers')}</Typography.Text>;
  return (
    <Descriptions column={1} size="small" bordered>
      {questions.map((q) => {
        const value = answers[q.id];
        const text = Array.isArray(value) ? value.join('、') : value;
        return (
          <Descriptions.Item key={q.id} label={q.label}>
            <span style={{ whiteSpace: 'pre-wrap' }}>{text || '—'}</span>
          </Descriptions.Item>
        );
      })}
    </Descriptions>
  );
}
