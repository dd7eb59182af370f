import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Empty, Flex, Spin, Table, Tabs, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import type {
  CompanyCertificateEntry,
  CompanyEventEntry,
  CompanyMentoringEntry,
  CompanyVisitEntry,
} from '@wutong/shared';
import { errorMessage } from '../../shared/api/errors';
import { exportFileName } from '../../shared/api/download';
import { formatDate, formatDateTime, formatNumber } from '../../shared/format';
import { ScrollFrame } from '../../shared/ScrollHint';
import { useLoad } from '../../shared/useLoad';
import { companiesApi } from './api';

function Section<T extends object>({
  label,
  rows,
  columns,
  rowKey,
}: {
  label: string;
  rows: T[];
  columns: ColumnsType<T>;
  rowKey: (row: T, i?: number) => string;
}): ReactNode {
  const { t } = useTranslation();
  if (rows.length === 0) return <Empty description={t('companyFile.nothing')} />;
  return (
    <ScrollFrame label={label}>
      <Table<T>
        size="small"
        rowKey={rowKey}
        dataSource={rows}
        columns={columns}
        pagination={{ pageSize: 20 }}
      />
    </ScrollFrame>
  );
}

/**
 * /companies/:creditCode: one file per company (一企一档) — what its people received across carriers,
 * each date in the zone of the carrier (or the mentor) where it happened. Staff and its members.
 */
export function CompanyFilePage() {
  const { t, i18n } = useTranslation();
  const { creditCode = '' } = useParams();
  const { data, error, loading } = useLoad(`company-file-${creditCode}`, () =>
    companiesApi.record(creditCode),
  );
  const lang = i18n.language;
  if (error) return <Alert type="error" showIcon title={errorMessage(t, error)} />;
  if (loading || !data) return <Spin />;
  const { company } = data;
  const events: ColumnsType<CompanyEventEntry> = [
    { title: t('companyFile.when'), render: (_, r) => formatDateTime(r.startsAt, r.timeZone, lang) },
    { title: t('companyFile.event'), dataIndex: 'title' },
    { title: t('companyFile.carrier'), dataIndex: 'carrier' },
    { title: t('companyFile.person'), dataIndex: 'person' },
    { title: t('companyFile.status'), render: (_, r) => t(`registrationStatus.${r.status}`) },
  ];
  const visits: ColumnsType<CompanyVisitEntry> = [
    {
      title: t('companyFile.session'),
      render: (_, r) => formatDateTime(r.sessionStartsAt, r.timeZone, lang),
    },
    { title: t('companyFile.event'), dataIndex: 'title' },
    { title: t('companyFile.carrier'), dataIndex: 'carrier' },
    {
      title: t('companyFile.person'),
      render: (_, r) => (
        <>
          {r.person} {r.walkIn && <Tag>{t('companyFile.walkIn')}</Tag>}
        </>
      ),
    },
  ];
  const mentoring: ColumnsType<CompanyMentoringEntry> = [
    { title: t('companyFile.when'), render: (_, r) => formatDateTime(r.startsAt, r.timeZone, lang) },
    { title: t('companyFile.mentor'), dataIndex: 'mentor' },
    { title: t('companyFile.founder'), dataIndex: 'founder' },
    { title: t('companyFile.topic'), dataIndex: 'topic' },
    { title: t('companyFile.status'), render: (_, r) => t(`bookingStatus.${r.status}`) },
    { title: t('companyFile.record'), render: (_, r) => r.summary ?? '—' },
  ];
  const certificates: ColumnsType<CompanyCertificateEntry> = [
    { title: t('companyFile.serial'), dataIndex: 'serial' },
    { title: t('companyFile.event'), dataIndex: 'title' },
    { title: t('companyFile.carrier'), dataIndex: 'carrier' },
    { title: t('companyFile.holder'), dataIndex: 'holder' },
    { title: t('companyFile.hours'), render: (_, r) => formatNumber(r.hours, lang) },
    { title: t('companyFile.issued'), render: (_, r) => formatDate(r.issuedAt, 'Asia/Shanghai', lang) },
  ];
  const count = (n: number) => formatNumber(n, lang);
  return (
    <Flex vertical gap={16} style={{ maxWidth: 1100 }}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={1} className="wt-page-title" style={{ margin: 0 }}>
          {t('companyFile.title', { name: company.name })}
        </Typography.Title>
        <Button
          icon={<DownloadOutlined />}
          onClick={() =>
            void companiesApi.downloadRecord(
              creditCode,
              exportFileName([t('companyFile.fileName'), company.name], 'xlsx'),
            )
          }
          data-testid="company-file-xlsx"
        >
          {t('companyFile.xlsx')}
        </Button>
      </Flex>
      <Card size="small">
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, md: 4 }}
          items={[
            { key: 'code', label: t('companyFile.creditCode'), children: company.creditCode },
            { key: 'events', label: t('companyFile.tabs.events'), children: count(data.events.length) },
            { key: 'visits', label: t('companyFile.tabs.visits'), children: count(data.visits.length) },
            {
              key: 'mentoring',
              label: t('companyFile.tabs.mentoring'),
              children: count(data.mentoring.length),
            },
          ]}
        />
      </Card>
      <Tabs
        items={[
          {
            key: 'visits',
            label: t('companyFile.tabs.visits'),
            children: (
              <Section
                label={t('companyFile.tabs.visits')}
                rows={data.visits}
                columns={visits}
                rowKey={(r) => `${r.eventId}-${r.sessionStartsAt}-${r.person}`}
              />
            ),
          },
          {
            key: 'events',
            label: t('companyFile.tabs.events'),
            children: (
              <Section
                label={t('companyFile.tabs.events')}
                rows={data.events}
                columns={events}
                rowKey={(r) => `${r.eventId}-${r.person}`}
              />
            ),
          },
          {
            key: 'mentoring',
            label: t('companyFile.tabs.mentoring'),
            children: (
              <Section
                label={t('companyFile.tabs.mentoring')}
                rows={data.mentoring}
                columns={mentoring}
                rowKey={(r) => r.bookingId}
              />
            ),
          },
          {
            key: 'certificates',
            label: t('companyFile.tabs.certificates'),
            children: (
              <Section
                label={t('companyFile.tabs.certificates')}
                rows={data.certificates}
                columns={certificates}
                rowKey={(r) => r.serial}
              />
            ),
          },
        ]}
      />
    </Flex>
  );
}
