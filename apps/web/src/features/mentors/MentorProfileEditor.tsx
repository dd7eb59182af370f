import { Alert, App, Button, Card, Flex, Form, Input, Select, Spin, Switch, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { EXPERTISE_TAGS, MENTOR_CATEGORIES, normalizeExpertise } from '@wutong/shared';
import type { MentorProfileRequest } from '@wutong/shared';
import { applyFieldErrors, errorMessage } from '../../shared/api/errors';
import { mentorsApi } from './api';
import { expertiseLabel } from './labels';
import { useLoad } from '../../shared/useLoad';
import { IntakeQuestionsEditor } from './IntakeQuestionsEditor';

const FIELDS = ['category', 'title', 'affiliation', 'bio', 'expertise', 'languages', 'photoUrl'].map((f) => [
  f,
]);

/** The mentor's public profile: what founders see in the directory. */
export function MentorProfileEditor() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<MentorProfileRequest>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { data, error: loadError, reload } = useLoad('my-mentor-profile', () => mentorsApi.mine());
  if (loadError) return <Alert type="error" showIcon title={errorMessage(t, loadError)} />;
  if (!data) return <Spin />;

  const submit = async (v: MentorProfileRequest) => {
    setBusy(true);
    setError(null);
    try {
      await mentorsApi.updateProfile({
        ...v,
        title: v.title?.trim() || null,
        affiliation: v.affiliation?.trim() || null,
        bio: v.bio?.trim() || null,
        photoUrl: v.photoUrl?.trim() || null,
        intakeQuestions: (v.intakeQuestions ?? []).map((q) => ({
          ...q,
          label: q.label.trim(),
          required: !!q.required,
          options: q.kind === 'choice' ? q.options?.map((o) => o.trim()) : undefined,
        })),
      });
      void message.success(t('mentorProfile.saved'));
      reload();
    } catch (e) {
      setError(applyFieldErrors(t, form, e, FIELDS) ? null : errorMessage(t, e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Flex vertical gap={16} style={{ maxWidth: 720 }}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={1} className="wt-page-title" style={{ margin: 0 }}>
          {t('mentorProfile.title')}
        </Typography.Title>
        <Link to={`/mentors/${data.id}`}>{t('mentorProfile.view')}</Link>
      </Flex>
      <Card>
        <Form<MentorProfileRequest>
          form={form}
          layout="vertical"
          name="mentor-profile"
          requiredMark={false}
          initialValues={{
            category: data.category,
            title: data.title ?? '',
            affiliation: data.affiliation ?? '',
            bio: data.bio ?? '',
            expertise: data.expertise,
            languages: data.languages,
            photoUrl: data.photoUrl ?? '',
            published: data.published,
            intakeQuestions: data.intakeQuestions,
          }}
          onFinish={(v) => void submit(v)}
        >
          <Form.Item
            name="published"
            valuePropName="checked"
            label={t('mentorProfile.published')}
            extra={t('mentorProfile.publishedHelp')}
          >
            <Switch data-testid="published" />
          </Form.Item>
          <Form.Item name="category" label={t('mentors.category')} rules={[{ required: true }]}>
            <Select options={MENTOR_CATEGORIES.map((c) => ({ value: c, label: t(`mentorCategory.${c}`) }))} />
          </Form.Item>
          <Form.Item name="affiliation" label={t('mentorProfile.affiliation')} rules={[{ max: 200 }]}>
            <Input placeholder={t('mentorProfile.affiliationPlaceholder')} />
          </Form.Item>
          <Form.Item name="title" label={t('mentorProfile.jobTitle')} rules={[{ max: 100 }]}>
            <Input placeholder={t('mentorProfile.jobTitlePlaceholder')} />
          </Form.Item>
          <Form.Item
            name="expertise"
            label={t('mentors.expertise')}
            extra={t('mentorProfile.expertiseHelp')}
            // A built-in tag typed by its name (融资, Financing) becomes the tag, once.
            normalize={(values: string[] | undefined) => [...new Set((values ?? []).map(normalizeExpertise))]}
          >
            <Select
              mode="tags"
              maxCount={20}
              showSearch={{ optionFilterProp: 'label' }}
              options={EXPERTISE_TAGS.map((tag) => ({ value: tag, label: expertiseLabel(t, tag) }))}
              data-testid="profile-expertise"
            />
          </Form.Item>
          <Form.Item name="languages" label={t('mentorProfile.languages')}>
            <Select
              mode="tags"
              options={[
                { value: 'zh-CN', label: t('languageName.zh-CN') },
                { value: 'en', label: t('languageName.en') },
              ]}
            />
          </Form.Item>
          <Form.Item name="bio" label={t('mentorProfile.bio')} rules={[{ max: 4000 }]}>
            <Input.TextArea rows={5} placeholder={t('mentorProfile.bioPlaceholder')} />
          </Form.Item>
          <Form.Item name="photoUrl" label={t('mentorProfile.photoUrl')} rules={[{ type: 'url' }]}>
            <Input placeholder="https://…" />
          </Form.Item>
          <IntakeQuestionsEditor />
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
          <Button type="primary" htmlType="submit" loading={busy} data-testid="save-mentor-profile">
            {t('common.save')}
          </Button>
        </Form>
      </Card>
    </Flex>
  );
}
