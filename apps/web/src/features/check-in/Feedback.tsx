import {
  CheckCircleFilled,
  CloseCircleFilled,
  ExclamationCircleFilled,
  InfoCircleFilled,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CheckInResponse } from '@wutong/shared';
import { currentLocale } from '../../shared/i18n/index';
import { timeOrDateTime } from '../../shared/format';

/** What the last scan, search or walk-in came to. */
export type DoorResult =
  | { kind: 'success'; response: CheckInResponse }
  | { kind: 'already'; response: CheckInResponse }
  | { kind: 'notFound'; code?: string }
  | { kind: 'notConfirmed'; name: string | null; status: string | null }
  | { kind: 'error'; message: string };

const ICONS: Record<DoorResult['kind'], ReactNode> = {
  success: <CheckCircleFilled />,
  already: <InfoCircleFilled />,
  notFound: <CloseCircleFilled />,
  notConfirmed: <ExclamationCircleFilled />,
  error: <CloseCircleFilled />,
};

/** The full-width, colour-coded answer a door keeper reads at a glance: green, blue, red, orange. */
export function Feedback({ result, timeZone }: { result: DoorResult; timeZone: string }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  let title: string;
  let name: string | null = null;
  let detail: string | null = null;
  switch (result.kind) {
    case 'success': {
      const { attendee } = result.response;
      title = t('checkIn.feedback.success');
      name = attendee.name;
      detail =
        attendee.kind === 'walk_in'
          ? t('checkIn.feedback.walkIn')
          : (attendee.companyName ?? t('checkIn.feedback.registered'));
      break;
    }
    case 'already':
      title = t('checkIn.feedback.already');
      name = result.response.attendee.name;
      detail = t('checkIn.feedback.firstAt', {
        time: timeOrDateTime(result.response.checkIn.checkedInAt, timeZone, locale),
      });
      break;
    case 'notFound':
      title = t('checkIn.feedback.notFound');
      detail = t('checkIn.feedback.notFoundDetail');
      break;
    case 'notConfirmed':
      title = t('checkIn.feedback.notConfirmed');
      name = result.name;
      detail = result.status
        ? t('checkIn.feedback.statusIs', {
            status: t(`registrationStatus.${result.status}`, { defaultValue: result.status }),
          })
        : t('checkIn.feedback.notConfirmedDetail');
      break;
    default:
      title = t('checkIn.feedback.error');
      detail = result.message;
  }
  return (
    <div
      className={`wt-door-feedback wt-door-feedback-${result.kind}`}
      role="status"
      aria-live="assertive"
      data-testid="door-feedback"
      data-kind={result.kind}
    >
      <div className="wt-door-feedback-title">
        {ICONS[result.kind]} <span data-testid="feedback-title">{title}</span>
      </div>
      {name && (
        <div className="wt-door-feedback-name" data-testid="feedback-name">
          {name}
        </div>
      )}
      {detail && <div className="wt-door-feedback-detail">{detail}</div>}
    </div>
  );
}
