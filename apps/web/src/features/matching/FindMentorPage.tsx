import {
  Alert,
  App,
  Button,
  Card,
  Empty,
  Flex,
  Form,
  Input,
  Popconfirm,
  Select,
  Spin,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import {
  COMPANY_STAGES,
  INDUSTRIES,
  MAX_NEED_LENGTH,
  MENTOR_CATEGORIES,
  type MentoringNeedInput,
  type MentoringRequestView,
  type MentorSuggestion,
} from '@wutong/shared';
import { errorMessage } from '../../shared/api/errors';
import { formatNumber, shortDateTime, viewerTimeZone } from '../../shared/format';
import { useAuth } from '../../shared/session/auth-context';
import { useLoad } from '../../shared/useLoad';
import { useOrganizations } from '../../shared/useOrganizations';
import { CATEGORY_COLORS } from '../mentors/labels';
import { matchingApi } from './api';
import { Reasons } from './Reasons';

export const REQUEST_STATUS_COLORS: Record<string, string> = {
  suggested: 'blue',
  open: 'gold',
  assigned: 'purple',
  matched: 'green',
  withdrawn: 'default',
};

function SuggestionCard({ s, rank }: { s: MentorSuggestion; rank: number }) {
  const { t, i18n } = useTranslation();
  const { user } = useAuth();
  const zone = viewerTimeZone(user);
  return (
    <Card size="small" data-testid="suggestion">
      <Flex vertical gap={6}>
        <Flex justify="space-between" align="center" gap={8} wrap>
          <Typography.Text strong>
            {formatNumber(rank, i18n.language)}. {s.displayName}
          </Typography.Text>
          <Tag color="green" data-testid="suggestion-score">
            {t('matching.score', { score: formatNumber(s.score, i18n.language) })}
          </Tag>
        </Flex>
        <Flex gap={4} wrap>
          <Tag color={CATEGORY_COLORS[s.category]}>{t(`mentorCategory.${s.category}`)}</Tag>
          {s.title && <Typography.Text type="secondary">{s.title}</Typography.Text>}
        </Flex>
        <Reasons reasons={s.reasons} />
        <Flex justify="space-between" align="center" gap={8} wrap>
          <Typography.Text type="secondary">
            {s.nextSlot
              ? t('matching.nextSlot', { when: shortDateTime(s.nextSlot, zone, i18n.language) })
              : t('matching.noSlot')}
          </Typography.Text>
          <Link to={`/mentors/${s.mentorId}`} data-testid="suggestion-book">
            <Button type="primary">{t('matching.book')}</Button>
          </Link>
        </Flex>
      </Flex>
    </Card>
  );
}

function RequestCard({ r, onChanged }: { r: MentoringRequestView; onChanged: () => void }) {
  const { t, i18n } = useTranslation();
  const { user } = useAuth();
  const { message } = App.useApp();
  const zone = viewerTimeZone(user);
  const act = async (action: () => Promise<unknown>, done: string) => {
    try {
      await action();
      void message.success(done);
      onChanged();
    } catch (error) {
      void message.error(errorMessage(t, error));
    }
  };
  const live = r.status === 'suggested' || r.status === 'open' || r.status === 'assigned';
  return (
    <Card size="small" data-testid="my-request">
      <Flex vertical gap={6}>
        <Flex justify="space-between" gap={8} wrap>
          <Typography.Text type="secondary">
            {shortDateTime(r.createdAt, zone, i18n.language)}
          </Typography.Text>
          <Tag color={REQUEST_STATUS_COLORS[r.status]} data-testid="request-status">
            {t(`matching.status.${r.status}`)}
          </Tag>
        </Flex>
        <Typography.Paragraph
          style={{ margin: 0, whiteSpace: 'pre-wrap' }}
          ellipsis={{ rows: 3, expandable: true }}
        >
          {r.need}
        </Typography.Paragraph>
        <Typography.Text type="secondary">
          {t('matching.carrierLine', { carrier: r.organizationName })}
        </Typography.Text>
        {r.assignedMentor && r.status !== 'withdrawn' && (
          <Flex justify="space-between" align="center" gap={8} wrap>
            <Typography.Text data-testid="assigned-mentor">
              {t('matching.assignedTo', { name: r.assignedMentor.displayName })}
            </Typography.Text>
            {r.status === 'assigned' && (
              <Link to={`/mentors/${r.assignedMentor.id}`} data-testid="book-assigned">
                <Button type="primary">{t('matching.bookAssigned')}</Button>
              </Link>
            )}
          </Flex>
        )}
        {r.status === 'matched' && r.firstSessionAt && (
          <Typography.Text>
            {t('matching.firstSession', { when: shortDateTime(r.firstSessionAt, zone, i18n.language) })}
          </Typography.Text>
        )}
        {live && (
          <Flex gap={8} wrap>
            {r.status === 'suggested' && (
              <Button
                onClick={() =>
                  void act(
                    () => matchingApi.queue(r.id),
                    t('matching.asked', { carrier: r.organizationName }),
                  )
                }
              >
                {t('matching.askCarrier')}
              </Button>
            )}
            <Popconfirm
              title={t('matching.withdrawConfirm')}
              okText={t('matching.withdraw')}
              cancelText={t('common.cancel')}
              onConfirm={() => void act(() => matchingApi.withdraw(r.id), t('matching.withdrawn'))}
            >
              <Button type="text" danger>
                {t('matching.withdraw')}
              </Button>
            </Popconfirm>
          </Flex>
        )}
      </Flex>
    </Card>
  );
}

/**
 * /find-mentor: a founder describes a need and gets up to five mentors with the reasons for each
 * (book one), or asks the carrier to assign one; below, the founder's needs and what became of them.
 */
export function FindMentorPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<MentoringNeedInput>();
  const { organizations } = useOrganizations();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<MentoringRequestView | null>(null);
  const [error, setError] = useState<unknown>(null);
  const mine = useLoad('my-mentoring-requests', () => matchingApi.mine());

  const submit = async (values: MentoringNeedInput) => {
    setBusy(true);
    setError(null);
    try {
      setResult(await matchingApi.ask({ ...values, need: values.need.trim() }));
      mine.reload();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const askCarrier = async () => {
    if (!result) return;
    try {
      const queued = await matchingApi.queue(result.id);
      setResult(queued);
      void message.success(t('matching.asked', { carrier: queued.organizationName }));
      mine.reload();
    } catch (e) {
      void message.error(errorMessage(t, e));
    }
  };
  const optional = (values: readonly string[], key: string) => [
    ...values.map((v) => ({ value: v, label: t(`${key}.${v}`) })),
  ];

  return (
    <Flex vertical gap={16} style={{ maxWidth: 760 }}>
      <Typography.Title level={1} className="wt-page-title" style={{ margin: 0 }}>
        {t('matching.title')}
      </Typography.Title>
      <Typography.Text type="secondary">{t('matching.subtitle')}</Typography.Text>
      <Card>
        <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} requiredMark="optional">
          <Form.Item
            name="need"
            label={t('matching.need')}
            rules={[
              { required: true, whitespace: true, message: t('matching.needRequired') },
              { max: MAX_NEED_LENGTH },
            ]}
          >
            <Input.TextArea
              rows={4}
              maxLength={MAX_NEED_LENGTH}
              placeholder={t('matching.needPlaceholder')}
              data-testid="need-text"
            />
          </Form.Item>
          <Flex gap={12} wrap>
            <Form.Item name="category" label={t('matching.category')} style={{ flex: '1 1 200px' }}>
              <Select
                allowClear
                placeholder={t('matching.any')}
                options={optional(MENTOR_CATEGORIES, 'mentorCategory')}
                data-testid="need-category"
              />
            </Form.Item>
            <Form.Item name="industry" label={t('matching.industry')} style={{ flex: '1 1 200px' }}>
              <Select allowClear placeholder={t('matching.any')} options={optional(INDUSTRIES, 'industry')} />
            </Form.Item>
            <Form.Item name="stage" label={t('matching.stage')} style={{ flex: '1 1 200px' }}>
              <Select
                allowClear
                placeholder={t('matching.any')}
                options={optional(COMPANY_STAGES, 'stage')}
              />
            </Form.Item>
          </Flex>
          <Form.Item name="organizationId" label={t('matching.carrier')} extra={t('matching.carrierHint')}>
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('matching.carrierDefault')}
              options={organizations.map((o) => ({ value: o.id, label: o.name }))}
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="need-submit">
            {t('matching.submit')}
          </Button>
        </Form>
      </Card>
      {error ? <Alert type="error" showIcon title={errorMessage(t, error)} /> : null}
      {result && (
        <Flex vertical gap={12} data-testid="suggestions">
          <Typography.Title level={2} style={{ margin: 0, fontSize: 20 }}>
            {t('matching.suggestionsTitle')}
          </Typography.Title>
          {result.suggestions.length === 0 ? (
            <Empty description={t('matching.noSuggestions')} />
          ) : (
            result.suggestions.map((s, i) => <SuggestionCard key={s.mentorId} s={s} rank={i + 1} />)
          )}
          <Card size="small">
            {result.status === 'suggested' ? (
              <Flex justify="space-between" align="center" gap={8} wrap>
                <Typography.Text>
                  {t('matching.askCarrierHint', { carrier: result.organizationName })}
                </Typography.Text>
                <Button onClick={() => void askCarrier()} data-testid="ask-carrier">
                  {t('matching.askCarrier')}
                </Button>
              </Flex>
            ) : (
              <Typography.Text data-testid="asked">
                {t('matching.asked', { carrier: result.organizationName })}
              </Typography.Text>
            )}
          </Card>
        </Flex>
      )}
      <Typography.Title level={2} style={{ margin: 0, fontSize: 20 }}>
        {t('matching.myRequests')}
      </Typography.Title>
      {mine.error ? (
        <Alert type="error" showIcon title={errorMessage(t, mine.error)} />
      ) : mine.loading && !mine.data ? (
        <Spin />
      ) : !mine.data?.length ? (
        <Empty description={t('matching.noRequests')} />
      ) : (
        mine.data.map((r) => <RequestCard key={r.id} r={r} onChanged={mine.reload} />)
      )}
    </Flex>
  );
}
