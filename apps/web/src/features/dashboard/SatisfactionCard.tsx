import { Card, Col, Empty, Flex, Row, Statistic, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DashboardSatisfaction, SatisfactionRow } from '@wutong/shared';
import { ScrollFrame } from '../../shared/ScrollHint';
import { EChart } from './EChart';

/** Satisfaction of the year's events: the total, a chart by event type, a table by carrier. */
export function SatisfactionCard({ satisfaction }: { satisfaction: DashboardSatisfaction }) {
  const { t } = useTranslation();
  const { total, byType, byCarrier } = satisfaction;
  const figure = (v: number | null, precision?: number) => (v === null ? '—' : v.toFixed(precision ?? 0));
  return (
    <Card title={t('surveys.dashboard.title')} style={{ marginTop: 16 }} data-testid="dashboard-satisfaction">
      {total.responses === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('surveys.dashboard.empty')} />
      ) : (
        <Flex vertical gap={16}>
          <Flex gap={32} wrap>
            <Statistic title={t('surveys.results.responses')} value={total.responses} />
            <Statistic title={t('surveys.results.average')} value={figure(total.average, 2)} />
            <Statistic title={t('surveys.results.nps')} value={figure(total.nps)} />
          </Flex>
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={12}>
              <EChart
                height={Math.max(160, byType.length * 36 + 40)}
                label={t('surveys.dashboard.byType')}
                testId="satisfaction-by-type"
                option={{
                  grid: { left: 96, right: 24, top: 24, bottom: 24 },
                  tooltip: { trigger: 'axis' },
                  legend: { data: [t('surveys.results.average')] },
                  xAxis: { type: 'value', min: 0, max: 5 },
                  yAxis: { type: 'category', data: byType.map((r) => t(`eventType.${r.key}`)) },
                  series: [
                    {
                      name: t('surveys.results.average'),
                      type: 'bar',
                      data: byType.map((r) => r.average ?? 0),
                      label: { show: true, position: 'right' },
                    },
                  ],
                }}
              />
            </Col>
            <Col xs={24} xl={12}>
              <ScrollFrame label={t('surveys.dashboard.carrier')}>
                <Table<SatisfactionRow>
                  size="small"
                  rowKey="key"
                  pagination={false}
                  dataSource={byCarrier}
                  scroll={{ x: true }}
                  columns={[
                    { title: t('surveys.dashboard.carrier'), dataIndex: 'name' },
                    { title: t('surveys.results.responses'), dataIndex: 'responses', align: 'right' },
                    {
                      title: t('surveys.results.average'),
                      dataIndex: 'average',
                      align: 'right',
                      render: (v: number | null) => figure(v, 2),
                    },
                    {
                      title: t('surveys.results.nps'),
                      dataIndex: 'nps',
                      align: 'right',
                      render: (v: number | null) => figure(v),
                    },
                  ]}
                />
              </ScrollFrame>
            </Col>
          </Row>
        </Flex>
      )}
    </Card>
  );
}
