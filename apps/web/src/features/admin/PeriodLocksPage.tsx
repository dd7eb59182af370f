import { App, Button, Card, DatePicker, Flex, Form, Input, Modal, Table, Typography } from 'antd';
import { LockOutlined, UnlockOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PeriodLockView } from '@wutong/shared';
import { request } from '../../shared/api/client';
import { errorMessage } from '../../shared/api/errors';
import { currentLocale } from '../../shared/i18n/index';
import { shortDateTime, viewerTimeZone } from '../../shared/format';
import { FormError } from '../../shared/FormError';
import { ScrollFrame } from '../../shared/ScrollHint';
import { useAuth } from '../../shared/session/auth-context';
import { useLoad } from '../../shared/useLoad';

const periodsApi = {
  list: () => request<PeriodLockView[]>('/periods/locks'),
  lock: (month: string, reason: string) =>
    request<PeriodLockView>(`/periods/${month}/lock`, { method: 'PUT', body: reason ? { reason } : {} }),
  unlock: (month: string, reason: string) =>
    request<void>(`/periods/${month}/lock`, { method: 'DELETE', body: { reason } }),
};

/**
 * /admin/periods: months reported to the government are locked, so their numbers never change
 * (check-ins, walk-ins, undos and session times in them are refused); unlocking needs a reason.
 */
export function PeriodLocksPage() {
  const { t } = useTranslation();
  const { user } = useAuth();
  const { message } = App.useApp();
  const locks = useLoad('period-locks', () => periodsApi.list());
  const [form] = Form.useForm<{ month: Dayjs; reason?: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [unlocking, setUnlocking] = useState<string | null>(null);
  const [unlockForm] = Form.useForm<{ reason: string }>();
  const zone = viewerTimeZone(user);

  const lock = async ({ month, reason }: { month: Dayjs; reason?: string }) => {
    setBusy(true);
    setError(null);
    try {
      await periodsApi.lock(month.format('YYYY-MM'), reason?.trim() ?? '');
      void message.success(t('periods.locked', { month: month.format('YYYY-MM') }));
      form.resetFields();
      locks.reload();
    } catch (e) {
      setError(errorMessage(t, e));
    } finally {
      setBusy(false);
    }
  };

  const unlock = async ({ reason }: { reason: string }) => {
    if (!unlocking) return;
    try {
      await periodsApi.unlock(unlocking, reason.trim());
      void message.success(t('periods.unlocked', { month: unlocking }));
      setUnlocking(null);
      unlockForm.resetFields();
      locks.reload();
    } catch (e) {
      unlockForm.setFields([{ name: 'reason', errors: [errorMessage(t, e)] }]);
    }
  };

  return (
    <Flex vertical gap={16} style={{ maxWidth: 880 }}>
      <Typography.Title level={1} className="wt-page-title" style={{ margin: 0 }}>
        {t('periods.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('periods.help')}
      </Typography.Paragraph>
      <Card title={t('periods.lockTitle')}>
        <Form
          form={form}
          layout="inline"
          name="lock-period"
          onFinish={(v) => void lock(v)}
          requiredMark={false}
        >
          <Form.Item name="month" rules={[{ required: true, message: t('periods.monthRequired') }]}>
            <DatePicker picker="month" placeholder={t('periods.month')} data-testid="lock-month" />
          </Form.Item>
          <Form.Item name="reason" rules={[{ max: 500 }]} style={{ minWidth: 240, flex: 1 }}>
            <Input placeholder={t('periods.reasonPlaceholder')} data-testid="lock-reason" />
          </Form.Item>
          <Button
            type="primary"
            htmlType="submit"
            icon={<LockOutlined />}
            loading={busy}
            data-testid="lock-submit"
          >
            {t('periods.lock')}
          </Button>
        </Form>
        <FormError message={error} />
      </Card>
      <div data-testid="period-locks">
        <ScrollFrame label={t('periods.title')}>
          <Table<PeriodLockView>
            rowKey="month"
            loading={locks.data === undefined && locks.error === undefined}
            dataSource={locks.data ?? []}
            pagination={false}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: t('periods.none') }}
            columns={[
              { title: t('periods.month'), dataIndex: 'month', render: (m: string) => <strong>{m}</strong> },
              { title: t('periods.reason'), dataIndex: 'reason', render: (r: string | null) => r ?? '—' },
              {
                title: t('periods.lockedBy'),
                render: (_, l) =>
                  `${l.lockedBy?.displayName ?? '—'} · ${shortDateTime(l.lockedAt, zone, currentLocale())}`,
              },
              {
                title: '',
                render: (_, l) => (
                  <Button
                    icon={<UnlockOutlined />}
                    onClick={() => setUnlocking(l.month)}
                    data-testid={`unlock-${l.month}`}
                  >
                    {t('periods.unlock')}
                  </Button>
                ),
              },
            ]}
          />
        </ScrollFrame>
      </div>
      <Modal
        open={unlocking !== null}
        title={t('periods.unlockTitle', { month: unlocking ?? '' })}
        okText={t('periods.unlock')}
        cancelText={t('common.cancel')}
        onOk={() => unlockForm.submit()}
        onCancel={() => setUnlocking(null)}
        destroyOnHidden
      >
        <Form
          form={unlockForm}
          layout="vertical"
          name="unlock-period"
          onFinish={(v) => void unlock(v)}
          requiredMark={false}
        >
          <Form.Item
            name="reason"
            label={t('periods.unlockReason')}
            rules={[
              { required: true, whitespace: true, message: t('periods.unlockReasonRequired') },
              { max: 500 },
            ]}
            extra={t('periods.unlockHelp')}
          >
            <Input.TextArea rows={3} data-testid="unlock-reason" />
          </Form.Item>
        </Form>
      </Modal>
    </Flex>
  );
}
