import {
  App,
  Button,
  Card,
  Descriptions,
  Empty,
  Flex,
  Form,
  Input,
  Popconfirm,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { GRANTABLE_ROLES } from '@wutong/shared';
import type { Role } from '@wutong/shared';
import { useAuth } from '../../shared/session/auth-context';
import { FormError } from '../../shared/FormError';
import { adminApi } from './api';
import type { UserSummary } from '@wutong/shared';
import { adminErrorMessage } from './messages';

/** /admin/users: an account found by e-mail, and the roles an admin grants and removes. */
export function UsersPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { user: me } = useAuth();
  const [form] = Form.useForm<{ email: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [found, setFound] = useState<UserSummary | null>(null);
  const [searched, setSearched] = useState<string | null>(null);

  const search = async ({ email }: { email: string }) => {
    setBusy(true);
    setError(null);
    try {
      const [first] = await adminApi.findUsers(email.trim());
      setFound(first ?? null);
      setSearched(email.trim());
    } catch (e) {
      setError(adminErrorMessage(t, e));
    } finally {
      setBusy(false);
    }
  };

  const change = async (role: Role, grant: boolean) => {
    if (!found) return;
    try {
      const saved = grant
        ? await adminApi.grantRole(found.id, role)
        : await adminApi.removeRole(found.id, role);
      setFound({ ...found, roles: saved.roles });
      const name = found.displayName;
      const roleName = t(`role.${role}`);
      void message.success(
        t(grant ? 'admin.users.granted' : 'admin.users.removed', { name, role: roleName }),
      );
    } catch (e) {
      void message.error(adminErrorMessage(t, e));
    }
  };

  const resetMfa = async () => {
    if (!found) return;
    try {
      await adminApi.resetMfa(found.id);
      setFound({ ...found, mfaEnabled: false });
      void message.success(t('admin.users.mfaResetDone', { name: found.displayName }));
    } catch (e) {
      void message.error(adminErrorMessage(t, e));
    }
  };

  return (
    <Flex vertical gap={16} style={{ maxWidth: 720 }}>
      <Typography.Title level={1} className="wt-page-title" style={{ margin: 0 }}>
        {t('admin.users.title')}
      </Typography.Title>
      <Typography.Text type="secondary">{t('admin.users.intro')}</Typography.Text>
      <Card>
        <Form<{ email: string }>
          form={form}
          layout="vertical"
          requiredMark={false}
          name="find-user"
          onFinish={(v) => void search(v)}
        >
          <Form.Item label={t('admin.users.email')} required>
            <Space.Compact style={{ width: '100%' }}>
              <Form.Item
                name="email"
                noStyle
                rules={[{ required: true, type: 'email', message: t('admin.users.emailInvalid') }]}
              >
                <Input
                  type="email"
                  autoComplete="off"
                  aria-label={t('admin.users.email')}
                  data-testid="user-email"
                />
              </Form.Item>
              <Button type="primary" htmlType="submit" loading={busy} data-testid="user-search">
                {t('admin.users.search')}
              </Button>
            </Space.Compact>
          </Form.Item>
          <FormError message={error} />
        </Form>
      </Card>
      {searched !== null && !found && (
        <Card>
          <Empty description={t('admin.users.notFound', { email: searched })} data-testid="user-not-found" />
        </Card>
      )}
      {found && (
        <Card title={found.displayName} data-testid="user-card">
          <Descriptions column={1} size="small" style={{ marginBottom: 16 }}>
            <Descriptions.Item label={t('admin.users.email')}>{found.email}</Descriptions.Item>
            {found.companyName && (
              <Descriptions.Item label={t('admin.users.company')}>{found.companyName}</Descriptions.Item>
            )}
            <Descriptions.Item label={t('admin.users.roles')}>
              <span data-testid="user-roles">
                {(found.roles ?? []).map((role) => (
                  <Tag
                    key={role}
                    color={role === 'founder' ? 'green' : 'blue'}
                    data-testid={`role-tag-${role}`}
                  >
                    {t(`role.${role}`)}
                  </Tag>
                ))}
              </span>
            </Descriptions.Item>
            {found.mfaEnabled !== undefined && (
              <Descriptions.Item label={t('admin.users.mfa')}>
                <Flex justify="space-between" align="center" gap={8} wrap style={{ width: '100%' }}>
                  <Tag color={found.mfaEnabled ? 'green' : 'default'} data-testid="user-mfa">
                    {t(found.mfaEnabled ? 'admin.users.mfaOn' : 'admin.users.mfaOff')}
                  </Tag>
                  {found.mfaEnabled && (
                    <Popconfirm
                      title={t('admin.users.mfaResetConfirm', { name: found.displayName })}
                      description={
                        <Typography.Paragraph style={{ maxWidth: 320, margin: 0 }}>
                          {t('admin.users.mfaResetDescription')}
                        </Typography.Paragraph>
                      }
                      okText={t('admin.users.mfaReset')}
                      okButtonProps={{ danger: true, 'data-testid': 'mfa-reset-confirm' } as never}
                      cancelText={t('common.cancel')}
                      onConfirm={resetMfa}
                    >
                      <Button size="small" danger data-testid="mfa-reset">
                        {t('admin.users.mfaReset')}
                      </Button>
                    </Popconfirm>
                  )}
                </Flex>
              </Descriptions.Item>
            )}
          </Descriptions>
          <Flex vertical gap={8}>
            {GRANTABLE_ROLES.map((role) => {
              const has = (found.roles ?? []).includes(role);
              const roleName = t(`role.${role}`);
              const self = found.id === me?.id && role === 'admin';
              return (
                <Flex key={role} justify="space-between" align="center" gap={8} wrap>
                  <Typography.Text>
                    {roleName}
                    <Typography.Text type="secondary">
                      {' · '}
                      {t(has ? 'admin.users.has' : 'admin.users.hasNot')}
                    </Typography.Text>
                  </Typography.Text>
                  <Popconfirm
                    title={t(has ? 'admin.users.removeConfirm' : 'admin.users.grantConfirm', {
                      name: found.displayName,
                      role: roleName,
                    })}
                    description={self && has ? t('admin.users.selfAdminWarning') : undefined}
                    okText={t(has ? 'admin.users.remove' : 'admin.users.grant')}
                    okButtonProps={{ danger: has, 'data-testid': 'role-confirm' } as never}
                    cancelText={t('common.cancel')}
                    onConfirm={() => change(role, !has)}
                  >
                    <Button size="small" danger={has} data-testid={`${has ? 'remove' : 'grant'}-${role}`}>
                      {t(has ? 'admin.users.remove' : 'admin.users.grant')}
                    </Button>
                  </Popconfirm>
                </Flex>
              );
            })}
          </Flex>
        </Card>
      )}
    </Flex>
  );
}
