import { Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { SessionLiveCount } from '@wutong/shared';
import { errorMessage } from '../../shared/api/errors';

/**
 * "报名到场 12 / 报名 40", refreshed by polling; every door of the session shows the same numbers. The
 * fraction counts registrants present (the API's checkedIn less walk-ins), so it never passes 100%;
 * walk-ins and the total present are on the line below.
 */
export function LiveCount({
  live,
  error,
  large,
}: {
  live?: SessionLiveCount;
  error?: unknown;
  large?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Flex
      vertical
      align="center"
      className={`wt-live-count${large ? ' wt-live-count-large' : ''}`}
      data-testid="live-count"
    >
      <div className="wt-live-count-numbers" data-testid="live-count-text">
        {live
          ? t('checkIn.count', { checkedIn: live.checkedIn - live.walkIns, registered: live.registered })
          : t('checkIn.countLoading')}
      </div>
      {live && live.walkIns > 0 && (
        <Typography.Text type="secondary" className="wt-live-count-extra" data-testid="live-count-walk-ins">
          {t('checkIn.walkInCount', { count: live.walkIns, total: live.checkedIn })}
        </Typography.Text>
      )}
      {error !== undefined && (
        <Typography.Text type="danger">
          {t('checkIn.countStale', { reason: errorMessage(t, error) })}
        </Typography.Text>
      )}
    </Flex>
  );
}
