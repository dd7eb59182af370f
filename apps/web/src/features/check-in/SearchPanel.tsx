import { Button, Empty, Flex, Input, List, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AttendeeSearchResult } from '@wutong/shared';
import { errorMessage } from '../../shared/api/errors';
import { checkInApi } from './api';
import type { DoorResult } from './Feedback';

const DEBOUNCE_MS = 300;

interface Props {
  eventId: string;
  sessionId: string;
  onCheckIn: (registrationId: string) => Promise<DoorResult | null>;
}

/** For people without their phone: find the registration by name, phone or company and check it in. */
export function SearchPanel({ eventId, sessionId, onCheckIn }: Props) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [answer, setAnswer] = useState<{ q: string; items?: AttendeeSearchResult[]; error?: unknown }>({
    q: '',
  });
  const [busy, setBusy] = useState<string | null>(null);
  const [nonce, setNonce] = useState(0);
  const wanted = q.trim();

  useEffect(() => {
    if (!wanted) return;
    let cancelled = false;
    const timer = setTimeout(() => {
      checkInApi.search(eventId, wanted, sessionId).then(
        (items) => {
          if (!cancelled) setAnswer({ q: wanted, items });
        },
        (error: unknown) => {
          if (!cancelled) setAnswer({ q: wanted, error });
        },
      );
    }, DEBOUNCE_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [eventId, sessionId, wanted, nonce]);

  const items = wanted && answer.q === wanted ? answer.items : undefined;

  return (
    <Flex vertical gap={8}>
      <Input.Search
        size="large"
        allowClear
        value={q}
        onChange={(e) => setQ(e.target.value)}
        placeholder={t('checkIn.search.placeholder')}
        aria-label={t('checkIn.search.placeholder')}
        loading={!!wanted && answer.q !== wanted}
        data-testid="attendee-search"
      />
      {answer.error !== undefined && answer.q === wanted && (
        <Typography.Text type="danger">{errorMessage(t, answer.error)}</Typography.Text>
      )}
      {items && items.length === 0 && <Empty description={t('checkIn.search.none')} />}
      {items && items.length > 0 && (
        <List
          size="small"
          dataSource={items}
          data-testid="search-results"
          renderItem={(item) => (
            <List.Item
              actions={[
                item.checkedIn ? (
                  <Tag color="blue" key="in">
                    {t('checkIn.feedback.already')}
                  </Tag>
                ) : (
                  <Button
                    key="check-in"
                    type="primary"
                    loading={busy === item.registrationId}
                    disabled={item.status !== 'confirmed'}
                    onClick={async () => {
                      setBusy(item.registrationId);
                      try {
                        await onCheckIn(item.registrationId);
                      } finally {
                        setBusy(null);
                        setNonce((n) => n + 1);
                      }
                    }}
                  >
                    {t('checkIn.search.checkIn')}
                  </Button>
                ),
              ]}
            >
              <List.Item.Meta
                title={
                  <span>
                    {item.name}{' '}
                    {item.status !== 'confirmed' && (
                      <Tag color="orange">
                        {t(`registrationStatus.${item.status}`, { defaultValue: item.status })}
                      </Tag>
                    )}
                  </span>
                }
                description={[item.companyName, item.phone].filter(Boolean).join(' · ') || undefined}
              />
            </List.Item>
          )}
        />
      )}
    </Flex>
  );
}
