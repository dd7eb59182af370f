import { App, Button, Flex, Input, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { ACCOUNT_STATUSES, ROLES } from '@wutong/shared';
import type { AccountListQuery, AccountStatus, AccountView, Role } from '@wutong/shared';
import { formatDate } from '../../shared/format';
import { currentLocale } from '../../shared/i18n/index';
import { ScrollFrame } from '../../shared/ScrollHint';
import { useAuth } from '../../shared/session/auth-context';
import { useLoad } from '../../shared/useLoad';
import { adminApi } from './api-accounts';
import { adminErrorMessage } from './messages';
import { useListParams } from '../../shared/useListParams';

const isRole = (v: string | null): v is Role => (ROLES as readonly string[]).includes(v ?? '');
const isStatus = (v: string | null): v is AccountStatus =>
  (ACCOUNT_STATUSES as readonly string[]).includes(v ?? '');

/** /admin/accounts: every account, searched and filtered; deactivate and reactivate with confirmation. */
export function AccountsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { user: me } = useAuth();
  const locale = currentLocale();
  const [params, set] = useListParams();
  const query: AccountListQuery = {
    q: params.get('q') ?? undefined,
    role: isRole(params.get('role')) ? (params.get('role') as Role) : undefined,
    status: isStatus(params.get('status')) ? (params.get('status') as AccountStatus) : undefined,
    page: Math.max(1, Number(params.get('page')) || 1),
  };
  const list = useLoad(JSON.stringify(query), () => adminApi.accounts(query));

  const toggle = async (account: AccountView) => {
    try {
      const saved = account.deactivatedAt
        ? await adminApi.reactivate(account.id)
        : await adminApi.deactivate(account.id);
      if (list.data)
        list.setData({ ...list.data, items: list.data.items.map((a) => (a.id === saved.id ? saved : a)) });
      void message.success(
        t(saved.deactivatedAt ? 'admin.accounts.deactivated' : 'admin.accounts.reactivated', {
          name: saved.displayName,
        }),
      );
    } catch (e) {
      void message.error(adminErrorMessage(t, e));
    }
  };

  const columns: TableColumnsType<AccountView> = [
    {
      title: t('admin.accounts.person'),
      key: 'person',
      render: (_, a) => (
        <Flex vertical>
          <Typography.Text strong>{a.displayName}</Typography.Text>
          <Typography.Text type="secondary">{a.email}</Typography.Text>
        </Flex>
      ),
    },
    { title: t('admin.accounts.phone'), dataIndex: 'phone', render: (v: string | null) => v ?? '—' },
    { title: t('admin.accounts.company'), dataIndex: 'companyName', render: (v: string | null) => v ?? '—' },
    {
      title: t('admin.accounts.roles'),
      key: 'roles',
      render: (_, a) => (
        <Space size={[4, 4]} wrap>
          {a.roles.map((role) => (
            <Tag key={role} color={role === 'founder' ? 'green' : 'blue'}>
              {t(`role.${role}`)}
            </Tag>
          ))}
        </Space>
      ),
    },
    {
      title: t('admin.accounts.since'),
      dataIndex: 'createdAt',
      render: (v: string) => formatDate(v, 'Asia/Shanghai', locale),
    },
    {
      title: t('admin.accounts.status'),
      key: 'status',
      render: (_, a) =>
        a.deactivatedAt ? (
          <Tag color="red" data-testid="account-status">
            {t('admin.accounts.statusDeactivated')}
          </Tag>
        ) : (
          <Tag color="green" data-testid="account-status">
            {t('admin.accounts.statusActive')}
          </Tag>
        ),
    },
    {
      title: t('admin.accounts.action'),
      key: 'action',
      render: (_, a) =>
        a.id === me?.id ? null : (
          <Popconfirm
            title={t(
              a.deactivatedAt ? 'admin.accounts.reactivateConfirm' : 'admin.accounts.deactivateConfirm',
              {
                name: a.displayName,
              },
            )}
            okText={t(a.deactivatedAt ? 'admin.accounts.reactivate' : 'admin.accounts.deactivate')}
            cancelText={t('common.cancel')}
            okButtonProps={{ danger: !a.deactivatedAt, 'data-testid': 'account-toggle-confirm' } as never}
            onConfirm={() => toggle(a)}
          >
            <Button size="small" danger={!a.deactivatedAt} data-testid="account-toggle">
              {t(a.deactivatedAt ? 'admin.accounts.reactivate' : 'admin.accounts.deactivate')}
            </Button>
          </Popconfirm>
        ),
    },
  ];

  return (
    <Flex vertical gap={16} className="wt-page-wide">
      <Typography.Title level={1} className="wt-page-title" style={{ margin: 0 }}>
        {t('admin.accounts.title')}
      </Typography.Title>
      <Flex gap={8} wrap>
        <Input.Search
          allowClear
          defaultValue={query.q}
          placeholder={t('admin.accounts.search')}
          aria-label={t('admin.accounts.search')}
          onSearch={(value) => set({ q: value.trim() || undefined })}
          style={{ flex: '1 1 240px', maxWidth: 360 }}
          data-testid="account-search"
        />
        <Select
          allowClear
          value={query.role}
          placeholder={t('admin.accounts.anyRole')}
          aria-label={t('admin.accounts.roles')}
          onChange={(role?: Role) => set({ role })}
          options={ROLES.map((role) => ({ value: role, label: t(`role.${role}`) }))}
          style={{ width: 140 }}
          data-testid="account-role"
        />
        <Select
          allowClear
          value={query.status}
          placeholder={t('admin.accounts.anyStatus')}
          aria-label={t('admin.accounts.status')}
          onChange={(status?: AccountStatus) => set({ status })}
          options={[
            { value: 'active', label: t('admin.accounts.statusActive') },
            { value: 'deactivated', label: t('admin.accounts.statusDeactivated') },
          ]}
          style={{ width: 140 }}
          data-testid="account-status-filter"
        />
      </Flex>
      {list.error !== undefined && (
        <Typography.Text type="danger">{adminErrorMessage(t, list.error)}</Typography.Text>
      )}
      <ScrollFrame label={t('admin.accounts.title')}>
        <Table<AccountView>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.loading}
          scroll={{ x: 'max-content' }}
          pagination={{
            current: list.data?.page ?? query.page,
            pageSize: list.data?.pageSize ?? 50,
            total: list.data?.total ?? 0,
            showSizeChanger: false,
            hideOnSinglePage: true,
            onChange: (page) => set({ page: String(page) }),
          }}
          data-testid="account-table"
        />
      </ScrollFrame>
    </Flex>
  );
}
