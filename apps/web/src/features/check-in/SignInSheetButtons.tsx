import { App, Button } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { exportDay } from '@wutong/shared';
import { errorMessage } from '../../shared/api/errors';
import { exportFileName } from '../../shared/api/download';
import { checkInApi } from './api';

interface Props {
  sessionId: string;
  eventTitle: string;
  startsAt: string;
  timeZone: string;
}

/** 签到表: the session's printable sheet, blank (to sign at the door) or filled (the record after). */
export function SignInSheetButtons({ sessionId, eventTitle, startsAt, timeZone }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [busy, setBusy] = useState<'blank' | 'filled' | null>(null);
  const download = async (filled: boolean) => {
    setBusy(filled ? 'filled' : 'blank');
    try {
      const name = t(filled ? 'checkIn.signInSheet.filledFile' : 'checkIn.signInSheet.blankFile');
      await checkInApi.signInSheet(
        sessionId,
        filled,
        exportFileName([name, eventTitle, exportDay(startsAt, timeZone)], 'pdf'),
      );
    } catch (error) {
      message.error(errorMessage(t, error));
    } finally {
      setBusy(null);
    }
  };
  return (
    <>
      <Button
        icon={<PrinterOutlined />}
        loading={busy === 'blank'}
        onClick={() => void download(false)}
        data-testid="sign-in-sheet-blank"
      >
        {t('checkIn.signInSheet.blank')}
      </Button>
      <Button
        icon={<PrinterOutlined />}
        loading={busy === 'filled'}
        onClick={() => void download(true)}
        data-testid="sign-in-sheet-filled"
      >
        {t('checkIn.signInSheet.filled')}
      </Button>
    </>
  );
}
