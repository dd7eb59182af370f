/** Paths of an event image's bytes (GET, served by EventImagesController). Image ids never change. */
export const eventImageUrl = (eventId: string, imageId: string) => `/api/events/${eventId}/images/${imageId}`;
export const eventThumbnailUrl = (eventId: string, imageId: string) =>
  `/api/events/${eventId}/images/${imageId}/thumbnail`;
