import { Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DEFAULT_TIME_ZONE } from '@wutong/shared';
import type { OrganizationKind, OrganizationView } from '@wutong/shared';
import { ApiError } from '../../shared/api/client';
import { applyFieldErrors } from '../../shared/api/errors';
import { FormError } from '../../shared/FormError';
import { timeZoneOptions } from '../../shared/timeZones';
import { adminApi } from './api';
import { kindOptions } from './kinds';
import { adminErrorMessage } from './messages';

interface CarrierValues {
  name: string;
  kind: OrganizationKind;
  timeZone: string;
  parentId?: string;
}

const FIELDS = [['name'], ['kind'], ['timeZone'], ['parentId']];

/** Creates a carrier (no `carrier`) or edits its name, kind and time zone. */
export function CarrierFormModal({
  carrier,
  carriers,
  onClose,
}: {
  carrier?: OrganizationView;
  carriers: OrganizationView[];
  onClose: (saved?: OrganizationView) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<CarrierValues>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (values: CarrierValues) => {
    setBusy(true);
    setError(null);
    try {
      const saved = carrier
        ? await adminApi.updateCarrier(carrier.id, {
            name: values.name.trim(),
            kind: values.kind,
            timeZone: values.timeZone,
          })
        : await adminApi.createCarrier({
            name: values.name.trim(),
            kind: values.kind,
            timeZone: values.timeZone,
            parentId: values.parentId ?? null,
          });
      onClose(saved);
    } catch (e) {
      if (e instanceof ApiError && e.code === 'ORGANIZATION_NAME_TAKEN') {
        form.setFields([{ name: 'name', errors: [adminErrorMessage(t, e)] }]);
      } else if (!applyFieldErrors(t, form, e, FIELDS)) {
        setError(adminErrorMessage(t, e));
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={
        carrier ? t('admin.carriers.editTitle', { name: carrier.name }) : t('admin.carriers.createTitle')
      }
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={() => onClose()}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'carrier-save' } as never}
    >
      <Form<CarrierValues>
        form={form}
        layout="vertical"
        requiredMark={false}
        name="carrier"
        initialValues={{
          name: carrier?.name ?? '',
          kind: carrier?.kind ?? 'incubator',
          timeZone: carrier?.timeZone ?? DEFAULT_TIME_ZONE,
          parentId: carrier?.parentId ?? undefined,
        }}
        onFinish={(v) => void submit(v)}
      >
        <Form.Item
          name="name"
          label={t('admin.carriers.name')}
          rules={[
            { required: true, whitespace: true, message: t('admin.carriers.nameRequired') },
            { max: 200 },
          ]}
        >
          <Input data-testid="carrier-name" maxLength={200} />
        </Form.Item>
        <Form.Item name="kind" label={t('admin.carriers.kind')}>
          <Select options={kindOptions(t)} data-testid="carrier-kind" />
        </Form.Item>
        <Form.Item name="timeZone" label={t('admin.carriers.timeZone')}>
          <Select showSearch={{ optionFilterProp: 'label' }} options={timeZoneOptions(carrier?.timeZone)} />
        </Form.Item>
        {!carrier && (
          <Form.Item name="parentId" label={t('admin.carriers.parent')}>
            <Select
              allowClear
              placeholder={t('admin.carriers.noParent')}
              showSearch={{ optionFilterProp: 'label' }}
              options={carriers.map((c) => ({ value: c.id, label: c.name }))}
            />
          </Form.Item>
        )}
        <FormError message={error} />
      </Form>
    </Modal>
  );
}
