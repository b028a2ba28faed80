/**
 * The shell: a skip link, the header with what the signed-in role may use, the page, and a
 * notice while the network is down. Pages other than sign-in load on demand, so the first page
 * stays small. Routes never collide with API paths (the local stack serves both at the root).
 */

import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';
import { ErrorBoundary, LocationProvider, lazy, Route, Router, useLocation } from 'preact-iso';
import { offline } from './lib/api.ts';
import type { ConsoleConfig } from './lib/config.ts';
import { type Role, role, session, signOut } from './lib/session.ts';
import { CallbackPage } from './pages/callback.tsx';
import { NotFoundPage } from './pages/not-found.tsx';
import { SignInPage } from './pages/sign-in.tsx';
import { NAVIGATION } from './routes.ts';

const QueuePage = lazy(() => import('./pages/queue.tsx').then((m) => m.QueuePage));
const CasePage = lazy(() => import('./pages/case.tsx').then((m) => m.CasePage));
const PlanPage = lazy(() => import('./pages/plan.tsx').then((m) => m.PlanPage));
const PortalHome = lazy(() => import('./pages/portal-home.tsx').then((m) => m.PortalHome));
const PortalNew = lazy(() => import('./pages/portal-new.tsx').then((m) => m.PortalNew));
const PortalCase = lazy(() => import('./pages/portal-case.tsx').then((m) => m.PortalCase));
const OrgsPage = lazy(() => import('./pages/orgs.tsx').then((m) => m.OrgsPage));
const OrgPage = lazy(() => import('./pages/org.tsx').then((m) => m.OrgPage));
const OncallPage = lazy(() => import('./pages/oncall.tsx').then((m) => m.OncallPage));
const PeoplePage = lazy(() => import('./pages/people.tsx').then((m) => m.PeoplePage));
const PersonPage = lazy(() => import('./pages/people-person.tsx').then((m) => m.PersonPage));
const WebhooksPage = lazy(() => import('./pages/webhooks.tsx').then((m) => m.WebhooksPage));
const WebhookPage = lazy(() => import('./pages/webhook.tsx').then((m) => m.WebhookPage));
const TierReviewPage = lazy(() => import('./pages/tier-review.tsx').then((m) => m.TierReviewPage));
const UsagePage = lazy(() => import('./pages/usage.tsx').then((m) => m.UsagePage));
const PortalUsage = lazy(() => import('./pages/usage.tsx').then((m) => m.PortalUsage));
const ReportsPage = lazy(() => import('./pages/reports.tsx').then((m) => m.ReportsPage));
const PortalReports = lazy(() => import('./pages/reports.tsx').then((m) => m.PortalReports));
const AckPage = lazy(() => import('./pages/ack.tsx').then((m) => m.AckPage));
const PoliciesPage = lazy(() => import('./pages/policies.tsx').then((m) => m.PoliciesPage));
const PolicyPage = lazy(() => import('./pages/policy.tsx').then((m) => m.PolicyPage));
const NoticesPage = lazy(() => import('./pages/notices.tsx').then((m) => m.NoticesPage));

