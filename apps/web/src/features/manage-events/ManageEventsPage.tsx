import { Alert, Button, Empty, Flex, Input, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { EVENT_STATUSES } from '@wutong/shared';
import type { EventStatus, EventSummary, ManagedEventListQuery } from '@wutong/shared';
import { errorMessage } from '../../shared/api/errors';
import { manageEventsApi } from '../events/api';
import { EventStatusTag, EventTypeTag } from '../events/EventTags';
import { formatRange, formatNumber } from '../../shared/format';
import { useLoad } from '../../shared/useLoad';
import { currentLocale } from '../../shared/i18n/index';
import { useCarriers } from '../../shared/useCarriers';
import { useListParams } from '../../shared/useListParams';
import { DuplicateDialog } from './DuplicateDialog';

const PAGE_SIZE = 20;

/** 活动管理: every event of the carriers I organize, any status. */
export function ManageEventsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const locale = currentLocale();
  const [params, set] = useListParams();
  const { carriers, loading: carriersLoading } = useCarriers();
  const organizationId = params.get('organizationId') ?? undefined;
  const statusParam = params.get('status');
  const status = (EVENT_STATUSES as readonly string[]).includes(statusParam ?? '')
    ? (statusParam as EventStatus)
    : undefined;
  const q = params.get('q') ?? undefined;
  const page = Math.max(1, Number(params.get('page')) || 1);

  // Upcoming by default (from today on); "all" reaches back through the carrier's history.
  const all = params.get('when') === 'all';
  const query: ManagedEventListQuery = {
    organizationId,
    status,
    q,
    from: all ? '2000-01-01T00:00:00.000Z' : dayjs().startOf('day').toISOString(),
    page,
    pageSize: PAGE_SIZE,
  };
  const list = useLoad(JSON.stringify(query), () => manageEventsApi.list(query));
  const [duplicating, setDuplicating] = useState<EventSummary | null>(null);

  const columns: TableColumnsType<EventSummary> = [
    {
      title: t('manageEvents.columns.title'),
      dataIndex: 'title',
      render: (_v, event) => (
        <Flex vertical gap={2}>
          <Link to={`/manage/events/${event.id}`} data-testid="managed-event-link">
            {event.title}
          </Link>
          <span>
            <EventTypeTag type={event.type} />
            <EventStatusTag status={event.status} />
            {event.seriesId && (
              <Tag color="geekblue" data-testid="series-tag">
                {t('organizerTools.series.tag')}
              </Tag>
            )}
          </span>
        </Flex>
      ),
    },
    {
      title: t('manageEvents.columns.when'),
      dataIndex: 'startsAt',
      render: (_v, event) => formatRange(event.startsAt, event.endsAt, event.timeZone, locale),
    },
    {
      title: t('manageEvents.columns.carrier'),
      dataIndex: 'organizationName',
      responsive: ['lg'],
    },
    {
      title: t('manageEvents.columns.seats'),
      dataIndex: 'seatsTaken',
      align: 'right',
      responsive: ['md'],
      render: (_v, event) =>
        `${formatNumber(event.seatsTaken, locale)} / ${formatNumber(event.capacity, locale)}`,
    },
    {
      title: t('manageEvents.columns.quick'),
      key: 'quick',
      render: (_v, event) => (
        <Space size={4} wrap data-testid="quick-links">
          <Link to={`/manage/events/${event.id}#registrants`}>{t('manageEvents.quick.registrants')}</Link>
          {event.status !== 'draft' && event.status !== 'cancelled' && (
            <Link to={`/check-in?event=${event.id}`}>{t('manageEvents.quick.door')}</Link>
          )}
          {event.status !== 'draft' && (
            <Link to={`/manage/events/${event.id}/attendance`}>{t('manageEvents.quick.attendance')}</Link>
          )}
          <Button
            type="link"
            size="small"
            style={{ padding: 0, height: 'auto' }}
            onClick={() => setDuplicating(event)}
            data-testid="quick-duplicate"
          >
            {t('organizerTools.duplicate.action')}
          </Button>
        </Space>
      ),
    },
  ];

  const newEvent = () =>
    navigate(`/manage/events/new${organizationId ? `?organizationId=${organizationId}` : ''}`);

  return (
    <Flex vertical gap={16} className="wt-page-wide">
      <Flex justify="space-between" align="center" gap={8} wrap>
        <Typography.Title level={1} className="wt-page-title" style={{ margin: 0 }}>
          {t('manageEvents.title')}
        </Typography.Title>
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => void newEvent()}
          data-testid="new-event"
        >
          {t('manageEvents.newEvent')}
        </Button>
      </Flex>
      <Flex gap={8} wrap>
        <Segmented
          value={all ? 'all' : 'upcoming'}
          onChange={(v) => set({ when: v === 'all' ? 'all' : undefined })}
          options={[
            { value: 'upcoming', label: t('manageEvents.upcoming') },
            { value: 'all', label: t('manageEvents.allTime') },
          ]}
        />
        {carriers.length > 1 && (
          <Select<string>
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            loading={carriersLoading}
            placeholder={t('manageEvents.allCarriers')}
            aria-label={t('manageEvents.allCarriers')}
            value={organizationId}
            onChange={(v) => set({ organizationId: v })}
            options={carriers.map((c) => ({ value: c.id, label: c.name }))}
            className="wt-filter-select"
            data-testid="manage-carrier"
          />
        )}
        <Select<EventStatus>
          allowClear
          placeholder={t('manageEvents.allStatuses')}
          aria-label={t('manageEvents.allStatuses')}
          value={status}
          onChange={(v) => set({ status: v })}
          options={EVENT_STATUSES.map((s) => ({ value: s, label: t(`eventStatus.${s}`) }))}
          className="wt-filter-select"
        />
        <Input.Search
          allowClear
          defaultValue={q}
          placeholder={t('events.searchPlaceholder')}
          aria-label={t('events.searchPlaceholder')}
          onSearch={(v) => set({ q: v.trim() || undefined })}
          className="wt-filter-search"
        />
      </Flex>
      {list.error !== undefined && <Alert type="error" showIcon title={errorMessage(t, list.error)} />}
      <Table<EventSummary>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.loading}
        locale={{ emptyText: <Empty description={t('manageEvents.empty')} /> }}
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: list.data?.total ?? 0,
          showSizeChanger: false,
          hideOnSinglePage: true,
          onChange: (p) => set({ page: p > 1 ? String(p) : undefined }),
        }}
        data-testid="managed-events"
      />
      {duplicating && <DuplicateDialog event={duplicating} onClose={() => setDuplicating(null)} />}
    </Flex>
  );
}
