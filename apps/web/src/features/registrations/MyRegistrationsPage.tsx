import { Alert, Button, Col, Empty, Flex, Row, Segmented, Skeleton, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { MyRegistrationView } from '@wutong/shared';
import { errorMessage } from '../../shared/api/errors';
import { myRegistrationsApi } from '../events/api';
import { useLoad } from '../../shared/useLoad';
import { RegistrationCard } from './RegistrationCard';

type Show = 'upcoming' | 'past';

function isUpcoming(r: MyRegistrationView): boolean {
  return new Date(r.event.endsAt) >= new Date();
}

/** 我的报名: upcoming first (soonest on top), past ones behind a switch. */
export function MyRegistrationsPage() {
  const { t } = useTranslation();
  const [show, setShow] = useState<Show>('upcoming');
  const loaded = useLoad('mine', () => myRegistrationsApi.list());
  const all = loaded.data ?? [];
  const shown = all
    .filter((r) => (show === 'upcoming' ? isUpcoming(r) : !isUpcoming(r)))
    .sort((a, b) =>
      show === 'upcoming'
        ? a.event.startsAt.localeCompare(b.event.startsAt)
        : b.event.startsAt.localeCompare(a.event.startsAt),
    );

  return (
    <Flex vertical gap={16} className="wt-page-wide">
      <Flex justify="space-between" align="center" gap={8} wrap>
        <Typography.Title level={1} className="wt-page-title" style={{ margin: 0 }}>
          {t('registrations.title')}
        </Typography.Title>
        <Segmented<Show>
          value={show}
          onChange={setShow}
          options={[
            { value: 'upcoming', label: t('registrations.upcoming') },
            { value: 'past', label: t('registrations.past') },
          ]}
        />
      </Flex>
      {loaded.error !== undefined && (
        <Alert
          type="error"
          showIcon
          title={errorMessage(t, loaded.error)}
          action={<Button onClick={loaded.reload}>{t('common.retry')}</Button>}
        />
      )}
      {loaded.data === undefined && loaded.loading && <Skeleton active />}
      {loaded.data && shown.length === 0 && (
        <Empty description={t(show === 'upcoming' ? 'registrations.empty' : 'registrations.emptyPast')}>
          <Link to="/events">
            <Button type="primary">{t('registrations.findEvents')}</Button>
          </Link>
        </Empty>
      )}
      <Row gutter={[12, 12]}>
        {shown.map((registration, index) => (
          <Col key={registration.id} xs={24} md={12}>
            <RegistrationCard
              registration={registration}
              // The soonest ticket is open; the others fold to one line with their code, the QR a tap away.
              ticketOpen={index === 0}
              onChanged={(changed) => {
                loaded.setData(all.map((r) => (r.id === changed.id ? { ...r, ...changed } : r)));
              }}
            />
          </Col>
        ))}
      </Row>
    </Flex>
  );
}
