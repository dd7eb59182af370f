import { FormOutlined } from '@ant-design/icons';
import { Card, Empty, List, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { browserZone, formatDateTime } from '../../shared/format';
import { currentLocale } from '../../shared/i18n/index';
import { useAuth } from '../../shared/session/auth-context';
import { useLoad } from '../../shared/useLoad';
import { surveysApi } from './api';

/** 待填问卷: surveys of events I attended that I have not answered (home and /me/surveys). */
export function WaitingSurveys({ hideWhenEmpty = false }: { hideWhenEmpty?: boolean }) {
  const { t } = useTranslation();
  const { user } = useAuth();
  const zone = user?.timeZone ?? browserZone();
  const loaded = useLoad('my-surveys', () => surveysApi.waiting());
  const list = loaded.data ?? [];
  if (hideWhenEmpty && list.length === 0) return null;
  return (
    <Card title={t('surveys.waiting.title')} size="small" data-testid="waiting-surveys">
      {list.length === 0 ? (
        <Empty description={t('surveys.waiting.empty')} image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        <List
          dataSource={list}
          renderItem={(s) => (
            <List.Item
              actions={[
                <Link key="answer" to={`/me/surveys/${s.eventId}`}>
                  <FormOutlined /> {t('surveys.waiting.answer')}
                </Link>,
              ]}
            >
              <List.Item.Meta
                title={s.eventTitle}
                description={
                  <Typography.Text type="secondary">
                    {s.organizationName} · {formatDateTime(s.endedAt, zone, currentLocale())}
                  </Typography.Text>
                }
              />
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

export function MySurveysPage() {
  const { t } = useTranslation();
  return (
    <>
      <Typography.Title level={1} className="wt-page-title">
        {t('surveys.waiting.title')}
      </Typography.Title>
      <WaitingSurveys />
    </>
  );
}
