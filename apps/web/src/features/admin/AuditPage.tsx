import { Flex, Select, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AuditEntryView, AuditListQuery } from '@wutong/shared';
import { formatDateTime } from '../../shared/format';
import { currentLocale } from '../../shared/i18n/index';
import { ScrollFrame } from '../../shared/ScrollHint';
import { useLoad } from '../../shared/useLoad';
import { adminApi } from './api-accounts';
import { adminErrorMessage } from './messages';
import { useListParams } from '../../shared/useListParams';

/** What the log records, grouped for the filter (an action's words come from admin.audit.actions). */
const TARGET_TYPES = [
  'user',
  'organization',
  'event',
  'registration',
  'check_in',
  'booking',
  'target',
  'company',
];

/** /admin/audit: who did what, newest first, 50 a page; filtered by what was acted on. */
export function AuditPage() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const [params, set] = useListParams();
  const page = Math.max(1, Number(params.get('page')) || 1);
  const targetType = params.get('targetType') ?? undefined;
  const query: AuditListQuery = { targetType, page };
  const log = useLoad(JSON.stringify(query), () => adminApi.audit(query));
  // Readable words for known actions; an unknown one shows as recorded.
  const actionName = (action: string) =>
    t(`admin.audit.actions.${action.replace(/\./g, '_')}`, { defaultValue: action });

  const columns: TableColumnsType<AuditEntryView> = [
    {
      title: t('admin.audit.when'),
      dataIndex: 'createdAt',
      render: (v: string) => formatDateTime(v, 'Asia/Shanghai', locale),
    },
    {
      title: t('admin.audit.who'),
      key: 'actor',
      render: (_, e) => e.actor?.displayName ?? t('admin.audit.system'),
    },
    {
      title: t('admin.audit.action'),
      dataIndex: 'action',
      render: (v: string) => (
        <Flex vertical>
          <span data-testid="audit-action">{actionName(v)}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {v}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('admin.audit.target'),
      key: 'target',
      render: (_, e) => (
        <Flex vertical>
          <Tag>{t(`admin.audit.targets.${e.targetType}`, { defaultValue: e.targetType })}</Tag>
          {e.targetId && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {e.targetId}
            </Typography.Text>
          )}
        </Flex>
      ),
    },
  ];

  return (
    <Flex vertical gap={16} className="wt-page-wide">
      <Typography.Title level={1} className="wt-page-title" style={{ margin: 0 }}>
        {t('admin.audit.title')}
      </Typography.Title>
      <Select
        allowClear
        value={targetType}
        placeholder={t('admin.audit.anyTarget')}
        aria-label={t('admin.audit.target')}
        onChange={(v?: string) => set({ targetType: v })}
        options={TARGET_TYPES.map((type) => ({ value: type, label: t(`admin.audit.targets.${type}`) }))}
        style={{ width: 180 }}
        data-testid="audit-target"
      />
      {log.error !== undefined && (
        <Typography.Text type="danger">{adminErrorMessage(t, log.error)}</Typography.Text>
      )}
      <ScrollFrame label={t('admin.audit.title')}>
        <Table<AuditEntryView>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={log.data?.items ?? []}
          loading={log.loading}
          scroll={{ x: 'max-content' }}
          pagination={false}
          data-testid="audit-table"
        />
      </ScrollFrame>
      <Flex gap={8}>
        <a
          aria-disabled={page <= 1}
          onClick={() => page > 1 && set({ page: String(page - 1) })}
          style={{ visibility: page > 1 ? 'visible' : 'hidden' }}
        >
          {t('admin.audit.newer')}
        </a>
        <a
          onClick={() => set({ page: String(page + 1) })}
          style={{ visibility: (log.data?.items.length ?? 0) === 50 ? 'visible' : 'hidden' }}
        >
          {t('admin.audit.older')}
        </a>
      </Flex>
    </Flex>
  );
}
