/** A ticket's links to the maintenance under way when it was opened, as entries of its facts list. */

import type { Schema } from '../lib/api.ts';
import { formatInstant } from '../lib/format.ts';

export function MaintenanceLinks({ links }: { links: Schema<'Ticket'>['maintenance'] }) {
  if (links === undefined || links.length === 0) return null;
  return (
    <>
      <dt>Maintenance</dt>
      {links.map((link) => (
        <dd key={link.id} class="maintenance-link">
          Opened during {link.kind === 'emergency' ? 'emergency' : 'planned'} maintenance <a href="/maintenance">{link.title}</a>:{' '}
          <time dateTime={link.start}>{formatInstant(link.start)}</time> to <time dateTime={link.end}>{formatInstant(link.end)}</time>
        </dd>
      ))}
    </>
  );
}
