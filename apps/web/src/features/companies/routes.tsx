import { Route } from 'react-router-dom';
import { ORGANIZING, type FeatureRoutes } from '../../shared/featureRoutes';
import { RequireRole } from '../../shared/guards';
import { lazyPage, page } from '../../shared/lazyPage';

const CompaniesPage = lazyPage(() => import('./CompaniesPage'), 'CompaniesPage');
const CompanyFilePage = lazyPage(() => import('./CompanyFilePage'), 'CompanyFilePage');

/** One file per company: the staff's search, and the file (staff and the company's members). */
export const companiesRoutes: FeatureRoutes = {
  signedIn: (
    <>
      <Route
        path="/manage/companies"
        element={<RequireRole roles={ORGANIZING}>{page(<CompaniesPage />)}</RequireRole>}
      />
      <Route path="/companies/:creditCode" element={page(<CompanyFilePage />)} />
    </>
  ),
};
