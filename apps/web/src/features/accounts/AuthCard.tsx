import { Card, Typography } from 'antd';
import type { ReactNode } from 'react';

interface Props {
  title: string;
  subtitle?: string;
  children: ReactNode;
  footer?: ReactNode;
}

/** The narrow card that holds the log-in, sign-up and password forms. */
export function AuthCard({ title, subtitle, children, footer }: Props) {
  return (
    <div className="wt-auth-wrap">
      <Card className="wt-auth-card">
        <Typography.Title
          level={1}
          className="wt-page-title"
          style={{ marginTop: 0, marginBottom: subtitle ? 4 : 24 }}
        >
          {title}
        </Typography.Title>
        {subtitle && (
          <Typography.Paragraph type="secondary" style={{ marginBottom: 24 }}>
            {subtitle}
          </Typography.Paragraph>
        )}
        {children}
        {footer && <div style={{ marginTop: 8, textAlign: 'center' }}>{footer}</div>}
      </Card>
    </div>
  );
}
