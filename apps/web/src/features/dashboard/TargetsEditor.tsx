import {
  Alert,
  App,
  Button,
  Col,
  Collapse,
  Flex,
  Form,
  InputNumber,
  Modal,
  Row,
  Skeleton,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EVENT_METRICS, EVENT_TYPES, METRICS } from '@wutong/shared';
import type { EventType, Metric, SetTargetRequest, TargetView } from '@wutong/shared';
import { errorMessage } from '../../shared/api/errors';
import { useLoad } from '../../shared/useLoad';
import { dashboardApi } from './api';
import type { Scope } from './api';

type Values = {
  total: Partial<Record<Metric, number | null>>;
  byType: Partial<Record<Metric, Partial<Record<EventType, number | null>>>>;
};

interface Props {
  open: boolean;
  scope: Scope;
  /** "全部载体" or the carrier's name. */
  scopeName: string;
  onClose: () => void;
  onSaved: () => void;
}

const MAX = 10_000_000;

function toValues(targets: TargetView[]): Values {
  const values: Values = { total: {}, byType: {} };
  for (const target of targets) {
    if (target.eventType === null) values.total[target.metric] = target.value;
    else (values.byType[target.metric] ??= {})[target.eventType] = target.value;
  }
  return values;
}

/** The PUTs that turn `before` into `after`: new and changed values (an API target cannot be removed). */
function changes(before: Values, after: Values, organizationId: string | null): SetTargetRequest[] {
  const out: SetTargetRequest[] = [];
  for (const metric of METRICS) {
    const value = after.total?.[metric];
    if (typeof value === 'number' && value !== before.total[metric])
      out.push({ organizationId, metric, eventType: null, value });
    if (!EVENT_METRICS.includes(metric)) continue;
    for (const type of EVENT_TYPES) {
      const typed = after.byType?.[metric]?.[type];
      if (typeof typed === 'number' && typed !== before.byType[metric]?.[type])
        out.push({ organizationId, metric, eventType: type, value: typed });
    }
  }
  return out;
}

/** 设定目标: the year's value per metric and, for event metrics, per event type. */
export function TargetsEditor({ open, scope, scopeName, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<unknown>(undefined);
  const key = open ? `${scope.year}/${scope.organizationId ?? 'base'}` : null;
  const loaded = useLoad(key, () => dashboardApi.targets(scope));
  const before = loaded.data && !loaded.loading ? toValues(loaded.data) : undefined;

  useEffect(() => {
    if (open && before) form.setFieldsValue(before);
    // `before` is derived from loaded.data: reset the form when a fresh copy arrives
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open, loaded.data, loaded.loading, form]);

  useEffect(() => {
    if (!open) form.resetFields();
  }, [open, form]);

  // A target once set stays (PUT only): clearing it would silently do nothing, so say so.
  const keep = (had: number | undefined | null) => ({
    validator: (_: unknown, value: number | null | undefined) =>
      typeof had === 'number' && (value === null || value === undefined)
        ? Promise.reject(new Error(t('dashboard.targets.cannotClear')))
        : Promise.resolve(),
  });

  const close = () => {
    setSaveError(undefined);
    onClose();
  };

  const save = async () => {
    if (!before) return;
    const values = await form.validateFields();
    const requests = changes(before, values, scope.organizationId);
    if (requests.length === 0) {
      close();
      return;
    }
    setSaving(true);
    setSaveError(undefined);
    try {
      for (const body of requests) await dashboardApi.setTarget(scope.year, body);
      message.success(t('dashboard.targets.saved'));
      loaded.reload(); // the next opening reads them afresh
      onSaved();
      close();
    } catch (error) {
      setSaveError(error);
    } finally {
      setSaving(false);
    }
  };

  const number = (testId: string) => (
    <InputNumber<number>
      min={0}
      max={MAX}
      precision={0}
      style={{ width: '100%' }}
      placeholder={t('dashboard.targets.unset')}
      data-testid={testId}
    />
  );

  return (
    <Modal
      open={open}
      title={t('dashboard.targets.title', { year: scope.year, scope: scopeName })}
      onCancel={close}
      footer={
        <Flex justify="end" gap={8}>
          <Button onClick={close}>{t('common.cancel')}</Button>
          <Button
            type="primary"
            onClick={() => void save()}
            loading={saving}
            disabled={!before}
            data-testid="targets-save"
          >
            {t('common.save')}
          </Button>
        </Flex>
      }
      width={640}
      destroyOnHidden
      data-testid="targets-editor"
    >
      <Typography.Paragraph type="secondary">{t('dashboard.targets.hint')}</Typography.Paragraph>
      {saveError !== undefined && (
        <Alert type="error" showIcon title={errorMessage(t, saveError)} style={{ marginBottom: 12 }} />
      )}
      {loaded.error !== undefined && !before ? (
        <Alert type="error" showIcon title={errorMessage(t, loaded.error)} />
      ) : !before ? (
        <Skeleton active />
      ) : (
        <Form form={form} layout="vertical" requiredMark={false} initialValues={before}>
          <Row gutter={16}>
            {METRICS.map((metric) => (
              <Col xs={24} sm={12} key={metric}>
                <Form.Item
                  name={['total', metric]}
                  label={t(`dashboard.metric.${metric}`)}
                  rules={[keep(before.total[metric])]}
                >
                  {number(`target-input-${metric}`)}
                </Form.Item>
              </Col>
            ))}
          </Row>
          <Collapse
            size="small"
            items={EVENT_METRICS.map((metric) => ({
              key: metric,
              label: t('dashboard.targets.byType', { metric: t(`dashboard.metric.${metric}`) }),
              forceRender: true,
              children: (
                <Row gutter={12}>
                  {EVENT_TYPES.map((type) => (
                    <Col xs={12} sm={8} key={type}>
                      <Form.Item
                        name={['byType', metric, type]}
                        label={t(`eventType.${type}`)}
                        rules={[keep(before.byType[metric]?.[type])]}
                      >
                        {number(`target-input-${metric}-${type}`)}
                      </Form.Item>
                    </Col>
                  ))}
                </Row>
              ),
            }))}
          />
        </Form>
      )}
    </Modal>
  );
}
