import { Alert, App, Button, Card, Flex, Select, Spin, Table, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import type { LedgerMonth } from '@wutong/shared';
import { errorMessage } from '../../shared/api/errors';
import { mentorsApi } from './api';
import { useLoad } from '../../shared/useLoad';
import { exportFileName } from '../../shared/api/download';
import { ScrollFrame } from '../../shared/ScrollHint';

/** Per month: sessions held, hours, no-shows, average rating; CSV for honorarium statements. */
export function LedgerPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(thisYear);
  const { data, error } = useLoad(`ledger:${id}:${year}`, () => mentorsApi.ledger(id, year));
  if (error) return <Alert type="error" showIcon title={errorMessage(t, error)} />;
  const rows: (LedgerMonth & { key: string; label: string })[] = data
    ? [
        ...data.months.map((m) => ({ ...m, key: String(m.month), label: t('ledger.month', { n: m.month }) })),
        { ...data.total, month: 13, key: 'total', label: t('ledger.total') },
      ]
    : [];
  return (
    <Flex vertical gap={16} style={{ maxWidth: 860 }}>
      <Typography.Title level={1} className="wt-page-title" style={{ margin: 0 }}>
        {t('ledger.title')}
        {data ? ` · ${data.displayName}` : ''}
      </Typography.Title>
      <Flex gap={8} wrap>
        <Select
          value={year}
          onChange={setYear}
          aria-label={t('ledger.year')}
          options={[0, 1, 2, 3].map((i) => ({ value: thisYear - i, label: String(thisYear - i) }))}
          style={{ width: 110 }}
        />
        <Button
          icon={<DownloadOutlined />}
          onClick={() =>
            mentorsApi
              .downloadLedgerCsv(
                id,
                year,
                exportFileName([t('ledger.exportName'), data?.displayName, year], 'csv'),
              )
              .catch((e: unknown) => void message.error(errorMessage(t, e)))
          }
        >
          {t('ledger.csv')}
        </Button>
      </Flex>
      <Card size="small">
        {!data ? (
          <Spin />
        ) : (
          <ScrollFrame label={t('ledger.title')}>
            <Table
              size="small"
              pagination={false}
              dataSource={rows}
              scroll={{ x: 480 }}
              rowClassName={(r) => (r.key === 'total' ? 'wt-total-row' : '')}
              columns={[
                { title: t('ledger.monthCol'), dataIndex: 'label' },
                { title: t('ledger.sessions'), dataIndex: 'sessions', align: 'right' },
                { title: t('ledger.hours'), dataIndex: 'hours', align: 'right' },
                { title: t('ledger.noShows'), dataIndex: 'noShows', align: 'right' },
                {
                  title: t('ledger.rating'),
                  dataIndex: 'averageRating',
                  align: 'right',
                  render: (v: number | null, r) => (v === null ? '—' : `${v} (${r.ratings})`),
                },
              ]}
            />
          </ScrollFrame>
        )}
      </Card>
    </Flex>
  );
}
