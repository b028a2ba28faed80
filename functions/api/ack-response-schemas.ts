/** The response body of the ack-link routes (response-schemas.ts holds the rest). */

import * as z from 'zod/mini';
import { ACK_CHANNELS } from '#shared/tickets/ticket-event.ts';
import { instant, named } from './response-registry.ts';

export const ack = named(
  'Ack',
  'What a signed ack link asks: the case, its subject and severity, the deadline whose page it is, the person asked, when the link expires, and the first acknowledgement of the page (by a person id, when, how) once there is one',
  z.strictObject({
    caseId: z.int(),
    subject: z.string(),
    severity: z.string(),
    deadline: z.string(),
    person: z.strictObject({ id: z.string(), name: z.string() }),
    expiresAt: instant(),
    acknowledged: z.optional(z.strictObject({ by: z.string(), at: instant(), via: z.enum(ACK_CHANNELS) })),
  }),
);
