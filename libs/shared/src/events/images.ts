/** What an event image is for: the one cover (pages, posters, link previews) or one of its photos. */
export type EventImageKind = 'cover' | 'photo';

export const EVENT_IMAGE_KINDS: readonly EventImageKind[] = ['cover', 'photo'];

/** The answer to POST /events/:id/images. */
export interface EventImageUploaded {
  id: string;
  kind: EventImageKind;
  /** The stored picture, path under the site (GET, long-cached). */
  url: string;
  width: number;
  height: number;
}

/** An image as the event view lists it. */
export interface EventImageView {
  id: string;
  url: string;
  /** A JPEG at most 480 px on its longest side. */
  thumbnailUrl: string;
  width: number;
  height: number;
}
