import { useMemo } from 'react';
import type { OrganizationView } from '@wutong/shared';
import { useAuth } from './session/auth-context';
import { useOrganizations } from './useOrganizations';

/** The carriers the signed-in user may run events for: their own, or every one for an admin. */
export function useCarriers(): { carriers: OrganizationView[]; loading: boolean } {
  const { user } = useAuth();
  const { organizations, loading } = useOrganizations();
  const carriers = useMemo(() => {
    if (!user) return [];
    if (user.roles.includes('admin')) return organizations;
    const mine = new Set(user.organizations.map((o) => o.id));
    return organizations.filter((o) => mine.has(o.id));
  }, [user, organizations]);
  return { carriers, loading };
}
