import { App, Alert, Button, Card, Empty, Form, Input, List, Popconfirm } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DoorStaffView } from '@wutong/shared';
import { errorMessage } from '../../shared/api/errors';
import { useLoad } from '../../shared/useLoad';
import { doorStaffApi } from './api';

/**
 * A carrier's door staff (volunteers, interns): they check people in at its events and see nothing
 * else. Its organizers add them by the email of their account and remove them; removal is immediate.
 */
export function DoorStaffCard({ carrierId, carrierName }: { carrierId: string; carrierName: string }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const staff = useLoad(`door-staff:${carrierId}`, () => doorStaffApi.list(carrierId));
  const [form] = Form.useForm<{ email: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const add = async ({ email }: { email: string }) => {
    setBusy(true);
    setError(null);
    try {
      const [found] = await doorStaffApi.findByEmail(email.trim());
      if (!found) {
        setError(t('doorStaff.noAccount', { email: email.trim() }));
        return;
      }
      if (staff.data?.some((s) => s.userId === found.id)) {
        setError(t('doorStaff.already', { name: found.displayName }));
        return;
      }
      staff.setData(await doorStaffApi.add(carrierId, found.id));
      form.resetFields();
      void message.success(t('doorStaff.added', { name: found.displayName }));
    } catch (e) {
      setError(errorMessage(t, e));
    } finally {
      setBusy(false);
    }
  };

  const remove = async (person: DoorStaffView) => {
    try {
      staff.setData(await doorStaffApi.remove(carrierId, person.userId));
      void message.success(t('doorStaff.removed', { name: person.displayName }));
    } catch (e) {
      void message.error(errorMessage(t, e));
    }
  };

  return (
    <Card
      title={t('doorStaff.cardTitle', { carrier: carrierName })}
      size="small"
      data-testid="door-staff-card"
    >
      {staff.error !== undefined && (
        <Alert type="error" showIcon title={errorMessage(t, staff.error)} style={{ marginBottom: 12 }} />
      )}
      <List<DoorStaffView>
        loading={staff.loading}
        dataSource={staff.data ?? []}
        locale={{
          emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('doorStaff.empty')} />,
        }}
        renderItem={(person) => (
          <List.Item
            data-testid="door-staff-row"
            actions={[
              <Popconfirm
                key="remove"
                title={t('doorStaff.removeConfirm', { name: person.displayName, carrier: carrierName })}
                okText={t('doorStaff.remove')}
                okButtonProps={{ danger: true }}
                cancelText={t('common.cancel')}
                onConfirm={() => remove(person)}
              >
                <Button size="small" danger type="link" data-testid="door-staff-remove">
                  {t('doorStaff.remove')}
                </Button>
              </Popconfirm>,
            ]}
          >
            <List.Item.Meta
              title={person.displayName}
              description={
                <>
                  <span style={{ overflowWrap: 'anywhere' }}>
                    {[person.email, person.phone].filter(Boolean).join(' · ')}
                  </span>
                  <br />
                  <span>
                    {t('doorStaff.since', { date: new Date(person.since).toLocaleDateString(i18n.language) })}
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
        name={`add-door-staff-${carrierId}`}
        onFinish={(v) => void add(v)}
        style={{ marginTop: 12 }}
      >
        <Form.Item
          name="email"
          label={t('doorStaff.addLabel')}
          extra={t('doorStaff.addHint')}
          rules={[{ required: true, type: 'email', message: t('doorStaff.emailInvalid') }]}
        >
          <Input type="email" autoComplete="off" data-testid="door-staff-email" />
        </Form.Item>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
        <Button type="primary" htmlType="submit" loading={busy} data-testid="door-staff-add">
          {t('doorStaff.add')}
        </Button>
      </Form>
    </Card>
  );
}
