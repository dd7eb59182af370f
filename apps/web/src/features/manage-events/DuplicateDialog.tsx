import { Alert, App, Form, Modal, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import type { EventSummary } from '@wutong/shared';
import { errorMessage } from '../../shared/api/errors';
import { instantToWallClock, wallClockToInstant, zoneName } from '../../shared/format';
import { currentLocale } from '../../shared/i18n/index';
import { manageEventsApi } from '../events/api';
import { DateTimeInput } from './DateTimeInput';

/** 复制: one field, the new first start (a week later by default); opens the new draft. */
export function DuplicateDialog({
  event,
  onClose,
}: {
  event: Pick<EventSummary, 'id' | 'title' | 'startsAt' | 'timeZone'>;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<{ startsAt: Dayjs }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async ({ startsAt }: { startsAt: Dayjs }) => {
    setBusy(true);
    setError(null);
    try {
      const copy = await manageEventsApi.duplicate(event.id, wallClockToInstant(startsAt, event.timeZone));
      void message.success(t('organizerTools.duplicate.done'));
      onClose();
      void navigate(`/manage/events/${copy.id}`);
    } catch (e) {
      setError(errorMessage(t, e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={t('organizerTools.duplicate.title', { title: event.title })}
      okText={t('organizerTools.duplicate.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'confirm-duplicate' } as never}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form
        form={form}
        layout="vertical"
        name="duplicate"
        requiredMark={false}
        initialValues={{ startsAt: instantToWallClock(event.startsAt, event.timeZone).add(7, 'day') }}
        onFinish={(v) => void submit(v)}
      >
        <Form.Item
          name="startsAt"
          label={t('organizerTools.duplicate.startsAt')}
          rules={[{ required: true, message: t('organizerTools.duplicate.required') }]}
          extra={
            <Typography.Text type="secondary">
              {t('organizerTools.duplicate.startsAtHint', {
                zone: zoneName(event.timeZone, currentLocale()),
              })}
            </Typography.Text>
          }
        >
          <DateTimeInput data-testid="duplicate-starts-at" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
