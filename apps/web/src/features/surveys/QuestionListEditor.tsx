import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Input, Select, Switch, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { SURVEY_QUESTION_KINDS, type SurveyQuestionInput, type SurveyQuestionKind } from '@wutong/shared';

/** Edits a list of survey questions (an event's own, or the base's default ones). */
export function QuestionListEditor({
  value,
  onChange,
  disabled = false,
}: {
  value: SurveyQuestionInput[];
  onChange: (questions: SurveyQuestionInput[]) => void;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  const update = (i: number, patch: Partial<SurveyQuestionInput>) =>
    onChange(value.map((q, j) => (j === i ? { ...q, ...patch } : q)));
  return (
    <Flex vertical gap={8} data-testid="survey-question-editor">
      {value.map((q, i) => (
        <Card key={q.id ?? `new-${i}`} size="small">
          <Flex gap={8} wrap align="center">
            <Select<SurveyQuestionKind>
              value={q.kind}
              disabled={disabled}
              style={{ width: 150 }}
              aria-label={t('surveys.editor.kind')}
              onChange={(kind) =>
                update(i, { kind, options: kind === 'choice' ? (q.options ?? []) : undefined })
              }
              options={SURVEY_QUESTION_KINDS.map((k) => ({ value: k, label: t(`surveys.kinds.${k}`) }))}
            />
            <Input
              value={q.label}
              disabled={disabled}
              maxLength={200}
              style={{ flex: '1 1 240px' }}
              placeholder={t('surveys.editor.label')}
              aria-label={t('surveys.editor.label')}
              onChange={(e) => update(i, { label: e.target.value })}
            />
            <Flex gap={4} align="center">
              <Switch
                size="small"
                checked={q.required}
                disabled={disabled}
                onChange={(required) => update(i, { required })}
              />
              <Typography.Text>{t('surveys.editor.required')}</Typography.Text>
            </Flex>
            <Button
              icon={<DeleteOutlined />}
              disabled={disabled}
              aria-label={t('surveys.editor.remove')}
              onClick={() => onChange(value.filter((_, j) => j !== i))}
            />
          </Flex>
          {q.kind === 'choice' && (
            <Select
              mode="tags"
              disabled={disabled}
              value={q.options ?? []}
              style={{ width: '100%', marginTop: 8 }}
              placeholder={t('surveys.editor.options')}
              aria-label={t('surveys.editor.options')}
              onChange={(options: string[]) => update(i, { options })}
              open={false}
            />
          )}
        </Card>
      ))}
      <Button
        icon={<PlusOutlined />}
        disabled={disabled || value.length >= 20}
        onClick={() => onChange([...value, { kind: 'rating', label: '', required: false }])}
      >
        {t('surveys.editor.add')}
      </Button>
    </Flex>
  );
}
