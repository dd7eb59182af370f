import { useAuth } from '../shared/session/auth-context';
import { PublicLayout } from './PublicLayout';
import { SignedInLayout } from './SignedInLayout';
import { FullPageSpinner } from '../shared/StatusPages';

/** Pages anyone may open: members see the signed-in shell, visitors the public one. */
export function AdaptiveLayout() {
  const { status } = useAuth();
  if (status === 'loading') return <FullPageSpinner />;
  return status === 'authenticated' ? <SignedInLayout /> : <PublicLayout />;
}
