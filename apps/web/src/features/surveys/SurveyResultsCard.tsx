import { Card, Empty, Flex, List, Statistic, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { SurveyQuestionResult, SurveyResults } from '@wutong/shared';
import { EChart } from '../dashboard/EChart';

function Distribution({ result }: { result: SurveyQuestionResult }) {
  const { t } = useTranslation();
  const counts = result.counts ?? {};
  const keys = Object.keys(counts);
  return (
    <EChart
      height={180}
      label={t('surveys.results.distribution', { question: result.label })}
      testId={`survey-chart-${result.id}`}
      option={{
        grid: { left: 32, right: 8, top: 8, bottom: 24 },
        tooltip: { trigger: 'axis' },
        xAxis: { type: 'category', data: keys },
        yAxis: { type: 'value', minInterval: 1 },
        series: [{ type: 'bar', data: keys.map((k) => counts[k]), itemStyle: { color: '#1677ff' } }],
      }}
    />
  );
}

/** An event's results: how many answered, then per question its figure, chart or comments. */
export function SurveyResultsCard({ results }: { results: SurveyResults }) {
  const { t } = useTranslation();
  return (
    <Card title={t('surveys.results.title')} data-testid="survey-results">
      <Flex gap={32} wrap style={{ marginBottom: 16 }}>
        <Statistic title={t('surveys.results.invited')} value={results.invited} />
        <Statistic title={t('surveys.results.responses')} value={results.responses} />
      </Flex>
      <Flex vertical gap={12}>
        {results.questions.map((q) => (
          <Card key={q.id} size="small" title={q.label} data-testid={`survey-result-${q.id}`}>
            <Flex gap={32} wrap>
              <Statistic title={t('surveys.results.answered')} value={q.answered} />
              {q.kind === 'rating' && (
                <Statistic
                  title={t('surveys.results.average')}
                  value={q.average ?? '—'}
                  precision={q.average == null ? undefined : 2}
                />
              )}
              {q.kind === 'nps' && <Statistic title={t('surveys.results.nps')} value={q.nps ?? '—'} />}
            </Flex>
            {q.counts && q.answered > 0 && <Distribution result={q} />}
            {q.kind === 'text' &&
              (q.comments && q.comments.length > 0 ? (
                <List
                  size="small"
                  dataSource={q.comments}
                  renderItem={(c) => (
                    <List.Item>
                      <Typography.Text>{c}</Typography.Text>
                    </List.Item>
                  )}
                />
              ) : (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('surveys.results.noComments')} />
              ))}
          </Card>
        ))}
      </Flex>
    </Card>
  );
}
