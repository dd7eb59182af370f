import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Flex,
  Form,
  Input,
  InputNumber,
  Row,
  Select,
  Switch,
  Typography,
} from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { EVENT_TYPES, MAX_CAPACITY, MAX_REMINDER_OFFSETS } from '@wutong/shared';
import type { EventView } from '@wutong/shared';
import { errorMessage } from '../../shared/api/errors';
import { FullPageSpinner } from '../../shared/StatusPages';
import { FormError } from '../../shared/FormError';
import { eventsApi, manageEventsApi } from '../events/api';
import { useLoad } from '../../shared/useLoad';
import { emptyValues, markServerErrors, REMINDER_CHOICES, toCreate, toUpdate, toValues } from './eventForm';
import type { EventFormValues } from './eventForm';
import { QuestionsEditor } from './QuestionsEditor';
import { DateTimeInput } from './DateTimeInput';
import { SessionsEditor } from './SessionsEditor';
import { SpeakerPicker } from './SpeakerPicker';
import { useCarriers } from '../../shared/useCarriers';
import { VenuePicker } from './VenuePicker';

/** /manage/events/new and /manage/events/:id/edit. */
export function EventFormPage() {
  const { id } = useParams();
  const loaded = useLoad<EventView>(id ?? null, () => eventsApi.get(id as string));
  const { t } = useTranslation();
  if (id && loaded.error !== undefined)
    return <Alert type="error" showIcon title={errorMessage(t, loaded.error)} />;
  if (id && loaded.data?.id !== id) return <FullPageSpinner />;
  return <EventForm key={id ?? 'new'} event={id ? loaded.data : undefined} />;
}

