import { App, Button, Card, Empty, Flex, List, Popconfirm, Select, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CoHostView, EventView } from '@wutong/shared';
import { errorMessage } from '../../shared/api/errors';
import { useLoad } from '../../shared/useLoad';
import { doorStaffApi } from '../door-staff/api';

/**
 * Carriers co-hosting the event: their organizers and door staff work its door and read its
 * attendance (not its registrations or settings). The host's organizers add and remove them.
 */
export function CoHostsCard({ event }: { event: EventView }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [coHosts, setCoHosts] = useState<CoHostView[]>(event.coHosts);
  const carriers = useLoad('carriers', () => doorStaffApi.carriers());
  const [picked, setPicked] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const candidates = (carriers.data ?? []).filter(
    (c) => c.id !== event.organizationId && !coHosts.some((h) => h.organizationId === c.id),
  );

  const add = async () => {
    if (!picked) return;
    setBusy(true);
    try {
      setCoHosts(await doorStaffApi.addCoHost(event.id, picked));
      const name = carriers.data?.find((c) => c.id === picked)?.name ?? '';
      setPicked(null);
      void message.success(t('coHosts.added', { name }));
    } catch (e) {
      void message.error(errorMessage(t, e));
    } finally {
      setBusy(false);
    }
  };

  const remove = async (host: CoHostView) => {
    try {
      setCoHosts(await doorStaffApi.removeCoHost(event.id, host.organizationId));
      void message.success(t('coHosts.removed', { name: host.name }));
    } catch (e) {
      void message.error(errorMessage(t, e));
    }
  };

  return (
    <Card size="small" title={t('coHosts.title')} data-testid="co-hosts">
      <Typography.Paragraph type="secondary">{t('coHosts.hint')}</Typography.Paragraph>
      <List<CoHostView>
        dataSource={coHosts}
        locale={{
          emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('coHosts.empty')} />,
        }}
        renderItem={(host) => (
          <List.Item
            data-testid="co-host-row"
            actions={[
              <Popconfirm
                key="remove"
                title={t('coHosts.removeConfirm', { name: host.name })}
                okText={t('coHosts.remove')}
                okButtonProps={{ danger: true }}
                cancelText={t('common.cancel')}
                onConfirm={() => remove(host)}
              >
                <Button size="small" danger type="link">
                  {t('coHosts.remove')}
                </Button>
              </Popconfirm>,
            ]}
          >
            {host.name}
          </List.Item>
        )}
      />
      <Flex gap={8} wrap style={{ marginTop: 12 }}>
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          value={picked ?? undefined}
          onChange={setPicked}
          placeholder={t('coHosts.pick')}
          aria-label={t('coHosts.pick')}
          options={candidates.map((c) => ({ value: c.id, label: c.name }))}
          loading={carriers.loading}
          style={{ minWidth: 240, flex: 1 }}
          data-testid="co-host-pick"
        />
        <Button type="primary" onClick={() => void add()} disabled={!picked} loading={busy}>
          {t('coHosts.add')}
        </Button>
      </Flex>
    </Card>
  );
}
