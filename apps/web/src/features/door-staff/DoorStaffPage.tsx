import { Alert, Empty, Flex, Select, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../shared/api/errors';
import { useAuth } from '../../shared/session/auth-context';
import { useLoad } from '../../shared/useLoad';
import { doorStaffApi } from './api';
import { DoorStaffCard } from './DoorStaffCard';

/** Organizers name their carriers' door staff; admins pick any carrier. */
export function DoorStaffPage() {
  const { t } = useTranslation();
  const { user } = useAuth();
  const admin = user?.roles.includes('admin') ?? false;
  const all = useLoad(admin ? 'carriers' : null, () => doorStaffApi.carriers());
  const carriers = admin ? (all.data ?? []) : (user?.organizations ?? []);
  const [picked, setPicked] = useState<string | null>(null);
  const shown = admin ? carriers.filter((c) => c.id === (picked ?? carriers[0]?.id)) : carriers;

  return (
    <Flex vertical gap={16} className="wt-page-wide" data-testid="door-staff-page">
      <div>
        <Typography.Title level={1} className="wt-page-title" style={{ margin: 0 }}>
          {t('doorStaff.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
          {t('doorStaff.intro')}
        </Typography.Paragraph>
      </div>
      {all.error !== undefined && <Alert type="error" showIcon title={errorMessage(t, all.error)} />}
      {admin && (
        <Select
          value={picked ?? carriers[0]?.id}
          onChange={setPicked}
          options={carriers.map((c) => ({ value: c.id, label: c.name }))}
          loading={all.loading}
          aria-label={t('doorStaff.pickCarrier')}
          style={{ maxWidth: 420 }}
        />
      )}
      {shown.length === 0 && !all.loading && <Empty description={t('doorStaff.noCarriers')} />}
      {shown.map((c) => (
        <DoorStaffCard key={c.id} carrierId={c.id} carrierName={c.name} />
      ))}
    </Flex>
  );
}