function EventForm({ event }: { event?: EventView }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const { carriers, loading } = useCarriers();
  const [form] = Form.useForm<EventFormValues>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [initial] = useState(() =>
    event ? toValues(event) : emptyValues(params.get('organizationId') ?? undefined),
  );
  const watchedOrg = Form.useWatch('organizationId', form) as string | undefined;
  const organizationId =
    event?.organizationId ?? watchedOrg ?? (carriers.length === 1 ? carriers[0].id : undefined);
  const zone = event?.timeZone ?? carriers.find((c) => c.id === organizationId)?.timeZone ?? 'Asia/Shanghai';

  const submit = async (values: EventFormValues) => {
    setBusy(true);
    setError(null);
    try {
      const saved = event
        ? await manageEventsApi.update(event.id, toUpdate(values, zone))
        : await manageEventsApi.create(
            toCreate({ ...values, organizationId: organizationId as string }, zone),
          );
      void message.success(t(event ? 'manageEvents.saved' : 'manageEvents.created'));
      void navigate(`/manage/events/${saved.id}`);
    } catch (e) {
      setError(markServerErrors(t, form, e) ? null : errorMessage(t, e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Flex vertical gap={16} className="wt-page-form">
      <Link to={event ? `/manage/events/${event.id}` : '/manage/events'}>
        <ArrowLeftOutlined /> {t('manageEvents.back')}
      </Link>
      <Typography.Title level={1} className="wt-page-title" style={{ margin: 0 }}>
        {event ? t('manageEvents.editTitle') : t('manageEvents.newTitle')}
      </Typography.Title>
      {event?.status === 'cancelled' && (
        <Alert type="warning" showIcon title={t('manageEvents.cancelledNoEdit')} />
      )}
      <Form<EventFormValues>
        form={form}
        layout="vertical"
        name="event"
        initialValues={initial}
        onFinish={(v) => void submit(v)}
        scrollToFirstError
        disabled={event?.status === 'cancelled'}
      >
        <Flex vertical gap={16}>
          <Card title={t('manageEvents.basics')}>
            {!event && carriers.length > 1 && (
              <Form.Item
                name="organizationId"
                label={t('manageEvents.carrier')}
                rules={[{ required: true, message: t('manageEvents.rules.carrierRequired') }]}
              >
                <Select
                  showSearch={{ optionFilterProp: 'label' }}
                  loading={loading}
                  options={carriers.map((c) => ({ value: c.id, label: c.name }))}
                  data-testid="event-carrier"
                />
              </Form.Item>
            )}
            {!event && !loading && carriers.length === 0 && (
              <Alert
                type="warning"
                showIcon
                title={t('manageEvents.noCarrier')}
                style={{ marginBottom: 16 }}
              />
            )}
            <Row gutter={12}>
              <Col xs={24} md={16}>
                <Form.Item
                  name="title"
                  label={t('manageEvents.eventTitle')}
                  rules={[
                    { required: true, whitespace: true, message: t('manageEvents.rules.titleRequired') },
                  ]}
                >
                  <Input maxLength={200} data-testid="event-title-input" />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item name="type" label={t('manageEvents.type')} rules={[{ required: true }]}>
                  <Select
                    options={EVENT_TYPES.map((type) => ({ value: type, label: t(`eventType.${type}`) }))}
                    data-testid="event-type"
                  />
                </Form.Item>
              </Col>
            </Row>
            <Form.Item
              name="description"
              label={t('manageEvents.description')}
              rules={[
                { required: true, whitespace: true, message: t('manageEvents.rules.descriptionRequired') },
              ]}
            >
              <Input.TextArea
                autoSize={{ minRows: 4, maxRows: 14 }}
                maxLength={10000}
                data-testid="event-description"
              />
            </Form.Item>
            <Form.Item name="speakerIds" label={t('events.speakers')}>
              <SpeakerPicker initial={event?.speakers ?? []} />
            </Form.Item>
          </Card>
          <Card title={t('manageEvents.when')}>
            <SessionsEditor zone={zone} />
          </Card>
          <Card title={t('manageEvents.where')}>
            <Form.Item name="venueId" label={t('events.venue')}>
              <VenuePicker organizationId={organizationId} />
            </Form.Item>
            <Form.Item
              name="onlineUrl"
              label={t('events.onlineLink')}
              rules={[{ type: 'url', message: t('manageEvents.rules.urlInvalid') }]}
              style={{ marginBottom: 0 }}
            >
              <Input type="url" placeholder="https://" maxLength={500} />
            </Form.Item>
          </Card>
          <Card title={t('manageEvents.registration')}>
            <Row gutter={12}>
              <Col xs={24} md={8}>
                <Form.Item
                  name="capacity"
                  label={t('manageEvents.capacity')}
                  rules={[{ required: true, message: t('manageEvents.rules.capacityRequired') }]}
                >
                  <InputNumber
                    min={1}
                    max={MAX_CAPACITY}
                    precision={0}
                    style={{ width: '100%' }}
                    data-testid="event-capacity"
                  />
                </Form.Item>
              </Col>
              <Col xs={12} md={8}>
                <Form.Item
                  name="waitlistEnabled"
                  label={t('manageEvents.waitlistEnabled')}
                  valuePropName="checked"
                >
                  <Switch />
                </Form.Item>
              </Col>
              <Col xs={12} md={8}>
                <Form.Item
                  name="approvalRequired"
                  label={t('manageEvents.approvalRequired')}
                  valuePropName="checked"
                >
                  <Switch />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item
                  name="registrationOpensAt"
                  label={t('manageEvents.opensAt')}
                  extra={t('manageEvents.opensAtHelp')}
                >
                  <DateTimeInput />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item
                  name="registrationClosesAt"
                  label={t('manageEvents.closesAt')}
                  extra={t('manageEvents.closesAtHelp')}
                >
                  <DateTimeInput />
                </Form.Item>
              </Col>
              <Col xs={24}>
                <Form.Item
                  name="reminderOffsetsMinutes"
                  label={t('manageEvents.reminders')}
                  extra={t('manageEvents.remindersHelp', { max: MAX_REMINDER_OFFSETS })}
                >
                  <Select
                    mode="multiple"
                    maxCount={MAX_REMINDER_OFFSETS}
                    allowClear
                    placeholder={t('manageEvents.noReminders')}
                    data-testid="event-reminders"
                    options={REMINDER_CHOICES.map((minutes) => ({
                      value: minutes,
                      label:
                        minutes % 1440 === 0
                          ? t('manageEvents.reminderDays', { count: minutes / 1440 })
                          : minutes % 60 === 0
                            ? t('manageEvents.reminderHours', { count: minutes / 60 })
                            : t('manageEvents.reminderMinutes', { count: minutes }),
                    }))}
                  />
                </Form.Item>
              </Col>
            </Row>
          </Card>
          <Card title={t('manageEvents.questions')}>
            <Typography.Paragraph type="secondary">{t('manageEvents.questionsHelp')}</Typography.Paragraph>
            <QuestionsEditor />
          </Card>
          <FormError message={error} />
          <Flex gap={8}>
            <Button type="primary" htmlType="submit" size="large" loading={busy} data-testid="save-event">
              {event ? t('common.save') : t('manageEvents.saveDraft')}
            </Button>
            <Button size="large" onClick={() => void navigate(-1)} disabled={false}>
              {t('common.cancel')}
            </Button>
          </Flex>
        </Flex>
      </Form>
    </Flex>
  );
}
