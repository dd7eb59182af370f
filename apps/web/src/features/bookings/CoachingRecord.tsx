import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Checkbox,
  DatePicker,
  Flex,
  Form,
  Input,
  Segmented,
  Select,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  MAX_COACHING_ACTIONS,
  MAX_COACHING_TOPICS,
  type BookingView,
  type CoachingActionOwner,
} from '@wutong/shared';
import { errorMessage } from '../../shared/api/errors';
import { FormDialog } from '../../shared/FormDialog';
import { bookingsApi } from './api';

interface RecordForm {
  summary: string;
  topics?: string[];
  actions?: { id?: string; text: string; owner: CoachingActionOwner; due?: Dayjs | null }[];
  followUp?: string;
}

/**
 * The mentor writes (or edits) a session's record: made to be filled in on a phone in a minute — a
 * summary, topics as tags, actions with an owner and an optional date, a follow-up suggestion.
 */
export function RecordDialog({
  booking,
  onClose,
}: {
  booking: BookingView | null;
  onClose: (saved: boolean) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<RecordForm>();
  if (!booking) return null;
  const record = booking.record;
  return (
    <FormDialog<RecordForm>
      form={form}
      name="coaching-record"
      title={t('record.title', { name: booking.founder.displayName })}
      okText={t('record.save')}
      okTestId="record-save"
      initialValues={{
        summary: record?.summary ?? '',
        topics: record?.topics ?? [],
        actions: (record?.actions ?? []).map((a) => ({ ...a, due: a.due ? dayjs(a.due) : null })),
        followUp: record?.followUp ?? '',
      }}
      successText={t('record.saved')}
      onSubmit={(v) =>
        bookingsApi.writeRecord(booking.id, {
          summary: v.summary.trim(),
          topics: (v.topics ?? []).map((x) => x.trim()).filter(Boolean),
          actions: (v.actions ?? [])
            .filter((a) => a?.text?.trim())
            .map((a) => ({
              ...(a.id && { id: a.id }),
              text: a.text.trim(),
              owner: a.owner,
              due: a.due ? a.due.format('YYYY-MM-DD') : null,
            })),
          followUp: v.followUp?.trim() || null,
        })
      }
      onClose={onClose}
    >
      <Form.Item
        name="summary"
        label={t('record.summary')}
        rules={[{ required: true, whitespace: true, message: t('record.summaryRequired') }, { max: 4000 }]}
      >
        <Input.TextArea rows={4} maxLength={4000} placeholder={t('record.summaryPlaceholder')} />
      </Form.Item>
      <Form.Item name="topics" label={t('record.topics')}>
        <Select
          mode="tags"
          maxCount={MAX_COACHING_TOPICS}
          open={false}
          suffixIcon={null}
          placeholder={t('record.topicsPlaceholder')}
          aria-label={t('record.topics')}
        />
      </Form.Item>
      <Form.Item label={t('record.actions')}>
        <Form.List name="actions">
          {(fields, { add, remove }) => (
            <Flex vertical gap={8}>
              {fields.map((field, i) => (
                <Flex key={field.key} vertical gap={4} data-testid="record-action">
                  <Flex gap={8}>
                    <Form.Item
                      name={[field.name, 'text']}
                      style={{ flex: 1, margin: 0 }}
                      rules={[{ max: 500 }]}
                    >
                      <Input
                        placeholder={t('record.actionPlaceholder')}
                        aria-label={t('record.actionOf', { n: i + 1 })}
                      />
                    </Form.Item>
                    <Button
                      icon={<DeleteOutlined />}
                      aria-label={t('record.removeAction')}
                      onClick={() => remove(field.name)}
                    />
                  </Flex>
                  <Flex gap={8} wrap>
                    <Form.Item name={[field.name, 'owner']} style={{ margin: 0 }}>
                      <Segmented
                        size="small"
                        options={[
                          { value: 'founder', label: t('record.owner.founder') },
                          { value: 'mentor', label: t('record.owner.mentor') },
                        ]}
                      />
                    </Form.Item>
                    <Form.Item name={[field.name, 'due']} style={{ margin: 0 }}>
                      <DatePicker size="small" placeholder={t('record.due')} aria-label={t('record.due')} />
                    </Form.Item>
                  </Flex>
                </Flex>
              ))}
              {fields.length < MAX_COACHING_ACTIONS && (
                <Button
                  size="small"
                  icon={<PlusOutlined />}
                  onClick={() => add({ text: '', owner: 'founder', due: null })}
                  style={{ alignSelf: 'flex-start' }}
                  data-testid="record-add-action"
                >
                  {t('record.addAction')}
                </Button>
              )}
            </Flex>
          )}
        </Form.List>
      </Form.Item>
      <Form.Item name="followUp" label={t('record.followUp')} rules={[{ max: 1000 }]}>
        <Input placeholder={t('record.followUpPlaceholder')} maxLength={1000} />
      </Form.Item>
    </FormDialog>
  );
}

/** A session's record as its founder and mentor read it; each side ticks the actions that are theirs. */
export function RecordView({ booking, onChanged }: { booking: BookingView; onChanged: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [busy, setBusy] = useState<string | null>(null);
  const record = booking.record;
  if (!record) return null;
  const tick = async (actionId: string, done: boolean) => {
    setBusy(actionId);
    try {
      await bookingsApi.tickAction(booking.id, actionId, done);
      onChanged();
    } catch (e) {
      void message.error(errorMessage(t, e));
    } finally {
      setBusy(null);
    }
  };
  return (
    <Flex
      vertical
      gap={4}
      data-testid="coaching-record"
      style={{ borderTop: '1px solid #f0f0f0', paddingTop: 8 }}
    >
      <Typography.Text strong>{t('record.heading')}</Typography.Text>
      <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>
        {record.summary}
      </Typography.Paragraph>
      {record.topics.length > 0 && (
        <Flex gap={4} wrap>
          {record.topics.map((x) => (
            <Tag key={x}>{x}</Tag>
          ))}
        </Flex>
      )}
      {record.actions.map((a) => {
        const mine = a.owner === booking.myRole;
        const label = t('record.actionLine', {
          text: a.text,
          owner: t(`record.owner.${a.owner}`),
          due: a.due ? t('record.byDate', { date: a.due }) : '',
        });
        return (
          <div key={a.id} data-testid="record-action-item">
            <Checkbox
              checked={!!a.doneAt}
              disabled={!mine || busy === a.id}
              onChange={(e) => void tick(a.id, e.target.checked)}
            >
              {label}
            </Checkbox>
          </div>
        );
      })}
      {record.followUp && (
        <Typography.Text type="secondary">
          {t('record.followUpLine', { text: record.followUp })}
        </Typography.Text>
      )}
    </Flex>
  );
}
