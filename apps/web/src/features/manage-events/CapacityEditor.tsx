import { App, Button, Flex, InputNumber, Statistic, Row, Col } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_CAPACITY } from '@wutong/shared';
import type { EventView } from '@wutong/shared';
import { errorMessage } from '../../shared/api/errors';
import { manageEventsApi } from '../events/api';

/** Seats at a glance, and changing the capacity (raising it promotes the waitlist). */
export function CapacityEditor({
  event,
  onChanged,
}: {
  event: EventView;
  onChanged: (event: EventView) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [capacity, setCapacity] = useState<number | null>(event.capacity);
  const [busy, setBusy] = useState(false);
  const editable = event.status === 'draft' || event.status === 'published';

  const save = async () => {
    if (capacity === null || capacity === event.capacity) return;
    setBusy(true);
    try {
      onChanged(await manageEventsApi.update(event.id, { capacity }));
      void message.success(t('manageEvents.capacitySaved'));
    } catch (e) {
      void message.error(errorMessage(t, e));
      setCapacity(event.capacity);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Flex vertical gap={12}>
      <Row gutter={[12, 12]}>
        <Col xs={12} md={6}>
          <Statistic title={t('manageEvents.stats.capacity')} value={event.capacity} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={t('manageEvents.stats.taken')} value={event.seatsTaken} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={t('manageEvents.stats.left')} value={event.seatsLeft} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={t('manageEvents.stats.waitlist')} value={event.waitlistCount} />
        </Col>
      </Row>
      {editable && (
        <Flex gap={8} align="center" wrap>
          <span>{t('manageEvents.changeCapacity')}</span>
          <InputNumber
            min={1}
            max={MAX_CAPACITY}
            precision={0}
            value={capacity}
            onChange={(v) => setCapacity(v)}
            aria-label={t('manageEvents.changeCapacity')}
            data-testid="capacity-input"
          />
          <Button
            onClick={() => void save()}
            loading={busy}
            disabled={capacity === null || capacity === event.capacity}
            data-testid="save-capacity"
          >
            {t('common.save')}
          </Button>
        </Flex>
      )}
    </Flex>
  );
}
