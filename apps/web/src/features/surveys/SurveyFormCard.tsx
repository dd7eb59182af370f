import { Alert, App, Button, Card, Flex, Input, Radio, Rate, Result, Spin, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SurveyForm, SurveyQuestion } from '@wutong/shared';
import { ApiError } from '../../shared/api/client';
import { errorMessage } from '../../shared/api/errors';
import type { Loaded } from '../../shared/useLoad';

type Answers = Record<string, number | string>;

/** One question's input: stars, an 0–10 scale, choices or a comment box; big enough for a thumb. */
function QuestionInput({
  question,
  value,
  onChange,
}: {
  question: SurveyQuestion;
  value: number | string | undefined;
  onChange: (v: number | string | undefined) => void;
}) {
  const { t } = useTranslation();
  switch (question.kind) {
    case 'rating':
      return (
        <Rate
          value={typeof value === 'number' ? value : 0}
          onChange={(v) => onChange(v === 0 ? undefined : v)}
          style={{ fontSize: 32 }}
          aria-label={question.label}
        />
      );
    case 'nps':
      return (
        <div>
          <Radio.Group
            value={value}
            onChange={(e) => onChange(e.target.value as number)}
            optionType="button"
            buttonStyle="solid"
            className="wt-survey-nps"
            options={Array.from({ length: 11 }, (_, i) => ({ label: String(i), value: i }))}
          />
          <Flex justify="space-between">
            <Typography.Text type="secondary">{t('surveys.form.npsLow')}</Typography.Text>
            <Typography.Text type="secondary">{t('surveys.form.npsHigh')}</Typography.Text>
          </Flex>
        </div>
      );
    case 'choice':
      return (
        <Radio.Group
          value={value}
          onChange={(e) => onChange(e.target.value as string)}
          options={(question.options ?? []).map((o) => ({ label: o, value: o }))}
          style={{ display: 'flex', flexDirection: 'column', gap: 8 }}
        />
      );
    case 'text':
      return (
        <Input.TextArea
          value={typeof value === 'string' ? value : ''}
          onChange={(e) => onChange(e.target.value)}
          maxLength={2000}
          autoSize={{ minRows: 3, maxRows: 8 }}
          placeholder={t('surveys.form.textPlaceholder')}
        />
      );
  }
}

/**
 * A survey to answer, on a phone first: one card per question, required ones marked, one submit.
 * Used by the signed-in page and by the link page (which needs no account).
 */
export function SurveyFormCard({
  loaded,
  submit,
}: {
  loaded: Loaded<SurveyForm>;
  submit: (answers: Answers) => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [answers, setAnswers] = useState<Answers>({});
  const [saving, setSaving] = useState(false);
  const [done, setDone] = useState(false);
  const form = loaded.data;

  if (loaded.error instanceof ApiError && loaded.error.status === 404)
    return <Result status="warning" title={t('surveys.form.invalidLink')} data-testid="survey-invalid" />;
  if (loaded.error !== undefined && !form)
    return <Alert type="error" showIcon title={errorMessage(t, loaded.error)} />;
  if (!form)
    return (
      <Flex justify="center" style={{ padding: 48 }}>
        <Spin size="large" />
      </Flex>
    );
  if (done || form.answered)
    return (
      <Result
        status="success"
        title={done ? t('surveys.form.thanks') : t('surveys.form.alreadyAnswered')}
        subTitle={form.eventTitle}
        data-testid="survey-done"
      />
    );

  const missing = form.questions.filter((q) => q.required && answers[q.id] === undefined);
  const onSubmit = async () => {
    if (missing.length > 0) {
      message.warning(t('surveys.form.answerRequired', { question: missing[0].label }));
      return;
    }
    setSaving(true);
    try {
      await submit(answers);
      setDone(true);
    } catch (error) {
      if (error instanceof ApiError && error.code === 'ALREADY_ANSWERED') setDone(true);
      else message.error(errorMessage(t, error));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Flex vertical gap={12} className="wt-survey" data-testid="survey-form">
      <div>
        <Typography.Title level={1} className="wt-page-title" style={{ margin: 0 }}>
          {t('surveys.form.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{form.eventTitle}</Typography.Text>
      </div>
      {form.questions.map((q, i) => (
        <Card key={q.id} size="small" data-testid={`survey-question-${q.id}`}>
          <Typography.Paragraph strong style={{ marginBottom: 12 }}>
            {i + 1}. {q.label}
            {q.required && (
              <Typography.Text type="danger" aria-label={t('surveys.form.required')}>
                {' '}
                *
              </Typography.Text>
            )}
          </Typography.Paragraph>
          <QuestionInput
            question={q}
            value={answers[q.id]}
            onChange={(v) =>
              setAnswers((a) => {
                const next = { ...a };
                if (v === undefined || v === '') delete next[q.id];
                else next[q.id] = v;
                return next;
              })
            }
          />
        </Card>
      ))}
      <Button type="primary" size="large" block loading={saving} onClick={() => void onSubmit()}>
        {t('surveys.form.submit')}
      </Button>
    </Flex>
  );
}
