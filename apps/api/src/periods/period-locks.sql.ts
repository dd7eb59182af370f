/**
 * The locked month `instant` falls in on `zone`'s wall clock, or NULL: a scalar subquery for the
 * statements of other features (check-ins, undos) that must refuse changes to a locked month in the
 * same statement as the change. Only periods/ writes period_locks; others read it through this text.
 */
export const lockedMonthSql = (instant: string, zone: string): string =>
  `(SELECT pl.month FROM period_locks pl WHERE pl.month = to_char(${instant} AT TIME ZONE ${zone}, 'YYYY-MM'))`;
