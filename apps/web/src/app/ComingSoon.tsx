import { Button, Result } from 'antd';
import { RocketOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';

/** Placeholder for a feature that is not built yet: says so plainly, shows no made-up data. */
export function ComingSoon({ feature }: { feature: string }) {
  const { t } = useTranslation();
  return (
    <Result
      icon={<RocketOutlined style={{ color: '#1f7a4d' }} />}
      title={t('comingSoon.title', { feature: t(feature) })}
      subTitle={t('comingSoon.description')}
      extra={
        <Link to="/">
          <Button>{t('comingSoon.back')}</Button>
        </Link>
      }
      data-testid="coming-soon"
    />
  );
}
