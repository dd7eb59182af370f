import { Alert, App, Button, Card, Flex, List, Typography } from 'antd';
import { SendOutlined, StopOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { SeriesView } from '@wutong/shared';
import { errorMessage } from '../../shared/api/errors';
import { formatRange } from '../../shared/format';
import { currentLocale } from '../../shared/i18n/index';
import { useLoad } from '../../shared/useLoad';
import { EventStatusTag } from '../events/EventTags';
import { manageEventsApi } from '../events/api';

/** The events of the series this event belongs to, with publishing or cancelling all its drafts. */
export function SeriesCard({
  seriesId,
  currentId,
  onChanged,
}: {
  seriesId: string;
  currentId: string;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const locale = currentLocale();
  const loaded = useLoad<SeriesView>(seriesId, () => manageEventsApi.series(seriesId));
  const [busy, setBusy] = useState<string | null>(null);
  const items = loaded.data?.items ?? [];
  const drafts = items.filter((e) => e.status === 'draft').length;

  const run = (what: 'publish' | 'cancel') => async () => {
    setBusy(what);
    try {
      loaded.setData(
        await (what === 'publish'
          ? manageEventsApi.publishSeries(seriesId)
          : manageEventsApi.cancelSeries(seriesId)),
      );
      void message.success(
        t(what === 'publish' ? 'organizerTools.series.publishedAll' : 'organizerTools.series.cancelledAll'),
      );
      onChanged();
    } catch (e) {
      void message.error(errorMessage(t, e));
    } finally {
      setBusy(null);
    }
  };

  const confirm = (what: 'publish' | 'cancel') =>
    modal.confirm({
      title: t(`organizerTools.series.${what}AllTitle`),
      content: t(`organizerTools.series.${what}AllText`, { count: drafts }),
      okText: t(`organizerTools.series.${what}All`),
      okButtonProps: { danger: what === 'cancel', 'data-testid': `confirm-series-${what}` } as never,
      cancelText: t('organizerTools.series.keep'),
      onOk: run(what),
    });

  return (
    <Card
      size="small"
      title={t('organizerTools.series.card', { count: items.length })}
      data-testid="series-card"
      extra={
        drafts > 0 && (
          <Flex gap={8} wrap>
            <Button
              size="small"
              icon={<SendOutlined />}
              loading={busy === 'publish'}
              onClick={() => confirm('publish')}
              data-testid="series-publish"
            >
              {t('organizerTools.series.publishAll')}
            </Button>
            <Button
              size="small"
              danger
              icon={<StopOutlined />}
              loading={busy === 'cancel'}
              onClick={() => confirm('cancel')}
              data-testid="series-cancel"
            >
              {t('organizerTools.series.cancelAll')}
            </Button>
          </Flex>
        )
      }
    >
      {loaded.error !== undefined && <Alert type="error" showIcon title={errorMessage(t, loaded.error)} />}
      <List
        size="small"
        loading={loaded.loading}
        dataSource={items}
        renderItem={(e) => (
          <List.Item data-testid="series-item">
            <Flex gap={8} wrap align="center">
              <EventStatusTag status={e.status} />
              {e.id === currentId ? (
                <Typography.Text strong>
                  {formatRange(e.startsAt, e.endsAt, e.timeZone, locale)} ·{' '}
                  {t('organizerTools.series.current')}
                </Typography.Text>
              ) : (
                <Link to={`/manage/events/${e.id}`}>
                  {formatRange(e.startsAt, e.endsAt, e.timeZone, locale)}
                </Link>
              )}
            </Flex>
          </List.Item>
        )}
      />
    </Card>
  );
}
