import { Flex, Spin, Typography } from 'antd';
import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatShortCode } from '@wutong/shared';

/**
 * The ticket: the long secret as a QR code big enough to scan from a phone screen, and under it the
 * short code to read out at the door (ABCD-EFGH), or the long one where there is no short code.
 */
export function TicketQr({
  code,
  shortCode,
  size = 240,
}: {
  code: string;
  shortCode?: string | null;
  size?: number;
}) {
  const spoken = shortCode ? formatShortCode(shortCode) : code;
  const { t } = useTranslation();
  const [image, setImage] = useState<{ code: string; url: string } | null>(null);

  useEffect(() => {
    let cancelled = false;
    // Twice the CSS size, so it stays sharp on high-density screens.
    QRCode.toDataURL(code, { width: size * 2, margin: 2, errorCorrectionLevel: 'M' })
      .then((url) => {
        if (!cancelled) setImage({ code, url });
      })
      .catch(() => {
        // leaves the spinner; the code text below still works at the door
      });
    return () => {
      cancelled = true;
    };
  }, [code, size]);

  return (
    <Flex vertical align="center" gap={8} data-testid="ticket">
      <div style={{ width: size, height: size, display: 'grid', placeItems: 'center', background: '#fff' }}>
        {image?.code === code ? (
          <img
            src={image.url}
            width={size}
            height={size}
            alt={t('registrations.qrAlt')}
            data-testid="ticket-qr"
          />
        ) : (
          <Spin />
        )}
      </div>
      <Typography.Text
        copyable={{ text: spoken }}
        className={shortCode ? 'wt-ticket-code wt-ticket-short-code' : 'wt-ticket-code'}
        data-testid="ticket-code"
        aria-label={t('registrations.ticketCodeLabel', { code: spoken })}
      >
        {spoken}
      </Typography.Text>
    </Flex>
  );
}
