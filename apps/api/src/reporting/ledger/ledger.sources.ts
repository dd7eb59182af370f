/*
 * What the ledger takes from other features. (Satisfaction comes from the surveys:
 * SatisfactionQueries; photos from event-images: EventImagesService.photosByEvent.)
 */

/** A photo of an event, as the .docx embeds it (event-images' EventImagesService.photosByEvent). */
export interface EventPhoto {
  /** PNG or JPEG bytes. */
  data: Buffer;
  type: 'png' | 'jpg';
  caption: string | null;
  /** Its size in pixels, to keep its proportions on the page. */
  width?: number;
  height?: number;
}
