import { useAuth } from '../auth/auth-context';
import { PublicLayout } from './PublicLayout';
import { SignedInLayout } from './SignedInLayout';
import { FullPageSpinner } from './StatusPages';

/** Pages anyone may open: members see the signed-in shell, visitors the public one. */
export function AdaptiveLayout() {
  const { status } = useAuth();
  if (status === 'loading') return <FullPageSpinner />;
  return status === 'authenticated' ? <SignedInLayout /> : <PublicLayout />;
}
