import { App, Alert, Button, Empty, Flex, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrganizationView } from '@wutong/shared';
import { useLoad } from '../../shared/useLoad';
import { adminApi } from './api';
import { CarrierDrawer } from './CarrierDrawer';
import { CarrierFormModal } from './CarrierFormModal';
import { adminErrorMessage } from './messages';
import { SetupNotice } from './SetupNotice';
import { ScrollFrame } from '../../shared/ScrollHint';

type Editing = { mode: 'create' } | { mode: 'edit'; carrier: OrganizationView } | null;

/** /admin/carriers: every carrier, created and edited here, with its organizers and venues. */
export function CarriersPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const list = useLoad('carriers', () => adminApi.carriers());
  const [editing, setEditing] = useState<Editing>(null);
  const [openId, setOpenId] = useState<string | null>(null);
  const carriers = useMemo(() => list.data ?? [], [list.data]);
  const names = useMemo(() => new Map(carriers.map((c) => [c.id, c.name])), [carriers]);
  const open = carriers.find((c) => c.id === openId);

  const columns: TableColumnsType<OrganizationView> = [
    {
      title: t('admin.carriers.name'),
      dataIndex: 'name',
      render: (name: string, carrier) => (
        <Typography.Link onClick={() => setOpenId(carrier.id)} data-testid="carrier-link">
          {name}
        </Typography.Link>
      ),
    },
    {
      title: t('admin.carriers.kind'),
      dataIndex: 'kind',
      render: (kind: string) => <Tag>{t(`admin.kinds.${kind}`)}</Tag>,
    },
    { title: t('admin.carriers.timeZone'), dataIndex: 'timeZone' },
    {
      title: t('admin.carriers.parent'),
      dataIndex: 'parentId',
      render: (parentId: string | null) => (parentId ? (names.get(parentId) ?? '—') : '—'),
    },
    {
      title: t('admin.carriers.actions'),
      key: 'actions',
      render: (_: unknown, carrier) => (
        <Space size={0} wrap>
          <Button type="link" size="small" onClick={() => setOpenId(carrier.id)}>
            {t('admin.carriers.organizers')}
          </Button>
          <Button
            type="link"
            size="small"
            onClick={() => setEditing({ mode: 'edit', carrier })}
            data-testid="carrier-edit"
          >
            {t('admin.carriers.edit')}
          </Button>
        </Space>
      ),
    },
  ];

  return (
    <Flex vertical gap={16}>
      <SetupNotice />
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={1} className="wt-page-title" style={{ margin: 0 }}>
          {t('admin.carriers.title')}
        </Typography.Title>
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => setEditing({ mode: 'create' })}
          data-testid="carrier-create"
        >
          {t('admin.carriers.create')}
        </Button>
      </Flex>
      <Typography.Text type="secondary">{t('admin.carriers.intro')}</Typography.Text>
      {list.error !== undefined && <Alert type="error" showIcon title={adminErrorMessage(t, list.error)} />}
      <ScrollFrame label={t('admin.carriers.title')}>
        <Table<OrganizationView>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={carriers}
          loading={list.loading}
          scroll={{ x: 'max-content' }}
          pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
          locale={{ emptyText: <Empty description={t('admin.carriers.empty')} /> }}
          data-testid="carriers-table"
        />
      </ScrollFrame>
      {editing && (
        <CarrierFormModal
          carrier={editing.mode === 'edit' ? editing.carrier : undefined}
          carriers={carriers}
          onClose={(saved) => {
            const created = editing.mode === 'create';
            setEditing(null);
            if (!saved) return;
            list.setData(
              created ? [...carriers, saved] : carriers.map((c) => (c.id === saved.id ? saved : c)),
            );
            void message.success(
              t(created ? 'admin.carriers.created' : 'admin.carriers.saved', { name: saved.name }),
            );
            if (created) setOpenId(saved.id);
          }}
        />
      )}
      {open && <CarrierDrawer carrier={open} onClose={() => setOpenId(null)} />}
    </Flex>
  );
}
