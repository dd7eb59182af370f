import { useEffect, useState, type CSSProperties } from 'react';
import { eventImagesApi } from './api';

/**
 * An event's picture. A published event's is a plain <img>; a draft's is fetched with the session's
 * token (only its organizers may see it) and shown from memory.
 */
export function EventPicture({
  src,
  draft,
  alt,
  style,
  testId,
}: {
  src: string;
  draft: boolean;
  alt: string;
  style?: CSSProperties;
  testId?: string;
}) {
  const [local, setLocal] = useState<string | null>(null);
  useEffect(() => {
    if (!draft) return;
    let url: string | null = null;
    let live = true;
    eventImagesApi
      .objectUrl(src)
      .then((made) => {
        url = made;
        if (live) setLocal(made);
        else URL.revokeObjectURL(made);
      })
      .catch(() => undefined);
    return () => {
      live = false;
      if (url) URL.revokeObjectURL(url);
    };
  }, [src, draft]);
  const shown = draft ? local : src;
  if (!shown) return <div style={{ ...style, background: '#f5f5f5' }} data-testid={testId} />;
  return <img src={shown} alt={alt} style={style} data-testid={testId} loading="lazy" />;
}
