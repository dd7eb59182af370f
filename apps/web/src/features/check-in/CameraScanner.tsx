import { Alert, Button, Flex, Typography } from 'antd';
import { CameraOutlined, PoweroffOutlined } from '@ant-design/icons';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { qrDecoder } from './qr-decoder';

type CameraState = 'off' | 'starting' | 'on' | 'denied' | 'unavailable';

/** Frames are scaled down to this width before decoding: plenty for a ticket held up to a phone. */
const DECODE_WIDTH = 640;
/** Pause between decodes, so a phone stays cool and the page responsive. */
const SCAN_INTERVAL_MS = 120;
/** The same code seen again within this time is the same ticket still in front of the camera. */
const SAME_CODE_MS = 4000;

interface Props {
  /** Called with each newly seen code; scanning waits while the returned promise runs. */
  onCode: (code: string) => Promise<void>;
}

/** The rear camera with a QR viewfinder; reports each code it reads once (until another one is read). */
export function CameraScanner({ onCode }: Props) {
  const { t } = useTranslation();
  const videoRef = useRef<HTMLVideoElement>(null);
  const streamRef = useRef<MediaStream | null>(null);
  const [state, setState] = useState<CameraState>('off');
  const onCodeRef = useRef(onCode);

  useEffect(() => {
    onCodeRef.current = onCode;
  });

  const stop = useCallback(() => {
    streamRef.current?.getTracks().forEach((track) => track.stop());
    streamRef.current = null;
    setState('off');
  }, []);

  const start = useCallback(async () => {
    if (!navigator.mediaDevices?.getUserMedia) {
      setState('unavailable');
      return;
    }
    setState('starting');
    try {
      const stream = await navigator.mediaDevices.getUserMedia({
        audio: false,
        video: { facingMode: { ideal: 'environment' }, width: { ideal: 1280 }, height: { ideal: 720 } },
      });
      streamRef.current = stream;
      setState('on');
    } catch (error) {
      const name = error instanceof DOMException ? error.name : '';
      setState(name === 'NotAllowedError' || name === 'SecurityError' ? 'denied' : 'unavailable');
    }
  }, []);

  // Attach the stream once the video element is on the page, then decode frames until stopped.
  useEffect(() => {
    if (state !== 'on') return;
    const video = videoRef.current;
    const stream = streamRef.current;
    if (!video || !stream) return;
    video.srcObject = stream;
    void video.play().catch(() => {
      // autoplay refused: the muted, inline video starts on the next user gesture
    });
    const canvas = document.createElement('canvas');
    const context = canvas.getContext('2d', { willReadFrequently: true });
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let last = { code: '', at: 0 };

    const tick = async () => {
      if (stopped) return;
      try {
        if (context && video.readyState >= 2 && video.videoWidth > 0) {
          const scale = Math.min(1, DECODE_WIDTH / video.videoWidth);
          canvas.width = Math.round(video.videoWidth * scale);
          canvas.height = Math.round(video.videoHeight * scale);
          context.drawImage(video, 0, 0, canvas.width, canvas.height);
          const decoder = await qrDecoder();
          const code = await decoder.decode(context.getImageData(0, 0, canvas.width, canvas.height));
          const now = Date.now();
          if (code && !stopped && (code !== last.code || now - last.at > SAME_CODE_MS)) {
            await onCodeRef.current(code);
            last = { code, at: Date.now() };
          } else if (code && code === last.code) {
            last.at = now;
          }
        }
      } catch {
        // a frame that cannot be read; try the next one
      }
      if (!stopped) timer = setTimeout(() => void tick(), SCAN_INTERVAL_MS);
    };
    void tick();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [state]);

  useEffect(() => stop, [stop]);

  if (state === 'on' || state === 'starting') {
    return (
      <Flex vertical gap={8}>
        <div className="wt-scanner" data-testid="camera">
          <video ref={videoRef} muted playsInline autoPlay aria-label={t('checkIn.scan.video')} />
          <div className="wt-scanner-frame" aria-hidden />
        </div>
        <Flex justify="space-between" align="center" gap={8}>
          <Typography.Text type="secondary">{t('checkIn.scan.hint')}</Typography.Text>
          <Button icon={<PoweroffOutlined />} onClick={stop} data-testid="stop-camera">
            {t('checkIn.scan.stop')}
          </Button>
        </Flex>
      </Flex>
    );
  }
  return (
    <Flex vertical gap={8}>
      {state === 'denied' && <Alert type="warning" showIcon title={t('checkIn.scan.denied')} />}
      {state === 'unavailable' && <Alert type="warning" showIcon title={t('checkIn.scan.unavailable')} />}
      <Button
        type="primary"
        size="large"
        block
        icon={<CameraOutlined />}
        onClick={() => void start()}
        data-testid="start-camera"
      >
        {t('checkIn.scan.start')}
      </Button>
    </Flex>
  );
}
