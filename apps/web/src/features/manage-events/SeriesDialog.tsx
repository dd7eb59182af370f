import { Alert, App, Form, InputNumber, Modal, Radio, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  SERIES_MAX_COUNT,
  SERIES_MIN_COUNT,
  SERIES_RHYTHMS,
  type CreateSeriesRequest,
  type EventSummary,
  type SeriesView,
} from '@wutong/shared';
import { errorMessage } from '../../shared/api/errors';
import { manageEventsApi } from '../events/api';

/** 创建系列: how often and how many new drafts after the event. */
export function SeriesDialog({
  event,
  onClose,
  onCreated,
}: {
  event: Pick<EventSummary, 'id' | 'title'>;
  onClose: () => void;
  onCreated: (series: SeriesView) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<CreateSeriesRequest>();
  const every = Form.useWatch('every', form);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (body: CreateSeriesRequest) => {
    setBusy(true);
    setError(null);
    try {
      const series = await manageEventsApi.createSeries(event.id, body);
      void message.success(t('organizerTools.series.done', { count: body.count }));
      onCreated(series);
      onClose();
    } catch (e) {
      setError(errorMessage(t, e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={t('organizerTools.series.title', { title: event.title })}
      okText={t('organizerTools.series.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'confirm-series' } as never}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form
        form={form}
        layout="vertical"
        name="series"
        requiredMark={false}
        initialValues={{ every: 'week', count: 4 }}
        onFinish={(v) => void submit(v)}
      >
        <Form.Item name="every" label={t('organizerTools.series.every')}>
          <Radio.Group
            optionType="button"
            options={SERIES_RHYTHMS.map((r) => ({ value: r, label: t(`organizerTools.series.${r}`) }))}
            data-testid="series-every"
          />
        </Form.Item>
        <Form.Item
          name="count"
          label={t('organizerTools.series.count')}
          rules={[{ required: true, type: 'integer', min: SERIES_MIN_COUNT, max: SERIES_MAX_COUNT }]}
          extra={
            <Typography.Text type="secondary">
              {t('organizerTools.series.countHint', { min: SERIES_MIN_COUNT, max: SERIES_MAX_COUNT })}
              {every === 'month' && <> {t('organizerTools.series.monthHint')}</>}
            </Typography.Text>
          }
        >
          <InputNumber
            min={SERIES_MIN_COUNT}
            max={SERIES_MAX_COUNT}
            precision={0}
            data-testid="series-count"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
