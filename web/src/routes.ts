/** The console's routes and each role's navigation (a module of its own so tests can read it without a DOM). */

import type { Role } from './lib/role.ts';

/** Where each role starts, and the navigation it gets. */
export const NAVIGATION: Record<Role, readonly { href: string; label: string }[]> = {
  agent: [
    { href: '/work', label: 'Queue' },
    { href: '/plan', label: 'Policy dry run' },
    { href: '/admin/policies', label: 'Policies' },
    { href: '/oncall', label: 'On-call' },
    { href: '/directory', label: 'People' },
    { href: '/reports', label: 'Reports' },
    { href: '/integrations/webhooks', label: 'Webhooks' },
    { href: '/maintenance', label: 'Notices' },
  ],
  admin: [
    { href: '/work', label: 'Queue' },
    { href: '/plan', label: 'Policy dry run' },
    { href: '/admin/policies', label: 'Policies' },
    { href: '/oncall', label: 'On-call' },
    { href: '/directory', label: 'People' },
    { href: '/admin/orgs', label: 'Organisations' },
    { href: '/admin/tier-reviews', label: 'Tier review' },
    { href: '/reports', label: 'Reports' },
    { href: '/integrations/webhooks', label: 'Webhooks' },
    { href: '/maintenance', label: 'Notices' },
  ],
  customer: [
    { href: '/portal', label: 'Our tickets' },
    { href: '/portal/new', label: 'New ticket' },
    { href: '/portal/usage', label: 'Usage' },
    { href: '/portal/reports', label: 'SLA report' },
    { href: '/integrations/webhooks', label: 'Webhooks' },
    { href: '/maintenance', label: 'Maintenance' },
  ],
};

/** Every route of the console, for the test that none of them is an API path. */
export const CONSOLE_ROUTES = [
  '/',
  '/sign-in',
  '/callback',
  '/work',
  '/case/:caseId',
  '/plan',
  '/portal',
  '/portal/new',
  '/portal/case/:caseId',
  '/oncall',
  '/directory',
  '/directory/:id',
  '/admin/orgs',
  '/admin/orgs/:id',
  '/admin/tier-reviews',
  '/integrations/webhooks',
  '/integrations/webhooks/:id',
  '/ack/:token',
  '/maintenance',
  // Usage statements (pages/usage.tsx).
  '/usage/:id',
  '/portal/usage',
  // Policies as versioned data (pages/policies.tsx, pages/policy.tsx).
  '/admin/policies',
  '/admin/policies/:id',
  // SLA reports (pages/reports.tsx).
  '/reports',
  '/portal/reports',
] as const;
