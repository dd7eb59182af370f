import { App, Button, Card, Flex, Popconfirm, Typography, Upload } from 'antd';
import { DeleteOutlined, UploadOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EventImageKind, EventImageView, EventView } from '@wutong/shared';
import { errorMessage } from '../../shared/api/errors';
import { eventImagesApi, IMAGE_ACCEPT, MAX_IMAGE_BYTES } from './api';
import { EventPicture } from './EventPicture';

/** The event's cover and photos for its organizers: upload, replace and delete. */
export function EventImagesCard({ event, onChanged }: { event: EventView; onChanged: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [busy, setBusy] = useState<EventImageKind | null>(null);
  const draft = event.status === 'draft';

  const send = async (kind: EventImageKind, file: File) => {
    if (file.size > MAX_IMAGE_BYTES) {
      void message.error(t('eventImages.tooLarge'));
      return;
    }
    setBusy(kind);
    try {
      await eventImagesApi.upload(event.id, kind, file);
      void message.success(t(kind === 'cover' ? 'eventImages.coverSaved' : 'eventImages.photoAdded'));
      onChanged();
    } catch (e) {
      void message.error(errorMessage(t, e));
    } finally {
      setBusy(null);
    }
  };

  const remove = async (image: EventImageView) => {
    try {
      await eventImagesApi.remove(event.id, image.id);
      void message.success(t('eventImages.removed'));
      onChanged();
    } catch (e) {
      void message.error(errorMessage(t, e));
    }
  };

  const picker = (kind: EventImageKind, label: string, testId: string) => (
    <Upload
      accept={IMAGE_ACCEPT}
      showUploadList={false}
      multiple={kind === 'photo'}
      beforeUpload={(file) => {
        void send(kind, file);
        return false;
      }}
    >
      <Button icon={<UploadOutlined />} loading={busy === kind} data-testid={testId}>
        {label}
      </Button>
    </Upload>
  );

  const removeButton = (image: EventImageView, testId: string) => (
    <Popconfirm
      title={t('eventImages.removeConfirm')}
      okText={t('eventImages.remove')}
      okButtonProps={{ danger: true }}
      cancelText={t('common.cancel')}
      onConfirm={() => remove(image)}
    >
      <Button size="small" danger type="link" icon={<DeleteOutlined />} data-testid={testId}>
        {t('eventImages.remove')}
      </Button>
    </Popconfirm>
  );

  return (
    <Card size="small" title={t('eventImages.title')} data-testid="event-images">
      <Typography.Paragraph type="secondary">{t('eventImages.hint')}</Typography.Paragraph>
      <Typography.Title level={2} style={{ fontSize: 15 }}>
        {t('eventImages.cover')}
      </Typography.Title>
      {event.cover ? (
        <Flex vertical gap={8} align="flex-start">
          <EventPicture
            src={event.cover.thumbnailUrl}
            draft={draft}
            alt={t('eventImages.coverAlt', { title: event.title })}
            style={{ width: 240, maxWidth: '100%', borderRadius: 6 }}
            testId="manage-cover"
          />
          <Flex gap={8} wrap>
            {picker('cover', t('eventImages.replaceCover'), 'upload-cover')}
            {removeButton(event.cover, 'remove-cover')}
          </Flex>
        </Flex>
      ) : (
        <Flex vertical gap={8} align="flex-start">
          <Typography.Text type="secondary">{t('eventImages.noCover')}</Typography.Text>
          {picker('cover', t('eventImages.uploadCover'), 'upload-cover')}
        </Flex>
      )}
      <Typography.Title level={2} style={{ fontSize: 15, marginTop: 16 }}>
        {t('eventImages.photos', { count: event.photos.length })}
      </Typography.Title>
      <Flex gap={8} wrap>
        {event.photos.map((photo) => (
          <Flex key={photo.id} vertical align="center" data-testid="manage-photo">
            <EventPicture
              src={photo.thumbnailUrl}
              draft={draft}
              alt={t('eventImages.photoAlt', { title: event.title })}
              style={{ width: 120, height: 90, objectFit: 'cover', borderRadius: 4 }}
            />
            {removeButton(photo, 'remove-photo')}
          </Flex>
        ))}
      </Flex>
      <div style={{ marginTop: 8 }}>{picker('photo', t('eventImages.addPhotos'), 'upload-photo')}</div>
    </Card>
  );
}
