/**
 * An organisation's tiers, oldest first: from when, which tier, and whether an admin or a quarter's
 * review set it; and, for a customer, their tier now and the one a review set for a coming quarter.
 */

import { api, ok } from '../lib/api.ts';
import { formatInstant } from '../lib/format.ts';
import { TIER_SOURCES, type TierEntry } from '../lib/tier-review-view.ts';
import { useLoad } from '../lib/use-load.ts';
import { ColumnHeads } from './column-heads.tsx';
import { ScrollBox } from './scroll-box.tsx';

export function TierHistory({ id, title, tiers }: { id: string; title: string; tiers: readonly TierEntry[] }) {
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      <ScrollBox label="Tier history">
        <table aria-labelledby={id}>
          <ColumnHeads names={['From', 'Tier', 'Set by']} />
          <tbody>
            {tiers.map((entry) => (
              <tr key={`${entry.from}-${entry.tier}`}>
                <th scope="row">
                  <time dateTime={entry.from}>{formatInstant(entry.from)}</time>
                </th>
                <td>{entry.tier}</td>
                <td>
                  {TIER_SOURCES[entry.source]}
                  {entry.review !== undefined && ` ${entry.review}`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollBox>
    </section>
  );
}

/** The customer's tier as the API answers it now, a tier still to come, and the history. */
export function OurTier() {
  const me = useLoad(() => ok(api().GET('/me')), []);
  const tiers = me.data?.tiers;
  if (me.data?.tier === undefined || tiers === undefined) return null;
  const now = me.data.tier;
  const coming = tiers.filter((entry) => Date.parse(entry.from) > Date.now()).at(-1);
  return (
    <>
      <p id="our-tier">
        Your support tier: <strong>{now}</strong>.
        {coming !== undefined && (
          <>
            {' '}
            From <time dateTime={coming.from}>{formatInstant(coming.from)}</time>: <strong>{coming.tier}</strong>
            {coming.review !== undefined && ` (the ${coming.review} review)`}.
          </>
        )}
      </p>
      <details>
        <summary>Your tier history</summary>
        <TierHistory id="our-tiers-title" title="Tier history" tiers={tiers} />
      </details>
    </>
  );
}
