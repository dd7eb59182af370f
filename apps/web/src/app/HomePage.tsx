import { Button, Card, Col, Flex, Row, Typography } from 'antd';
import { BarChartOutlined, CalendarOutlined, HomeOutlined, TeamOutlined } from '@ant-design/icons';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';

const FEATURES: { key: string; icon: ReactNode }[] = [
  { key: 'events', icon: <CalendarOutlined /> },
  { key: 'mentors', icon: <TeamOutlined /> },
  { key: 'organizers', icon: <HomeOutlined /> },
  { key: 'reports', icon: <BarChartOutlined /> },
];

/** What Wutong is, for visitors who are not signed in. */
export function HomePage() {
  const { t } = useTranslation();
  return (
    <>
      <section className="wt-hero">
        <Typography.Title style={{ color: '#1f7a4d', marginBottom: 16 }} data-testid="home-title">
          {t('home.heroTitle')}
        </Typography.Title>
        <Typography.Paragraph style={{ fontSize: 16, maxWidth: 680, margin: '0 auto 28px' }}>
          {t('home.heroText')}
        </Typography.Paragraph>
        <Flex gap={12} justify="center" wrap>
          <Link to="/signup">
            <Button type="primary" size="large">
              {t('home.start')}
            </Button>
          </Link>
          <Link to="/events">
            <Button size="large">{t('home.browseEvents')}</Button>
          </Link>
          <Link to="/login">
            <Button size="large" type="text">
              {t('home.haveAccount')}
            </Button>
          </Link>
        </Flex>
      </section>
      <section className="wt-features">
        <Typography.Title level={4} style={{ textAlign: 'center', marginBottom: 20 }}>
          {t('home.featuresTitle')}
        </Typography.Title>
        <Row gutter={[16, 16]}>
          {FEATURES.map(({ key, icon }) => (
            <Col xs={24} sm={12} lg={6} key={key}>
              <Card style={{ height: '100%' }}>
                <Typography.Title level={5} style={{ marginTop: 0 }}>
                  <span style={{ color: '#1f7a4d', marginInlineEnd: 8 }}>{icon}</span>
                  {t(`home.${key}Title`)}
                </Typography.Title>
                <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
                  {t(`home.${key}Text`)}
                </Typography.Paragraph>
              </Card>
            </Col>
          ))}
        </Row>
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center', marginTop: 24 }}>
          {t('home.audience')}
        </Typography.Paragraph>
      </section>
    </>
  );
}
