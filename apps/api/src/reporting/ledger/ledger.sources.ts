/*
 * What the ledger takes from features built beside it. Each is ONE function, so wiring it is one
 * change here once that feature lands.
 */

/** A photo of an event, as the .docx embeds it. */
export interface EventPhoto {
  /** PNG or JPEG bytes. */
  data: Buffer;
  type: 'png' | 'jpg';
  caption: string | null;
}

/**
 * Each event's satisfaction (average survey score, 1–5) by event id. Surveys are being built in
 * parallel: until they land no event has a score, so the ledger shows an empty column.
 */
export async function satisfactionByEvent(eventIds: string[]): Promise<Map<string, number>> {
  void eventIds;
  return new Map();
}

/**
 * Each event's photos by event id. Events have no photos yet: the ledger's .docx shows none until a
 * feature stores them.
 */
export async function photosByEvent(eventIds: string[]): Promise<Map<string, EventPhoto[]>> {
  void eventIds;
  return new Map();
}
