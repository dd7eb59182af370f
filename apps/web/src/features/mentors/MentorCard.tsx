import { Avatar, Card, Flex, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { MentorSummary } from '@wutong/shared';
import { CATEGORY_COLORS, expertiseLabel } from './labels';

export function MentorCard({ mentor }: { mentor: MentorSummary }) {
  const { t } = useTranslation();
  return (
    <Link to={`/mentors/${mentor.id}`} data-testid="mentor-card">
      <Card hoverable size="small" style={{ height: '100%' }}>
        <Flex gap={12} align="flex-start">
          <Avatar
            size={48}
            src={mentor.photoUrl ?? undefined}
            style={{ backgroundColor: '#1f7a4d', flex: 'none' }}
          >
            {mentor.displayName.charAt(0)}
          </Avatar>
          <Flex vertical gap={4} style={{ minWidth: 0 }}>
            <Space size={6} wrap>
              <Typography.Text strong style={{ fontSize: 16 }}>
                {mentor.displayName}
              </Typography.Text>
              <Tag color={CATEGORY_COLORS[mentor.category]}>{t(`mentorCategory.${mentor.category}`)}</Tag>
            </Space>
            {(mentor.title || mentor.affiliation) && (
              <Typography.Text type="secondary" ellipsis>
                {[mentor.affiliation, mentor.title].filter(Boolean).join(' · ')}
              </Typography.Text>
            )}
            <Space size={[4, 4]} wrap>
              {mentor.expertise.slice(0, 6).map((tag) => (
                <Tag key={tag} bordered={false}>
                  {expertiseLabel(t, tag)}
                </Tag>
              ))}
            </Space>
          </Flex>
        </Flex>
      </Card>
    </Link>
  );
}
