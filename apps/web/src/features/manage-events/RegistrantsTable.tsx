import { App, Button, Flex, Select, Space, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { REGISTRATION_STATUSES } from '@wutong/shared';
import type { EventView, RegistrantView, RegistrationStatus, RegistrationView } from '@wutong/shared';
import { errorMessage } from '../../shared/api/errors';
import { manageEventsApi } from '../events/api';
import { RegistrationStatusTag } from '../events/EventTags';
import { formatDateTime } from '../../shared/format';
import { useLoad } from '../../shared/useLoad';
import { currentLocale } from '../../shared/i18n/index';
import { Answers } from './Answers';

interface Props {
  event: EventView;
  /** After an action that moves seats: the page reloads the event's counters. */
  onSeatsChanged: () => void;
}

/** Who registered, with their answers; approve, reject or cancel. */
export function RegistrantsTable({ event, onSeatsChanged }: Props) {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const locale = currentLocale();
  const [status, setStatus] = useState<RegistrationStatus | undefined>();
  const [busy, setBusy] = useState<string | null>(null);
  const list = useLoad(`${event.id}:${status ?? ''}`, () => manageEventsApi.registrants(event.id, status));

  const act = async (id: string, action: () => Promise<RegistrationView>, done: string) => {
    setBusy(id);
    try {
      await action();
      void message.success(t(done));
      list.reload();
      onSeatsChanged();
    } catch (e) {
      void message.error(errorMessage(t, e));
    } finally {
      setBusy(null);
    }
  };

  const cancel = (r: RegistrantView) =>
    modal.confirm({
      title: t('manageEvents.cancelRegistrationTitle'),
      content: t('manageEvents.cancelRegistrationText', { name: r.user.displayName }),
      okText: t('manageEvents.cancelRegistration'),
      okButtonProps: { danger: true },
      cancelText: t('registrations.keep'),
      onOk: () =>
        act(r.id, () => manageEventsApi.cancelRegistration(r.id), 'manageEvents.registrationCancelled'),
    });

  const columns: TableColumnsType<RegistrantView> = [
    {
      title: t('manageEvents.columns.person'),
      key: 'person',
      render: (_v, r) => (
        <Flex vertical>
          <Typography.Text strong>{r.user.displayName}</Typography.Text>
          {r.user.companyName && <Typography.Text type="secondary">{r.user.companyName}</Typography.Text>}
        </Flex>
      ),
    },
    {
      title: t('manageEvents.columns.contact'),
      key: 'contact',
      responsive: ['md'],
      render: (_v, r) => (
        <Flex vertical>
          <span>{r.user.email}</span>
          {r.user.phone && <span>{r.user.phone}</span>}
        </Flex>
      ),
    },
    {
      title: t('manageEvents.columns.status'),
      key: 'status',
      render: (_v, r) => (
        <>
          <RegistrationStatusTag status={r.status} />
          {r.status === 'waitlisted' && r.waitlistPosition !== null && `#${r.waitlistPosition}`}
        </>
      ),
    },
    {
      title: t('manageEvents.columns.registeredAt'),
      key: 'createdAt',
      responsive: ['lg'],
      render: (_v, r) => formatDateTime(r.createdAt, event.timeZone, locale),
    },
    {
      title: t('manageEvents.columns.actions'),
      key: 'actions',
      render: (_v, r) => (
        <Space size={4} wrap>
          {r.status === 'pending_approval' && (
            <>
              <Button
                size="small"
                type="primary"
                loading={busy === r.id}
                onClick={() => void act(r.id, () => manageEventsApi.approve(r.id), 'manageEvents.approved')}
                data-testid="approve"
              >
                {t('manageEvents.approve')}
              </Button>
              <Button
                size="small"
                loading={busy === r.id}
                onClick={() => void act(r.id, () => manageEventsApi.reject(r.id), 'manageEvents.rejected')}
                data-testid="reject"
              >
                {t('manageEvents.reject')}
              </Button>
            </>
          )}
          {['confirmed', 'waitlisted', 'pending_approval'].includes(r.status) && (
            <Button size="small" danger type="text" onClick={() => cancel(r)} data-testid="cancel-registrant">
              {t('manageEvents.cancelRegistration')}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <Flex vertical gap={12}>
      <Flex gap={8} align="center" wrap>
        <Select<RegistrationStatus>
          allowClear
          placeholder={t('manageEvents.allRegistrations')}
          aria-label={t('manageEvents.allRegistrations')}
          value={status}
          onChange={setStatus}
          options={REGISTRATION_STATUSES.map((s) => ({ value: s, label: t(`registrationStatus.${s}`) }))}
          className="wt-filter-select"
          data-testid="registrant-status-filter"
        />
        {list.data && (
          <Typography.Text type="secondary">
            {t('manageEvents.registrantCount', { count: list.data.length })}
          </Typography.Text>
        )}
      </Flex>
      {list.error !== undefined && (
        <Typography.Text type="danger">{errorMessage(t, list.error)}</Typography.Text>
      )}
      <Table<RegistrantView>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={list.data ?? []}
        loading={list.loading}
        pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
        expandable={{
          expandedRowRender: (r) => (
            <Flex vertical gap={8}>
              <span className="wt-show-xs">
                {r.user.email}
                {r.user.phone && ` · ${r.user.phone}`}
              </span>
              <Answers questions={event.questions} answers={r.answers} />
            </Flex>
          ),
        }}
        locale={{ emptyText: t('manageEvents.noRegistrants') }}
        data-testid="registrants"
      />
    </Flex>
  );
}
