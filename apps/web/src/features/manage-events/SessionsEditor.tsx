import { Button, Card, Flex, Form, Input, Typography } from 'antd';
import { DateTimeInput } from './DateTimeInput';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { MAX_SESSIONS } from '@wutong/shared';
import type { SessionValues } from './eventForm';

/** The event's sessions: start and end as wall clocks of the carrier's zone, an optional title. */
export function SessionsEditor({ zone }: { zone: string }) {
  const { t } = useTranslation();
  const form = Form.useFormInstance();

  return (
    <Form.List
      name="sessions"
      rules={[
        {
          validator: (_r, sessions: SessionValues[] | undefined) =>
            sessions && sessions.length > 0
              ? Promise.resolve()
              : Promise.reject(new Error(t('manageEvents.rules.sessionsRequired'))),
        },
      ]}
    >
      {(fields, { add, remove }, { errors }) => (
        <Flex vertical gap={8} data-testid="sessions-editor">
          <Typography.Text type="secondary">{t('manageEvents.zoneHint', { zone })}</Typography.Text>
          {fields.map((field, index) => (
            <Card
              key={field.key}
              size="small"
              title={t('events.sessionNumber', { n: index + 1 })}
              extra={
                fields.length > 1 && (
                  <Button
                    type="text"
                    danger
                    icon={<DeleteOutlined />}
                    onClick={() => remove(field.name)}
                    aria-label={t('manageEvents.removeSession')}
                  />
                )
              }
              data-testid="session-row"
            >
              <Form.Item name={[field.name, 'id']} hidden>
                <Input />
              </Form.Item>
              <Flex gap={8} wrap>
                <Form.Item
                  name={[field.name, 'startsAt']}
                  label={t('manageEvents.startsAt')}
                  rules={[{ required: true, message: t('manageEvents.rules.startRequired') }]}
                  className="wt-grow"
                >
                  <DateTimeInput
                    data-testid="session-start"
                    onChange={(value) => {
                      const start = value as Dayjs | null;
                      const end = form.getFieldValue(['sessions', field.name, 'endsAt']) as Dayjs | undefined;
                      if (start && (!end || !end.isAfter(start)))
                        form.setFieldValue(['sessions', field.name, 'endsAt'], start.add(2, 'hour'));
                    }}
                  />
                </Form.Item>
                <Form.Item
                  name={[field.name, 'endsAt']}
                  label={t('manageEvents.endsAt')}
                  dependencies={[['sessions', field.name, 'startsAt']]}
                  rules={[
                    { required: true, message: t('manageEvents.rules.endRequired') },
                    ({ getFieldValue }) => ({
                      validator: (_r, end: Dayjs | null) => {
                        const start = getFieldValue(['sessions', field.name, 'startsAt']) as Dayjs | null;
                        return !start || !end || end.isAfter(start)
                          ? Promise.resolve()
                          : Promise.reject(new Error(t('manageEvents.rules.endAfterStart')));
                      },
                    }),
                  ]}
                  className="wt-grow"
                >
                  <DateTimeInput data-testid="session-end" />
                </Form.Item>
              </Flex>
              <Form.Item
                name={[field.name, 'title']}
                label={t('manageEvents.sessionTitle')}
                style={{ marginBottom: 0 }}
              >
                <Input maxLength={200} placeholder={t('manageEvents.sessionTitlePlaceholder')} />
              </Form.Item>
            </Card>
          ))}
          <Form.ErrorList errors={errors} />
          {fields.length < MAX_SESSIONS && (
            <Button
              type="dashed"
              icon={<PlusOutlined />}
              data-testid="add-session"
              onClick={() => {
                // The next one a week later, as series usually go.
                const sessions = (form.getFieldValue('sessions') as SessionValues[] | undefined) ?? [];
                const last = sessions[sessions.length - 1];
                add({
                  startsAt: last?.startsAt?.add(7, 'day'),
                  endsAt: last?.endsAt?.add(7, 'day'),
                });
              }}
            >
              {t('manageEvents.addSession')}
            </Button>
          )}
        </Flex>
      )}
    </Form.List>
  );
}
