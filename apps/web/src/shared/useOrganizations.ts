import { useEffect, useState } from 'react';
import type { OrganizationView } from '@wutong/shared';
import { organizationsApi } from './api/endpoints';

/** The carriers (GET /api/organizations) for pickers; an empty list while loading or on failure. */
export function useOrganizations(): { organizations: OrganizationView[]; loading: boolean; failed: boolean } {
  const [organizations, setOrganizations] = useState<OrganizationView[]>([]);
  const [loading, setLoading] = useState(true);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let cancelled = false;
    organizationsApi
      .list()
      .then((list) => {
        if (!cancelled) setOrganizations(list);
      })
      .catch(() => {
        if (!cancelled) setFailed(true);
      })
      .finally(() => {
        if (!cancelled) setLoading(false);
      });
    return () => {
      cancelled = true;
    };
  }, []);

  return { organizations, loading, failed };
}
