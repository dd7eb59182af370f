import type { ReactNode } from 'react';

/**
 * What a feature adds to the router, by the shell its pages need; `app/` places each group (features
 * never import the shell). Each group is `<Route>` elements, guards included.
 */
export interface FeatureRoutes {
  /** Visitors' pages (signing in, resetting a password), in the public shell. */
  visitor?: ReactNode;
  /** Pages anyone may open: visitors see the public shell, members the signed-in one. */
  open?: ReactNode;
  /** Signed-in pages, in the signed-in shell. */
  signedIn?: ReactNode;
  /** Signed-in pages that fill the screen without a shell (a venue's projector). */
  fullScreen?: ReactNode;
}

/** Organizers of a carrier, and admins (who may do whatever an organizer may). */
export const ORGANIZING = ['organizer', 'admin'] as const;
