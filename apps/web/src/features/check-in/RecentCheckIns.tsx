import { App, Button, Card, List, Popconfirm, Tag, Typography } from 'antd';
import { UndoOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CheckInResponse } from '@wutong/shared';
import { doorErrorMessage } from './messages';
import { currentLocale } from '../../shared/i18n/index';
import { checkInApi } from './api';
import { timeOrDateTime } from '../../shared/format';

interface Props {
  recent: CheckInResponse[] | undefined;
  timeZone: string;
  onUndone: () => void;
  /** Door staff undo only their own check-ins: the id of the one whose undo buttons to show, else all. */
  onlyUndoBy?: string;
}

/** The latest check-ins of the session (every door's), each with an undo for a mistaken one. */
export function RecentCheckIns({ recent, timeZone, onUndone, onlyUndoBy }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const locale = currentLocale();
  const [busy, setBusy] = useState<string | null>(null);

  return (
    <Card size="small" title={t('checkIn.recent.title')} data-testid="recent-check-ins">
      <List
        size="small"
        loading={recent === undefined}
        dataSource={recent ?? []}
        locale={{ emptyText: t('checkIn.recent.empty') }}
        renderItem={({ checkIn, attendee }) => (
          <List.Item
            actions={(onlyUndoBy && checkIn.checkedInBy !== onlyUndoBy ? [] : [null]).map(() => (
              <Popconfirm
                key="undo"
                title={t('checkIn.recent.undoConfirm', { name: attendee.name })}
                okText={t('checkIn.recent.undo')}
                cancelText={t('common.cancel')}
                onConfirm={async () => {
                  setBusy(checkIn.id);
                  try {
                    await checkInApi.undo(checkIn.id);
                    message.success(t('checkIn.recent.undone', { name: attendee.name }));
                    onUndone();
                  } catch (error) {
                    message.error(doorErrorMessage(t, error));
                  } finally {
                    setBusy(null);
                  }
                }}
              >
                <Button size="small" icon={<UndoOutlined />} loading={busy === checkIn.id}>
                  {t('checkIn.recent.undo')}
                </Button>
              </Popconfirm>
            ))}
          >
            <List.Item.Meta
              title={
                <span>
                  {attendee.name}{' '}
                  {attendee.kind === 'walk_in' && <Tag color="purple">{t('checkIn.feedback.walkIn')}</Tag>}
                </span>
              }
              description={
                <Typography.Text type="secondary">
                  {timeOrDateTime(checkIn.checkedInAt, timeZone, locale)} ·{' '}
                  {t(`checkIn.method.${checkIn.method}`)}
                  {attendee.companyName ? ` · ${attendee.companyName}` : ''}
                </Typography.Text>
              }
            />
          </List.Item>
        )}
      />
    </Card>
  );
}
