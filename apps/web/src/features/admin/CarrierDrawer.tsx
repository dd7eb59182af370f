import {
  App,
  Alert,
  Button,
  Card,
  Drawer,
  Empty,
  Flex,
  Form,
  Grid,
  Input,
  InputNumber,
  List,
  Popconfirm,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrganizationView } from '@wutong/shared';
import { FormError } from '../../shared/FormError';
import { useLoad } from '../../shared/useLoad';
import { adminApi } from './api';
import type { MemberView } from '@wutong/shared';
import { adminErrorMessage } from './messages';

/** A carrier's organizers and venues, with adding and removing organizers by e-mail. */
export function CarrierDrawer({ carrier, onClose }: { carrier: OrganizationView; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const desktop = Grid.useBreakpoint().md ?? true;
  return (
    <Drawer
      open
      title={carrier.name}
      onClose={onClose}
      size={desktop ? 560 : '100%'}
      destroyOnHidden
      data-testid="carrier-drawer"
    >
      <Flex vertical gap={16}>
        <Members carrier={carrier} locale={i18n.language} />
        <Venues carrier={carrier} />
        <Typography.Text type="secondary">{t('admin.carriers.drawerHint')}</Typography.Text>
      </Flex>
    </Drawer>
  );
}

function Members({ carrier, locale }: { carrier: OrganizationView; locale: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const members = useLoad(`members:${carrier.id}`, () => adminApi.members(carrier.id));
  const [form] = Form.useForm<{ email: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const add = async ({ email }: { email: string }) => {
    setBusy(true);
    setError(null);
    try {
      const [found] = await adminApi.findUsers(email.trim());
      if (!found) {
        setError(t('admin.members.noAccount', { email: email.trim() }));
        return;
      }
      if (members.data?.some((m) => m.userId === found.id)) {
        setError(t('admin.members.already', { name: found.displayName }));
        return;
      }
      // Organizers of a carrier need the organizer role to run its events (admins see roles).
      const roles = found.roles ?? [];
      const granted = !roles.includes('organizer') && !roles.includes('admin');
      if (granted) await adminApi.grantRole(found.id, 'organizer');
      await adminApi.addMember(carrier.id, found.id);
      form.resetFields();
      members.reload();
      void message.success(
        t(granted ? 'admin.members.addedAndGranted' : 'admin.members.added', { name: found.displayName }),
      );
    } catch (e) {
      setError(adminErrorMessage(t, e));
    } finally {
      setBusy(false);
    }
  };

  const remove = async (member: MemberView) => {
    try {
      await adminApi.removeMember(carrier.id, member.userId);
      members.reload();
      void message.success(t('admin.members.removed', { name: member.displayName }));
    } catch (e) {
      void message.error(adminErrorMessage(t, e));
    }
  };

  return (
    <Card title={t('admin.members.title')} size="small" data-testid="carrier-members">
      {members.error !== undefined && (
        <Alert
          type="error"
          showIcon
          title={adminErrorMessage(t, members.error)}
          style={{ marginBottom: 12 }}
        />
      )}
      <List<MemberView>
        loading={members.loading}
        dataSource={members.data ?? []}
        locale={{
          emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('admin.members.empty')} />,
        }}
        renderItem={(member) => (
          <List.Item
            data-testid="member-row"
            actions={[
              <Popconfirm
                key="remove"
                title={t('admin.members.removeConfirm', { name: member.displayName, carrier: carrier.name })}
                okText={t('admin.members.remove')}
                okButtonProps={{ danger: true }}
                cancelText={t('common.cancel')}
                onConfirm={() => remove(member)}
              >
                <Button size="small" danger type="link">
                  {t('admin.members.remove')}
                </Button>
              </Popconfirm>,
            ]}
          >
            <List.Item.Meta
              title={member.displayName}
              description={
                <>
                  <span>{member.email}</span>
                  <br />
                  <span>
                    {t('admin.members.since', { date: new Date(member.since).toLocaleDateString(locale) })}
                  </span>
                </>
              }
            />
          </List.Item>
        )}
      />
      <Form<{ email: string }>
        form={form}
        layout="vertical"
        requiredMark={false}
        name="add-member"
        onFinish={(v) => void add(v)}
        style={{ marginTop: 12 }}
      >
        <Form.Item
          name="email"
          label={t('admin.members.addLabel')}
          extra={t('admin.members.addHint')}
          rules={[{ required: true, type: 'email', message: t('admin.members.emailInvalid') }]}
        >
          <Input type="email" autoComplete="off" data-testid="member-email" />
        </Form.Item>
        <FormError message={error} />
        <Button type="primary" htmlType="submit" loading={busy} data-testid="member-add">
          {t('admin.members.add')}
        </Button>
      </Form>
    </Card>
  );
}

interface VenueValues {
  name: string;
  address?: string;
  capacity?: number | null;
}

function Venues({ carrier }: { carrier: OrganizationView }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const venues = useLoad(`venues:${carrier.id}`, () => adminApi.venues(carrier.id));
  const [form] = Form.useForm<VenueValues>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const add = async (values: VenueValues) => {
    setBusy(true);
    setError(null);
    try {
      await adminApi.createVenue(carrier.id, {
        name: values.name.trim(),
        address: values.address?.trim() || null,
        capacity: values.capacity ?? null,
      });
      form.resetFields();
      venues.reload();
      void message.success(t('admin.venues.added'));
    } catch (e) {
      setError(adminErrorMessage(t, e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title={t('admin.venues.title')} size="small" data-testid="carrier-venues">
      {venues.error !== undefined && (
        <Alert
          type="error"
          showIcon
          title={adminErrorMessage(t, venues.error)}
          style={{ marginBottom: 12 }}
        />
      )}
      <List
        loading={venues.loading}
        dataSource={venues.data ?? []}
        locale={{
          emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('admin.venues.empty')} />,
        }}
        renderItem={(venue) => (
          <List.Item>
            <List.Item.Meta
              title={venue.name}
              description={[
                venue.address,
                venue.capacity !== null ? t('admin.venues.capacityOf', { count: venue.capacity }) : null,
              ]
                .filter(Boolean)
                .join(' · ')}
            />
          </List.Item>
        )}
      />
      <Form<VenueValues>
        form={form}
        layout="vertical"
        requiredMark={false}
        name="add-venue"
        onFinish={(v) => void add(v)}
        style={{ marginTop: 12 }}
      >
        <Form.Item
          name="name"
          label={t('admin.venues.name')}
          rules={[
            { required: true, whitespace: true, message: t('admin.venues.nameRequired') },
            { max: 200 },
          ]}
        >
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="address" label={t('admin.venues.address')} rules={[{ max: 300 }]}>
          <Input maxLength={300} />
        </Form.Item>
        <Form.Item name="capacity" label={t('admin.venues.capacity')}>
          <InputNumber min={1} precision={0} style={{ width: '100%' }} />
        </Form.Item>
        <FormError message={error} />
        <Button htmlType="submit" loading={busy}>
          {t('admin.venues.add')}
        </Button>
      </Form>
    </Card>
  );
}
