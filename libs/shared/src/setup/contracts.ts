/** How this server is set up (docs/api.md, "Setup"). */

/** What an admin should know about how this server is set up (GET /api/setup). */
export interface SetupView {
  /** The address links in mail, calendar feeds and invites are built on. */
  publicUrl: string;
  /** PUBLIC_URL was set. */
  publicUrlConfigured: boolean;
  /** Links point at this machine only (http://localhost…). */
  pointsAtLocalhost: boolean;
  /** The first other name people reached this server under while links point at localhost (mail with such links is held back). */
  reachedAs: string | null;
}
