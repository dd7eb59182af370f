import { Alert, Button, Card, Col, Flex, Row, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { navItemsFor } from './nav';
import { NAV_ICONS } from './navIcons';
import { useAuth } from '../shared/session/auth-context';
import { UpNext } from './UpNext';
import { WaitingSurveys } from '../features/surveys/WaitingSurveys';

/** The signed-in start page: a greeting, what is next for me, a founder's nudge to add the company, and the menu as cards. */
export function WelcomePage() {
  const { t } = useTranslation();
  const { user } = useAuth();
  if (!user) return null;

  return (
    <Flex vertical gap={16}>
      <div>
        <Typography.Title
          level={1}
          className="wt-page-title"
          style={{ marginTop: 0 }}
          data-testid="welcome-title"
        >
          {t('welcome.title', { name: user.displayName })}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('welcome.text')}</Typography.Paragraph>
        <Space wrap size={[4, 4]}>
          <Typography.Text type="secondary">{t('welcome.roles')}</Typography.Text>
          {user.roles.map((role) => (
            <Tag key={role} color={role === 'founder' ? 'green' : 'blue'}>
              {t(`role.${role}`)}
            </Tag>
          ))}
        </Space>
      </div>
      <UpNext />
      <WaitingSurveys hideWhenEmpty />
      {/* Company details are a founder's matter: staff (organizers, mentors, admins) are not asked. */}
      {!user.company && user.roles.every((role) => role === 'founder') && (
        <Alert
          type="info"
          showIcon
          title={t('welcome.completeCompany')}
          action={
            <Link to="/profile">
              <Button size="small" type="primary">
                {t('welcome.completeCompanyAction')}
              </Button>
            </Link>
          }
        />
      )}
      <Row gutter={[12, 12]}>
        {navItemsFor(user.roles).map((item) => (
          <Col xs={12} md={8} lg={6} key={item.path}>
            <Link to={item.path}>
              <Card hoverable size="small" style={{ textAlign: 'center' }}>
                <div style={{ fontSize: 22, color: '#1f7a4d', marginBottom: 4 }}>{NAV_ICONS[item.path]}</div>
                {t(item.label)}
              </Card>
            </Link>
          </Col>
        ))}
      </Row>
    </Flex>
  );
}
