import { Alert, Button, Card, Empty, Flex, Form, Input, Segmented, Space, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { NoShowContestView } from '@wutong/shared';
import { errorMessage } from '../../shared/api/errors';
import { FormDialog } from '../../shared/FormDialog';
import { useAuth } from '../../shared/session/auth-context';
import { bookingsApi } from './api';
import { SuspendedFounders } from './SuspendedFounders';
import { rangeLabel } from '../../shared/format';
import { useLoad } from '../../shared/useLoad';

type Decision = 'uphold' | 'overturn';

/** Upholds or overturns one contest, with an optional note the founder reads. */
function DecideDialog({
  contest,
  decision,
  onClose,
}: {
  contest: NoShowContestView | null;
  decision: Decision;
  onClose: (saved: boolean) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ note?: string }>();
  if (!contest) return null;
  return (
    <FormDialog
      form={form}
      name="decision"
      title={t(`contests.confirm.${decision}`, { name: contest.founder.displayName })}
      okText={t(`contests.${decision}`)}
      okTestId="decision-confirm"
      danger={decision === 'uphold'}
      intro={<Typography.Paragraph type="secondary">{t(`contests.effect.${decision}`)}</Typography.Paragraph>}
      successText={t(`contests.done.${decision}`)}
      onSubmit={(values) => bookingsApi.decide(contest.bookingId, decision, values.note?.trim())}
      onClose={onClose}
    >
      <Form.Item name="note" label={t('contests.note')}>
        <Input.TextArea rows={3} maxLength={1000} data-testid="decision-note" />
      </Form.Item>
    </FormDialog>
  );
}

function ContestCard({
  contest,
  zone,
  onDecide,
}: {
  contest: NoShowContestView;
  zone: string;
  onDecide: (c: NoShowContestView, d: Decision) => void;
}) {
  const { t, i18n } = useTranslation();
  const company = contest.founder.companyName ? ` · ${contest.founder.companyName}` : '';
  return (
    <Card size="small" data-testid="contest-card">
      <Flex vertical gap={6}>
        <Flex justify="space-between" gap={8} wrap>
          <Typography.Text strong>
            {rangeLabel(contest.startsAt, contest.endsAt, zone, i18n.language)}
          </Typography.Text>
          {contest.decision && (
            <Tag color={contest.decision === 'overturned' ? 'green' : 'red'}>
              {t(`bookings.contestState.${contest.decision}`)}
            </Tag>
          )}
        </Flex>
        <Typography.Text>
          {t('contests.founder', { name: contest.founder.displayName, company })}
          {' · '}
          {t('contests.mentor', { name: contest.mentor.displayName })}
        </Typography.Text>
        <Typography.Text type="secondary">
          {t('bookings.topicLine', { topic: contest.topic })}
        </Typography.Text>
        {contest.noShowNote && (
          <Typography.Text>{t('bookings.mentorNote', { note: contest.noShowNote })}</Typography.Text>
        )}
        <Typography.Text>{t('bookings.contestReasonLine', { reason: contest.reason })}</Typography.Text>
        {contest.decisionNote && (
          <Typography.Text type="secondary">
            {t('bookings.decisionNote', { note: contest.decisionNote })}
          </Typography.Text>
        )}
        {!contest.decision && (
          <Space wrap>
            <Button
              size="small"
              type="primary"
              onClick={() => onDecide(contest, 'overturn')}
              data-testid="overturn"
            >
              {t('contests.overturn')}
            </Button>
            <Button size="small" danger onClick={() => onDecide(contest, 'uphold')} data-testid="uphold">
              {t('contests.uphold')}
            </Button>
          </Space>
        )}
      </Flex>
    </Card>
  );
}

/**
 * /manage/no-show-contests: founders' contests of no-show marks at the carriers the caller organizes
 * (admins: all). Overturning removes the mark and the suspension it caused.
 */
export function NoShowContestsPage() {
  const { t } = useTranslation();
  const { user } = useAuth();
  const zone = user?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  const [status, setStatus] = useState<'open' | 'decided' | 'suspended'>('open');
  const [deciding, setDeciding] = useState<{ contest: NoShowContestView; decision: Decision } | null>(null);
  const { data, error, loading, reload } = useLoad(
    status === 'suspended' ? null : `no-show-contests-${status}`,
    () => bookingsApi.contests(status as 'open' | 'decided'),
  );
  return (
    <Flex vertical gap={16} style={{ maxWidth: 760 }}>
      <Typography.Title level={1} className="wt-page-title" style={{ margin: 0 }}>
        {t('contests.title')}
      </Typography.Title>
      <Typography.Text type="secondary">{t('contests.subtitle')}</Typography.Text>
      <Segmented
        value={status}
        onChange={(v) => setStatus(v as 'open' | 'decided' | 'suspended')}
        options={[
          { value: 'open', label: t('contests.open') },
          { value: 'decided', label: t('contests.decided') },
          { value: 'suspended', label: t('suspensions.tab') },
        ]}
        style={{ alignSelf: 'flex-start' }}
      />
      {status === 'suspended' ? (
        <SuspendedFounders zone={zone} />
      ) : error ? (
        <Alert type="error" showIcon title={errorMessage(t, error)} />
      ) : loading && !data ? (
        <Spin />
      ) : !data?.length ? (
        <Empty description={t(status === 'open' ? 'contests.noneOpen' : 'contests.noneDecided')} />
      ) : (
        data.map((c) => (
          <ContestCard
            key={c.bookingId}
            contest={c}
            zone={zone}
            onDecide={(contest, decision) => setDeciding({ contest, decision })}
          />
        ))
      )}
      <DecideDialog
        contest={deciding?.contest ?? null}
        decision={deciding?.decision ?? 'uphold'}
        onClose={(saved) => {
          setDeciding(null);
          if (saved) reload();
        }}
      />
    </Flex>
  );
}
