import { Alert, App, Button, Card, Flex, List, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import type { SurveyQuestionInput } from '@wutong/shared';
import { errorMessage } from '../../shared/api/errors';
import { useLoad } from '../../shared/useLoad';
import { surveysApi } from './api';
import { QuestionListEditor } from './QuestionListEditor';
import { SurveyResultsCard } from './SurveyResultsCard';

/** /manage/events/:id/survey: the organizer's own questions, then the results once sent. */
export function EventSurveyPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { id = '' } = useParams();
  const survey = useLoad(`event-survey:${id}`, () => surveysApi.eventSurvey(id));
  const results = useLoad(`event-survey-results:${id}`, () => surveysApi.results(id));
  // The edited list of the event's own questions; null while it is the saved one.
  const [draft, setDraft] = useState<SurveyQuestionInput[] | null>(null);
  const [saving, setSaving] = useState(false);

  if (survey.error !== undefined && !survey.data)
    return <Alert type="error" showIcon title={errorMessage(t, survey.error)} />;
  if (!survey.data)
    return (
      <Flex justify="center" style={{ padding: 48 }}>
        <Spin size="large" />
      </Flex>
    );
  const view = survey.data;
  const sent = view.sentAt !== null;
  const extra = draft ?? view.extraQuestions;
  const save = async () => {
    setSaving(true);
    try {
      survey.setData(await surveysApi.saveEventSurvey(id, extra));
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
      <div>
        <Link to={`/manage/events/${id}`}>← {view.eventTitle}</Link>
        <Typography.Title level={1} className="wt-page-title" style={{ margin: '8px 0 0' }}>
          {t('surveys.event.title')}
        </Typography.Title>
      </div>
      <Alert
        type={sent ? 'success' : 'info'}
        showIcon
        title={sent ? t('surveys.event.sent') : t('surveys.event.notSent')}
      />
      <Card title={t('surveys.event.baseQuestions')} size="small">
        <List
          size="small"
          dataSource={view.baseQuestions}
          renderItem={(q) => (
            <List.Item>
              <Typography.Text>{q.label}</Typography.Text> <Tag>{t(`surveys.kinds.${q.kind}`)}</Tag>
            </List.Item>
          )}
        />
      </Card>
      <Card title={t('surveys.event.extraQuestions')} size="small">
        <QuestionListEditor value={extra} onChange={setDraft} disabled={sent} />
        {!sent && (
          <Button type="primary" style={{ marginTop: 12 }} loading={saving} onClick={() => void save()}>
            {t('surveys.editor.save')}
          </Button>
        )}
      </Card>
      {results.data && <SurveyResultsCard results={results.data} />}
    </Flex>
  );
}
