import { Alert, Empty, List, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DeliveryCounts, EventMessageView } from '@wutong/shared';
import { errorMessage } from '../../shared/api/errors';
import { shortDateTime } from '../../shared/format';
import { currentLocale } from '../../shared/i18n/index';
import type { Loaded } from '../../shared/useLoad';

/** The messages sent for the event, newest first, with how many went out, failed or wait. */
export function SentMessages({ loaded, timeZone }: { loaded: Loaded<EventMessageView[]>; timeZone: string }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  if (loaded.error !== undefined)
    return <Alert type="error" showIcon title={errorMessage(t, loaded.error)} />;
  const counts = (c: DeliveryCounts) =>
    t('eventMessages.counts', { sent: c.sent, failed: c.failed, pending: c.pending });
  return (
    <List
      size="small"
      loading={!loaded.data}
      data-testid="sent-messages"
      locale={{ emptyText: <Empty description={t('eventMessages.none')} /> }}
      dataSource={loaded.data ?? []}
      renderItem={(m) => (
        <List.Item key={m.id}>
          <Space direction="vertical" size={2} style={{ width: '100%' }}>
            <Space wrap size={4}>
              <Typography.Text strong>{m.subject}</Typography.Text>
              <Tag>{t(`eventMessages.segments.${m.segment}`)}</Tag>
            </Space>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('eventMessages.sentBy', {
                who: m.sender?.displayName ?? t('eventMessages.someone'),
                when: shortDateTime(m.createdAt, timeZone, locale),
                count: m.recipients,
              })}
            </Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {m.channels.includes('email') && `${t('eventMessages.email')}: ${counts(m.email)}`}
              {m.channels.length > 1 && ' · '}
              {m.channels.includes('sms') && `${t('eventMessages.sms')}: ${counts(m.sms)}`}
            </Typography.Text>
          </Space>
        </List.Item>
      )}
    />
  );
}
