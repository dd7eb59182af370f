/**
 * The carrier a mentor (the user id in SQL expression `userId`) belongs to: the first carrier the
 * mentor organizes, else the carrier whose organizer invited them (the latest invitation they
 * accepted), else none. Their bookings belong to it, their office hours are its supply, and a need
 * suggested to them goes to its queue.
 */
export const mentorCarrier = (userId: string) => `coalesce(
  (SELECT organization_id FROM organization_members WHERE user_id = ${userId} ORDER BY created_at LIMIT 1),
  (SELECT organization_id FROM mentor_invitations WHERE accepted_by = ${userId} AND organization_id IS NOT NULL
    ORDER BY accepted_at DESC LIMIT 1))`;
