import { App, Button, Flex, Form, Input, InputNumber, Modal, Select } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CreateVenueRequest, VenueView } from '@wutong/shared';
import { applyFieldErrors, errorMessage } from '../../shared/api/errors';
import { FormError } from '../../shared/FormError';
import { venuesApi } from '../events/api';
import { useLoad } from '../../shared/useLoad';

interface Props {
  organizationId: string | undefined;
  value?: string | null;
  onChange?: (value: string | null) => void;
}

function NewVenueDialog({
  organizationId,
  onClose,
  onCreated,
}: {
  organizationId: string;
  onClose: () => void;
  onCreated: (venue: VenueView) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<CreateVenueRequest>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (values: CreateVenueRequest) => {
    setBusy(true);
    setError(null);
    try {
      onCreated(
        await venuesApi.create(organizationId, {
          name: values.name.trim(),
          address: values.address?.trim() || null,
          capacity: values.capacity ?? null,
        }),
      );
    } catch (e) {
      setError(
        applyFieldErrors(t, form, e, [['name'], ['address'], ['capacity']]) ? null : errorMessage(t, e),
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={t('manageEvents.newVenue')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      confirmLoading={busy}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" name="venue" onFinish={(v) => void submit(v)}>
        <Form.Item
          name="name"
          label={t('manageEvents.venueName')}
          rules={[{ required: true, whitespace: true, message: t('manageEvents.rules.venueNameRequired') }]}
        >
          <Input maxLength={200} placeholder={t('manageEvents.venueNamePlaceholder')} />
        </Form.Item>
        <Form.Item name="address" label={t('manageEvents.venueAddress')}>
          <Input maxLength={300} />
        </Form.Item>
        <Form.Item name="capacity" label={t('manageEvents.venueCapacity')}>
          <InputNumber min={1} precision={0} style={{ width: '100%' }} />
        </Form.Item>
        <FormError message={error} />
      </Form>
    </Modal>
  );
}

/** The carrier's venues, with a button to add one without leaving the form. */
export function VenuePicker({ organizationId, value, onChange }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [adding, setAdding] = useState(false);
  const venues = useLoad(organizationId ?? null, () => venuesApi.list(organizationId as string));
  const list = venues.data ?? [];

  return (
    <Flex gap={8}>
      <Select<string>
        allowClear
        value={value ?? undefined}
        onChange={(v) => onChange?.(v ?? null)}
        loading={venues.loading}
        placeholder={t('manageEvents.venuePlaceholder')}
        aria-label={t('manageEvents.venuePlaceholder')}
        options={list.map((v) => ({
          value: v.id,
          label: v.capacity ? t('manageEvents.venueOption', { name: v.name, capacity: v.capacity }) : v.name,
        }))}
        style={{ flex: 1, minWidth: 0 }}
        data-testid="venue-picker"
      />
      <Button
        icon={<PlusOutlined />}
        disabled={!organizationId}
        onClick={() => setAdding(true)}
        data-testid="new-venue"
      >
        {t('manageEvents.newVenueShort')}
      </Button>
      {adding && organizationId && (
        <NewVenueDialog
          organizationId={organizationId}
          onClose={() => setAdding(false)}
          onCreated={(venue) => {
            setAdding(false);
            venues.setData([...list, venue]);
            onChange?.(venue.id);
            void message.success(t('manageEvents.venueCreated'));
          }}
        />
      )}
    </Flex>
  );
}
