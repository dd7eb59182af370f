import { Alert, App, Button, Card, Flex, Spin, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SurveyQuestionInput } from '@wutong/shared';
import { errorMessage } from '../../shared/api/errors';
import { useLoad } from '../../shared/useLoad';
import { surveysApi } from './api';
import { QuestionListEditor } from './QuestionListEditor';

/** /admin/surveys: the base's default questions every event survey starts with. */
export function DefaultSurveyPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const loaded = useLoad('default-survey', () => surveysApi.defaultSurvey());
  // The edited list; null while it is the saved one.
  const [draft, setDraft] = useState<SurveyQuestionInput[] | null>(null);
  const [saving, setSaving] = useState(false);
  if (loaded.error !== undefined && !loaded.data)
    return <Alert type="error" showIcon title={errorMessage(t, loaded.error)} />;
  if (!loaded.data)
    return (
      <Flex justify="center" style={{ padding: 48 }}>
        <Spin size="large" />
      </Flex>
    );
  const questions = draft ?? loaded.data.questions;
  const save = async () => {
    setSaving(true);
    try {
      loaded.setData(await surveysApi.saveDefault(questions));
      setDraft(null);
      message.success(t('surveys.editor.saved'));
    } catch (error) {
      message.error(errorMessage(t, error));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Flex vertical gap={16}>
      <Typography.Title level={1} className="wt-page-title">
        {t('surveys.default.title')}
      </Typography.Title>
      <Alert type="info" showIcon title={t('surveys.default.hint')} />
      <Card size="small">
        <QuestionListEditor value={questions} onChange={setDraft} />
        <Button type="primary" style={{ marginTop: 12 }} loading={saving} onClick={() => void save()}>
          {t('surveys.editor.save')}
        </Button>
      </Card>
    </Flex>
  );
}
