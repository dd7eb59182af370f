import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Flex, Segmented, Select, Space, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CoachingRecordRow } from '@wutong/shared';
import { errorMessage } from '../../shared/api/errors';
import { exportDay, exportFileName } from '../../shared/api/download';
import { formatNumber, rangeLabel } from '../../shared/format';
import { useCarriers } from '../../shared/useCarriers';
import { useLoad } from '../../shared/useLoad';
import { bookingsApi } from './api';

function RecordRow({ row }: { row: CoachingRecordRow }) {
  const { t, i18n } = useTranslation();
  const company = row.founder.companyName ? ` · ${row.founder.companyName}` : '';
  return (
    <Card size="small" data-testid="coaching-record-row">
      <Flex vertical gap={4}>
        <Flex justify="space-between" gap={8} wrap>
          <Typography.Text strong>
            {rangeLabel(row.startsAt, row.endsAt, row.timeZone, i18n.language)}
          </Typography.Text>
          {row.record ? (
            <Tag color="green">{t('records.written')}</Tag>
          ) : (
            <Tag color="orange">{t('records.missingTag')}</Tag>
          )}
        </Flex>
        <Typography.Text>
          {t('contests.mentor', { name: row.mentor.displayName })}
          {' · '}
          {t('contests.founder', { name: row.founder.displayName, company })}
        </Typography.Text>
        <Typography.Text type="secondary">{t('bookings.topicLine', { topic: row.topic })}</Typography.Text>
        {row.record && (
          <>
            <Typography.Paragraph
              style={{ margin: 0, whiteSpace: 'pre-wrap' }}
              ellipsis={{ rows: 3, expandable: true }}
            >
              {row.record.summary}
            </Typography.Paragraph>
            {row.record.actions.length > 0 && (
              <Typography.Text type="secondary">
                {t('records.actionsDone', {
                  done: formatNumber(row.record.actions.filter((a) => a.doneAt).length, i18n.language),
                  total: formatNumber(row.record.actions.length, i18n.language),
                })}
              </Typography.Text>
            )}
          </>
        )}
      </Flex>
    </Card>
  );
}

/**
 * /manage/coaching-records: the carrier's held mentoring sessions of the last 90 days with their
 * records, and those still without one (to remind the mentors); exported as CSV.
 */
export function CoachingRecordsPage() {
  const { t, i18n } = useTranslation();
  const { carriers, loading: carriersLoading } = useCarriers();
  const [picked, setPicked] = useState<string | null>(null);
  const [view, setView] = useState<'all' | 'missing'>('missing');
  const carrierId = picked ?? carriers[0]?.id ?? null;
  const { data, error, loading } = useLoad(carrierId ? `coaching-records-${carrierId}-${view}` : null, () =>
    bookingsApi.coachingRecords(carrierId!, view === 'missing'),
  );
  const carrier = carriers.find((c) => c.id === carrierId);
  const carrierName = carrier?.name ?? '';
  const carrierZone = carrier?.timeZone ?? 'Asia/Shanghai';
  return (
    <Flex vertical gap={16} style={{ maxWidth: 860 }}>
      <Typography.Title level={1} className="wt-page-title" style={{ margin: 0 }}>
        {t('records.title')}
      </Typography.Title>
      <Typography.Text type="secondary">{t('records.subtitle')}</Typography.Text>
      <Space wrap>
        {carriers.length > 1 && (
          <Select
            value={carrierId}
            onChange={setPicked}
            options={carriers.map((c) => ({ value: c.id, label: c.name }))}
            style={{ minWidth: 220 }}
            aria-label={t('records.carrier')}
          />
        )}
        <Segmented
          value={view}
          onChange={(v) => setView(v as 'all' | 'missing')}
          options={[
            { value: 'missing', label: t('records.missing') },
            { value: 'all', label: t('records.all') },
          ]}
        />
        {carrierId &&
          (['xlsx', 'csv'] as const).map((format) => (
            <Button
              key={format}
              icon={<DownloadOutlined />}
              onClick={() =>
                void bookingsApi.downloadCoachingRecords(
                  carrierId,
                  format,
                  exportFileName(
                    [t('records.fileName'), carrierName, exportDay(new Date(), carrierZone)],
                    format,
                  ),
                )
              }
              data-testid={`records-${format}`}
            >
              {t(`records.${format}`)}
            </Button>
          ))}
      </Space>
      {error ? (
        <Alert type="error" showIcon title={errorMessage(t, error)} />
      ) : carriersLoading || (loading && !data) ? (
        <Spin />
      ) : !data?.items.length ? (
        <Empty description={t(view === 'missing' ? 'records.noneMissing' : 'records.none')} />
      ) : (
        <>
          {view === 'all' && (
            <Typography.Text data-testid="records-summary">
              {t('records.summary', {
                total: formatNumber(data.items.length, i18n.language),
                missing: formatNumber(data.missing, i18n.language),
              })}
            </Typography.Text>
          )}
          {data.items.map((row) => (
            <RecordRow key={row.bookingId} row={row} />
          ))}
        </>
      )}
    </Flex>
  );
}
