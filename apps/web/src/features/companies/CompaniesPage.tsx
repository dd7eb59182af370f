import { Alert, Empty, Flex, Input, List, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { errorMessage } from '../../shared/api/errors';
import { formatNumber } from '../../shared/format';
import { useListParams } from '../../shared/useListParams';
import { useLoad } from '../../shared/useLoad';
import { companiesApi } from './api';

/** /manage/companies: the base's staff find a company by name or credit code and open its file. */
export function CompaniesPage() {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useListParams();
  const q = params.get('q')?.trim() ?? '';
  const { data, error, loading } = useLoad(q ? `companies-${q}` : null, () => companiesApi.search(q));
  return (
    <Flex vertical gap={16} style={{ maxWidth: 760 }}>
      <Typography.Title level={1} className="wt-page-title" style={{ margin: 0 }}>
        {t('companyFile.searchTitle')}
      </Typography.Title>
      <Input.Search
        defaultValue={q}
        allowClear
        enterButton
        placeholder={t('companyFile.searchPlaceholder')}
        aria-label={t('companyFile.searchPlaceholder')}
        onSearch={(v) => setParams({ q: v.trim() || undefined })}
        data-testid="company-search"
      />
      {!q ? (
        <Typography.Text type="secondary">{t('companyFile.searchHelp')}</Typography.Text>
      ) : error ? (
        <Alert type="error" showIcon title={errorMessage(t, error)} />
      ) : loading && !data ? (
        <Spin />
      ) : !data?.length ? (
        <Empty description={t('companyFile.noneFound')} />
      ) : (
        <List
          bordered
          dataSource={data}
          renderItem={(c) => (
            <List.Item data-testid="company-result">
              <Flex vertical gap={2}>
                {c.creditCode ? (
                  <Link to={`/companies/${c.creditCode}`}>{c.name}</Link>
                ) : (
                  <Typography.Text>{c.name}</Typography.Text>
                )}
                <Typography.Text type="secondary">
                  {c.creditCode ?? t('companyFile.noCode')} ·{' '}
                  {t('companyFile.members', { count: c.members, n: formatNumber(c.members, i18n.language) })}
                </Typography.Text>
              </Flex>
            </List.Item>
          )}
        />
      )}
    </Flex>
  );
}
