/** The API's own views as the webhook core takes them: staff get the staff view, an organisation's endpoints the customer view. */

import type { WebhookViews } from '#shared/webhooks/events.ts';
import { customerEntry, customerTicketView } from '../../functions/api/customer-view.ts';
import { ticketView, timelineView } from '../../functions/api/views.ts';

export const apiViews: WebhookViews = {
  ticket: (ticket, audience) => (audience === 'customer' ? customerTicketView(ticketView(ticket)) : ticketView(ticket)),
  entry: (entry, audience) => (audience === 'customer' ? customerEntry(timelineView(entry)) : timelineView(entry)),
};
