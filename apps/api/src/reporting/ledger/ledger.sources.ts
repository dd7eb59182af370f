/*
 * What the ledger takes from features not built yet: ONE function each, so wiring it is one change
 * here once that feature lands. (Satisfaction comes from the surveys: SatisfactionQueries.)
 */

/** A photo of an event, as the .docx embeds it. */
export interface EventPhoto {
  /** PNG or JPEG bytes. */
  data: Buffer;
  type: 'png' | 'jpg';
  caption: string | null;
}

/**
 * Each event's photos by event id. Events have no photos yet: the ledger's .docx shows none until a
 * feature stores them.
 */
export async function photosByEvent(eventIds: string[]): Promise<Map<string, EventPhoto[]>> {
  void eventIds;
  return new Map();
}
