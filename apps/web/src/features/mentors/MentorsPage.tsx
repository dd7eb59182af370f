import { Alert, App, Button, Card, Col, Empty, Flex, Form, Input, Row, Select, Spin, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EXPERTISE_TAGS, MENTOR_CATEGORIES } from '@wutong/shared';
import type { MentorCategory } from '@wutong/shared';
import { errorMessage } from '../../shared/api/errors';
import { hasAnyRole, useAuth } from '../../shared/session/auth-context';
import { mentorsApi } from './api';
import { expertiseLabel } from './labels';
import { MentorCard } from './MentorCard';
import { useLoad } from '../../shared/useLoad';

/** Admins and organizers invite a mentor by email. */
function InviteMentor() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ email: string }>();
  const [busy, setBusy] = useState(false);
  const submit = async ({ email }: { email: string }) => {
    setBusy(true);
    try {
      await mentorsApi.invite(email.trim());
      void message.success(t('mentors.invited', { email: email.trim() }));
      form.resetFields();
    } catch (error) {
      void message.error(errorMessage(t, error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card size="small" title={t('mentors.inviteTitle')}>
      <Form
        form={form}
        layout="inline"
        onFinish={(v) => void submit(v)}
        name="invite-mentor"
        style={{ rowGap: 8 }}
      >
        <Form.Item
          name="email"
          rules={[{ required: true, type: 'email', message: t('auth.rules.emailInvalid') }]}
          style={{ flex: '1 1 220px' }}
        >
          <Input placeholder={t('mentors.invitePlaceholder')} aria-label={t('auth.email')} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy}>
          {t('mentors.inviteSubmit')}
        </Button>
      </Form>
      <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
        {t('mentors.inviteHelp')}
      </Typography.Paragraph>
    </Card>
  );
}

/** The mentor directory: cards filtered by category, expertise and text. */
export function MentorsPage() {
  const { t } = useTranslation();
  const { user } = useAuth();
  const [category, setCategory] = useState<MentorCategory | undefined>();
  const [expertise, setExpertise] = useState<string | undefined>();
  const [q, setQ] = useState('');
  const key = JSON.stringify({ category, expertise, q });
  const { data, error, loading, reload } = useLoad(key, () => mentorsApi.list({ category, expertise, q }));

  return (
    <Flex vertical gap={16}>
      <div>
        <Typography.Title level={1} className="wt-page-title" style={{ margin: 0 }}>
          {t('mentors.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>
          {t('mentors.subtitle')}
        </Typography.Paragraph>
      </div>
      {hasAnyRole(user, ['organizer', 'admin']) && <InviteMentor />}
      <Flex gap={8} wrap>
        <Input.Search
          allowClear
          placeholder={t('mentors.searchPlaceholder')}
          onSearch={(value) => setQ(value.trim())}
          style={{ flex: '1 1 220px', maxWidth: 360 }}
          data-testid="mentor-search"
        />
        <Select
          allowClear
          placeholder={t('mentors.category')}
          aria-label={t('mentors.category')}
          value={category}
          onChange={setCategory}
          options={MENTOR_CATEGORIES.map((c) => ({ value: c, label: t(`mentorCategory.${c}`) }))}
          style={{ flex: '1 1 140px', maxWidth: 200 }}
          data-testid="category-filter"
        />
        <Select
          allowClear
          placeholder={t('mentors.expertise')}
          aria-label={t('mentors.expertise')}
          value={expertise}
          onChange={setExpertise}
          options={EXPERTISE_TAGS.map((tag) => ({ value: tag, label: expertiseLabel(t, tag) }))}
          style={{ flex: '1 1 140px', maxWidth: 200 }}
        />
      </Flex>
      {error ? (
        <Alert
          type="error"
          showIcon
          title={errorMessage(t, error)}
          action={<Button onClick={reload}>{t('common.retry')}</Button>}
        />
      ) : loading && !data ? (
        <Spin />
      ) : data && data.length === 0 ? (
        <Empty description={t('mentors.none')} />
      ) : (
        <Row gutter={[12, 12]}>
          {data?.map((mentor) => (
            <Col xs={24} md={12} xl={8} key={mentor.id}>
              <MentorCard mentor={mentor} />
            </Col>
          ))}
        </Row>
      )}
    </Flex>
  );
}
