import { App, Button, Flex } from 'antd';
import {
  CopyOutlined,
  DownloadOutlined,
  EditOutlined,
  EyeOutlined,
  RetweetOutlined,
  SendOutlined,
  StopOutlined,
} from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { EventView } from '@wutong/shared';
import { errorMessage } from '../../shared/api/errors';
import { downloadFile, exportDay, exportFileName } from '../../shared/api/download';
import { manageEventsApi } from '../events/api';
import { DuplicateDialog } from './DuplicateDialog';
import { SeriesDialog } from './SeriesDialog';

/** Edit, publish, cancel, duplicate, repeat as a series, view as the public sees it, export registrants. */
export function EventActions({
  event,
  onChanged,
  onSeriesCreated,
}: {
  event: EventView;
  onChanged: (event: EventView) => void;
  onSeriesCreated: () => void;
}) {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const [busy, setBusy] = useState<string | null>(null);
  const [dialog, setDialog] = useState<'duplicate' | 'series' | null>(null);

  const run = async (what: string, action: () => Promise<EventView>, done: string) => {
    setBusy(what);
    try {
      onChanged(await action());
      void message.success(t(done));
    } catch (e) {
      void message.error(errorMessage(t, e));
    } finally {
      setBusy(null);
    }
  };

  const publish = () =>
    modal.confirm({
      title: t('manageEvents.publishTitle'),
      content: t('manageEvents.publishText'),
      okText: t('manageEvents.publish'),
      okButtonProps: { 'data-testid': 'confirm-publish' },
      onOk: () => run('publish', () => manageEventsApi.publish(event.id), 'manageEvents.published'),
    });

  const cancel = () =>
    modal.confirm({
      title: t('manageEvents.cancelTitle'),
      content: t('manageEvents.cancelText', { count: event.seatsTaken + event.waitlistCount }),
      okText: t('manageEvents.cancelEvent'),
      okButtonProps: { danger: true, 'data-testid': 'confirm-cancel-event' },
      cancelText: t('manageEvents.keepEvent'),
      onOk: () => run('cancel', () => manageEventsApi.cancel(event.id), 'manageEvents.cancelledDone'),
    });

  const exportCsv = async () => {
    setBusy('csv');
    try {
      await downloadFile(
        `/events/${event.id}/registrations.csv`,
        exportFileName(
          [t('manageEvents.exportName'), event.title, exportDay(event.startsAt, event.timeZone)],
          'csv',
        ),
      );
    } catch (e) {
      void message.error(errorMessage(t, e));
    } finally {
      setBusy(null);
    }
  };

  const live = event.status === 'draft' || event.status === 'published';
  return (
    <Flex gap={8} wrap data-testid="event-actions">
      {event.status === 'draft' && (
        <Button
          type="primary"
          icon={<SendOutlined />}
          loading={busy === 'publish'}
          onClick={publish}
          data-testid="publish-event"
        >
          {t('manageEvents.publish')}
        </Button>
      )}
      {live && (
        <Link to={`/manage/events/${event.id}/edit`}>
          <Button icon={<EditOutlined />} data-testid="edit-event">
            {t('manageEvents.edit')}
          </Button>
        </Link>
      )}
      <Button icon={<CopyOutlined />} onClick={() => setDialog('duplicate')} data-testid="duplicate-event">
        {t('organizerTools.duplicate.action')}
      </Button>
      {live && (
        <Button icon={<RetweetOutlined />} onClick={() => setDialog('series')} data-testid="make-series">
          {t('organizerTools.series.action')}
        </Button>
      )}
      <Link to={`/events/${event.id}`}>
        <Button icon={<EyeOutlined />}>{t('manageEvents.viewPublic')}</Button>
      </Link>
      <Button
        icon={<DownloadOutlined />}
        loading={busy === 'csv'}
        onClick={() => void exportCsv()}
        data-testid="export-csv"
      >
        {t('manageEvents.exportCsv')}
      </Button>
      {live && (
        <Button
          danger
          icon={<StopOutlined />}
          loading={busy === 'cancel'}
          onClick={cancel}
          data-testid="cancel-event"
        >
          {t('manageEvents.cancelEvent')}
        </Button>
      )}
      {dialog === 'duplicate' && <DuplicateDialog event={event} onClose={() => setDialog(null)} />}
      {dialog === 'series' && (
        <SeriesDialog event={event} onClose={() => setDialog(null)} onCreated={onSeriesCreated} />
      )}
    </Flex>
  );
}
