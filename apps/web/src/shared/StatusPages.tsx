import { Flex, Spin } from 'antd';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { lazyPage } from './lazy';

// antd's Result carries large illustrations: loaded only when a page is missing or forbidden.
const NotFound = lazyPage(() => import('./ErrorPages'), 'NotFoundPage');
const Forbidden = lazyPage(() => import('./ErrorPages'), 'ForbiddenPage');

export function NotFoundPage() {
  return (
    <Suspense fallback={<FullPageSpinner />}>
      <NotFound />
    </Suspense>
  );
}

export function ForbiddenPage() {
  return (
    <Suspense fallback={<FullPageSpinner />}>
      <Forbidden />
    </Suspense>
  );
}

export function FullPageSpinner() {
  const { t } = useTranslation();
  return (
    <Flex align="center" justify="center" style={{ minHeight: '60vh' }}>
      <Spin size="large" description={t('common.loading')} />
    </Flex>
  );
}
