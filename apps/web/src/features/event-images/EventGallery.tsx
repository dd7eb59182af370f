import { Card, Image } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EventView } from '@wutong/shared';

/** Photos of an event that has taken place: thumbnails, the full picture on a tap. */
export function EventGallery({ event }: { event: EventView }) {
  const { t } = useTranslation();
  // The time the page was opened: a gallery does not appear mid-visit.
  const [openedAt] = useState(() => Date.now());
  const past = event.status === 'completed' || Date.parse(event.endsAt) < openedAt;
  if (!past || event.photos.length === 0) return null;
  return (
    <Card size="small" title={t('eventImages.gallery')} data-testid="event-gallery">
      <Image.PreviewGroup>
        <div
          style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(100px, 1fr))', gap: 8 }}
        >
          {event.photos.map((photo) => (
            <Image
              key={photo.id}
              src={photo.thumbnailUrl}
              preview={{ src: photo.url }}
              alt={t('eventImages.photoAlt', { title: event.title })}
              style={{ width: '100%', aspectRatio: '4 / 3', objectFit: 'cover', borderRadius: 4 }}
            />
          ))}
        </div>
      </Image.PreviewGroup>
    </Card>
  );
}
