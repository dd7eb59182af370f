import { Alert, App, Button, Card, Checkbox, Flex, Form, Input, Modal, Select, Tabs, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  MESSAGE_SEGMENTS,
  MESSAGE_TEMPLATES,
  MESSAGE_TEMPLATE_TEXTS,
  type EventMessageDryRun,
  type EventMessageRequest,
  type EventView,
  type Locale,
  type MessageChannel,
  type MessageSegment,
  type MessageTemplate,
} from '@wutong/shared';
import { errorMessage } from '../../shared/api/errors';
import { sessionLabel } from '../../shared/format';
import { currentLocale } from '../../shared/i18n/index';
import { eventMessagesApi, newMessageId } from './api';

interface Values {
  segment: MessageSegment;
  sessionId?: string;
  template?: MessageTemplate;
  channels: MessageChannel[];
  zhSubject: string;
  zhBody: string;
  enSubject?: string;
  enBody?: string;
}

const PREVIEW_LOCALES: Locale[] = ['zh-CN', 'en'];

/**
 * 发消息: a segment of the event (or one session), a ready text or one's own in both languages, the
 * channels; 预览 shows how many get it and the text each language reads; 发送 asks once more.
 */
export function MessageDialog({
  event,
  onClose,
  onSent,
}: {
  event: Pick<EventView, 'id' | 'title' | 'sessions' | 'timeZone'>;
  onClose: () => void;
  onSent: () => void;
}) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [id] = useState(newMessageId);
  const [preview, setPreview] = useState<EventMessageDryRun | null>(null);
  const [busy, setBusy] = useState<'preview' | 'send' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const locale = currentLocale();

  const sessionOptions = useMemo(
    () =>
      event.sessions.map((s, i) => ({
        value: s.id,
        label: `${s.title ?? t('eventMessages.sessionN', { n: i + 1 })} · ${sessionLabel(s.startsAt, s.endsAt, event.timeZone, locale)}`,
      })),
    [event, locale, t],
  );

  const requestOf = (v: Values): EventMessageRequest => ({
    id,
    segment: v.segment,
    sessionId: v.sessionId || undefined,
    channels: v.channels,
    subject: v.zhSubject,
    body: v.zhBody,
    translations:
      v.enSubject?.trim() && v.enBody?.trim() ? { en: { subject: v.enSubject, body: v.enBody } } : undefined,
  });

  const applyTemplate = (name: MessageTemplate | undefined) => {
    if (!name) return;
    const texts = MESSAGE_TEMPLATE_TEXTS[name];
    form.setFieldsValue({
      zhSubject: texts['zh-CN'].subject,
      zhBody: texts['zh-CN'].body,
      enSubject: texts.en.subject,
      enBody: texts.en.body,
      ...(name === 'thank_you' ? { segment: 'checked_in' as const } : {}),
      ...(name === 'sorry_we_missed_you' ? { segment: 'no_show' as const } : {}),
      ...(name === 'see_you_tomorrow' ? { segment: 'confirmed' as const } : {}),
    });
  };

  const runPreview = async () => {
    const v = await form.validateFields();
    setBusy('preview');
    setError(null);
    try {
      setPreview(await eventMessagesApi.preview(event.id, requestOf(v)));
    } catch (e) {
      setPreview(null);
      setError(errorMessage(t, e));
    } finally {
      setBusy(null);
    }
  };

  const send = () => {
    if (!preview) return;
    modal.confirm({
      title: t('eventMessages.confirmTitle'),
      content: t('eventMessages.confirmBody', { count: preview.recipients }),
      okText: t('eventMessages.send'),
      cancelText: t('common.cancel'),
      okButtonProps: { 'data-testid': 'confirm-send-message' } as never,
      onOk: async () => {
        setBusy('send');
        setError(null);
        try {
          const sent = await eventMessagesApi.send(event.id, requestOf(form.getFieldsValue(true) as Values));
          void message.success(t('eventMessages.sent', { count: sent?.recipients ?? preview.recipients }));
          onSent();
          onClose();
        } catch (e) {
          setError(errorMessage(t, e));
        } finally {
          setBusy(null);
        }
      },
    });
  };

  return (
    <Modal
      open
      title={t('eventMessages.title', { title: event.title })}
      onCancel={onClose}
      destroyOnHidden
      width={720}
      footer={
        <Flex gap={8} justify="end" wrap>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button
            loading={busy === 'preview'}
            onClick={() => void runPreview()}
            data-testid="preview-message"
          >
            {t('eventMessages.preview')}
          </Button>
          <Button
            type="primary"
            disabled={!preview || preview.recipients === 0}
            loading={busy === 'send'}
            onClick={send}
            data-testid="send-message"
          >
            {t('eventMessages.send')}
          </Button>
        </Flex>
      }
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form
        form={form}
        layout="vertical"
        name="event-message"
        requiredMark={false}
        initialValues={{ segment: 'confirmed', channels: ['email'] }}
        onValuesChange={() => setPreview(null)}
      >
        <Flex gap={12} wrap>
          <Form.Item name="segment" label={t('eventMessages.segment')} style={{ minWidth: 200, flex: 1 }}>
            <Select
              data-testid="message-segment"
              options={MESSAGE_SEGMENTS.map((s) => ({ value: s, label: t(`eventMessages.segments.${s}`) }))}
            />
          </Form.Item>
          <Form.Item name="sessionId" label={t('eventMessages.session')} style={{ minWidth: 200, flex: 1 }}>
            <Select allowClear placeholder={t('eventMessages.wholeEvent')} options={sessionOptions} />
          </Form.Item>
        </Flex>
        <Flex gap={12} wrap>
          <Form.Item name="template" label={t('eventMessages.template')} style={{ minWidth: 200, flex: 1 }}>
            <Select
              allowClear
              data-testid="message-template"
              placeholder={t('eventMessages.ownText')}
              onChange={(v: MessageTemplate | undefined) => applyTemplate(v)}
              options={MESSAGE_TEMPLATES.map((name) => ({
                value: name,
                label: t(`eventMessages.templates.${name}`),
              }))}
            />
          </Form.Item>
          <Form.Item
            name="channels"
            label={t('eventMessages.channels')}
            style={{ minWidth: 200, flex: 1 }}
            rules={[{ required: true, type: 'array', min: 1, message: t('eventMessages.channelsRequired') }]}
          >
            <Checkbox.Group
              options={[
                { value: 'email', label: t('eventMessages.email') },
                { value: 'sms', label: t('eventMessages.sms') },
              ]}
            />
          </Form.Item>
        </Flex>
        <Tabs
          size="small"
          items={[
            {
              key: 'zh-CN',
              label: t('eventMessages.textZh'),
              forceRender: true,
              children: (
                <>
                  <Form.Item
                    name="zhSubject"
                    label={t('eventMessages.subject')}
                    rules={[
                      { required: true, whitespace: true, message: t('eventMessages.subjectRequired') },
                    ]}
                  >
                    <Input maxLength={200} data-testid="message-subject" />
                  </Form.Item>
                  <Form.Item
                    name="zhBody"
                    label={t('eventMessages.body')}
                    rules={[{ required: true, whitespace: true, message: t('eventMessages.bodyRequired') }]}
                  >
                    <Input.TextArea rows={4} maxLength={5000} data-testid="message-body" />
                  </Form.Item>
                </>
              ),
            },
            {
              key: 'en',
              label: t('eventMessages.textEn'),
              forceRender: true,
              children: (
                <>
                  <Form.Item name="enSubject" label={t('eventMessages.subject')}>
                    <Input maxLength={200} data-testid="message-subject-en" />
                  </Form.Item>
                  <Form.Item name="enBody" label={t('eventMessages.body')}>
                    <Input.TextArea rows={4} maxLength={5000} data-testid="message-body-en" />
                  </Form.Item>
                </>
              ),
            },
          ]}
        />
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          {t('eventMessages.hint')}
        </Typography.Paragraph>
      </Form>
      {preview && (
        <Flex vertical gap={8} data-testid="message-preview">
          <Alert
            type={preview.recipients === 0 ? 'warning' : 'info'}
            showIcon
            title={
              preview.recipients === 0
                ? t('eventMessages.nobody')
                : t('eventMessages.willReach', {
                    count: preview.recipients,
                    email: preview.email,
                    sms: preview.sms,
                  })
            }
            data-testid="message-recipients"
          />
          <Flex gap={8} wrap>
            {PREVIEW_LOCALES.map((l) => (
              <Card
                key={l}
                size="small"
                style={{ flex: 1, minWidth: 240 }}
                title={t('eventMessages.previewFor', { language: t(`languageName.${l}`) })}
                data-testid={`message-preview-${l}`}
              >
                <Typography.Text strong>{preview.preview[l].subject}</Typography.Text>
                <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: '4px 0 0' }}>
                  {preview.preview[l].body}
                </Typography.Paragraph>
                {preview.preview[l].sms && (
                  <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0', fontSize: 12 }}>
                    {t('eventMessages.smsText')}: {preview.preview[l].sms}
                  </Typography.Paragraph>
                )}
              </Card>
            ))}
          </Flex>
        </Flex>
      )}
    </Modal>
  );
}
