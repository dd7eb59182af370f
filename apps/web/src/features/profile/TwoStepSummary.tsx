import { Button, Card, Flex, Tag, Typography } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useLoad } from '../../shared/useLoad';
import { SECURITY_PATH, mfaApi } from './mfaApi';

/** The profile page's card for two-step sign-in: on or off, and the way to the page that changes it. */
export function TwoStepSummary() {
  const { t } = useTranslation();
  const { data } = useLoad('mfa', mfaApi.status);

  return (
    <Card
      title={
        <Flex align="center" gap={8} wrap>
          <SafetyCertificateOutlined style={{ color: '#1f7a4d' }} />
          {t('mfa.cardTitle')}
          {data && (
            <Tag color={data.enabled ? 'green' : 'default'} data-testid="profile-mfa-status">
              {data.enabled ? t('mfa.statusOn') : t('mfa.statusOff')}
            </Tag>
          )}
        </Flex>
      }
    >
      <Flex vertical gap={12} align="flex-start">
        <Typography.Text type="secondary">{t('mfa.summary')}</Typography.Text>
        <Link to={SECURITY_PATH} data-testid="profile-mfa-link">
          <Button>{data?.enabled ? t('mfa.manage') : t('mfa.start')}</Button>
        </Link>
      </Flex>
    </Card>
  );
}
