/**
 * The tier a usage statement bills: the org's tier at the start of the period, as its history
 * stood when the period closed. A review applied in February for the quarter that began in January
 * changes February's statement (still open) and leaves January's, closed and issued, as it was.
 */

import { PERIOD_KINDS } from '#shared/billing/billing-terms.ts';
import { periodBounds, periodOf } from '#shared/billing/periods.ts';
import type { Zone } from '#shared/calendar/zone.ts';
import type { Policy } from '#shared/policy/policy.ts';
import { type Org, tierAt } from '#shared/tickets/org.ts';

/**
 * `(instant) => tier` for the period holding `instant`. A period's length follows from its tier
 * (a tier with included time per quarter is billed by the quarter), so each kind is tried from
 * the shortest: the first whose period, as known at its close, has a tier billed by that kind.
 */
export function billedTierAt(org: Pick<Org, 'tiers'>, policy: Policy, zone: Zone): (instant: number) => string {
  const knownAtClose = (instant: number, kind: (typeof PERIOD_KINDS)[number]) =>
    tierAt(org, instant, { knownAt: periodBounds(periodOf(instant, kind, zone), zone).end - 1 });
  return (instant) => {
    for (const kind of PERIOD_KINDS) {
      const tier = knownAtClose(instant, kind);
      const per = policy.tiers.includes(tier) ? policy.billingOf(tier).included?.per : undefined;
      if ((per ?? 'month') === kind) return tier;
    }
    return knownAtClose(instant, 'month');
  };
}