export function App({ config }: { config: ConsoleConfig }) {
  return (
    <LocationProvider>
      <a class="skip-link" href="#main">
        Skip to content
      </a>
      <Header config={config} />
      {offline.value && (
        <p role="status" class="offline">
          The network is down; retrying…
        </p>
      )}
      <main id="main" tabIndex={-1}>
        <ErrorBoundary>
          <Router>
            <Route path="/" component={Home} />
            <Route path="/sign-in" component={() => <SignInPage config={config} />} />
            <Route path="/callback" component={() => <CallbackPage config={config} />} />
            <Route path="/work" component={() => <Guard roles={['agent', 'admin']}>{<QueuePage />}</Guard>} />
            <Route path="/case/:caseId" component={() => <Guard roles={['agent', 'admin']}>{<CasePage />}</Guard>} />
            <Route path="/plan" component={() => <Guard roles={['agent', 'admin']}>{<PlanPage />}</Guard>} />
            <Route path="/portal" component={() => <Guard roles={['customer']}>{<PortalHome />}</Guard>} />
            <Route path="/portal/new" component={() => <Guard roles={['customer']}>{<PortalNew />}</Guard>} />
            <Route path="/portal/case/:caseId" component={() => <Guard roles={['customer']}>{<PortalCase />}</Guard>} />
            <Route path="/oncall" component={() => <Guard roles={['agent', 'admin']}>{<OncallPage />}</Guard>} />
            <Route path="/directory" component={() => <Guard roles={['agent', 'admin']}>{<PeoplePage />}</Guard>} />
            <Route path="/directory/:id" component={() => <Guard roles={['agent', 'admin']}>{<PersonPage />}</Guard>} />
            <Route path="/admin/orgs" component={() => <Guard roles={['admin']}>{<OrgsPage />}</Guard>} />
            <Route path="/admin/orgs/:id" component={() => <Guard roles={['admin']}>{<OrgPage />}</Guard>} />
            {/* Agents read policies; the API lets only admins publish, and the page offers the editor to admins only. */}
            <Route path="/admin/policies" component={() => <Guard roles={['agent', 'admin']}>{<PoliciesPage />}</Guard>} />
            <Route path="/admin/policies/:id" component={() => <Guard roles={['agent', 'admin']}>{<PolicyPage />}</Guard>} />
            <Route path="/admin/tier-reviews" component={() => <Guard roles={['admin']}>{<TierReviewPage />}</Guard>} />
            <Route
              path="/integrations/webhooks"
              component={() => <Guard roles={['agent', 'admin', 'customer']}>{<WebhooksPage />}</Guard>}
            />
            <Route
              path="/integrations/webhooks/:id"
              component={() => <Guard roles={['agent', 'admin', 'customer']}>{<WebhookPage />}</Guard>}
            />
            <Route path="/ack/:token" component={AckPage} />
            <Route path="/maintenance" component={() => <Guard roles={['agent', 'admin', 'customer']}>{<NoticesPage />}</Guard>} />
            {/* Customers too: the API answers another organisation's statement with 404. */}
            <Route path="/usage/:id" component={() => <Guard roles={['agent', 'admin', 'customer']}>{<UsagePage />}</Guard>} />
            <Route path="/portal/usage" component={() => <Guard roles={['customer']}>{<PortalUsage />}</Guard>} />
            <Route path="/reports" component={() => <Guard roles={['agent', 'admin']}>{<ReportsPage />}</Guard>} />
            <Route path="/portal/reports" component={() => <Guard roles={['customer']}>{<PortalReports />}</Guard>} />
            <Route default component={NotFoundPage} />
          </Router>
        </ErrorBoundary>
      </main>
    </LocationProvider>
  );
}

function Header({ config }: { config: ConsoleConfig }) {
  const { path, route } = useLocation();
  const me = session.value?.me;
  return (
    <header class="top">
      <a class="brand" href="/">
        sla-escalator
      </a>
      {me !== undefined && (
        <nav aria-label="Main">
          <ul>
            {NAVIGATION[me.role].map((item) => (
              <li key={item.href}>
                <a href={item.href} aria-current={path === item.href ? 'page' : undefined}>
                  {item.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      )}
      {me !== undefined && (
        <div class="who">
          <span>{me.role === 'customer' ? `${me.orgName ?? me.org} (customer)` : me.role === 'admin' ? 'Administrator' : 'Agent'}</span>
          <button type="button" onClick={() => signOut(config).then(() => route('/sign-in'))}>
            Sign out
          </button>
        </div>
      )}
    </header>
  );
}

/** Sends each role to its start page, and anyone else to sign in. */
function Home() {
  const { route } = useLocation();
  const current = role.value;
  useEffect(() => {
    route(current === undefined ? '/sign-in' : (NAVIGATION[current][0]?.href ?? '/sign-in'), true);
  }, [current, route]);
  return null;
}

/** Shows a page to the roles it is for; the API still decides what each may do. */
function Guard({ roles, children }: { roles: readonly Role[]; children: ComponentChildren }) {
  const { route, url } = useLocation();
  const current = role.value;
  useEffect(() => {
    if (current === undefined) route(`/sign-in?returnTo=${encodeURIComponent(url)}`, true);
  }, [current, route, url]);
  if (current === undefined) return null;
  if (!roles.includes(current)) return <NotFoundPage />;
  return <>{children}</>;
}
