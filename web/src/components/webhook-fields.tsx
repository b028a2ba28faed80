/**
 * An endpoint's fields: the URL, the events as checkboxes, a description and whom to tell when it
 * is paused. Shared by registering and editing (inside a `FormSection`); the page owns the draft.
 */

import type { ApiProblem } from '../lib/api.ts';
import { type EndpointDraft, EVENT_LABELS, EVENT_TYPES, toggleEvent } from '../lib/webhook-view.ts';
import { Field } from './field.tsx';
import { FieldError } from './problem.tsx';

export function WebhookFields({
  idPrefix,
  draft,
  onChange,
  problem,
  contactHint,
}: {
  idPrefix: string;
  draft: EndpointDraft;
  onChange: (draft: EndpointDraft) => void;
  problem: ApiProblem | undefined;
  contactHint: string;
}) {
  const set = (change: Partial<EndpointDraft>) => onChange({ ...draft, ...change });
  const eventsInvalid = problem?.forField('events') !== undefined;
  return (
    <>
      <Field id={`${idPrefix}-url`} label="URL" hint="Where the signed POSTs go: a public https:// address." problem={problem} path="url">
        {(control) => (
          <input {...control} type="url" value={draft.url} onInput={(e) => set({ url: e.currentTarget.value })} required size={50} />
        )}
      </Field>
      <fieldset
        class={eventsInvalid ? 'webhook-events invalid' : 'webhook-events'}
        aria-describedby={eventsInvalid ? `${idPrefix}-events-error` : undefined}
      >
        <legend>Events</legend>
        {EVENT_TYPES.map((type) => (
          <p key={type}>
            <input
              id={`${idPrefix}-event-${type}`}
              type="checkbox"
              checked={draft.events.includes(type)}
              onChange={(e) => set({ events: toggleEvent(draft.events, type, e.currentTarget.checked) })}
            />{' '}
            <label for={`${idPrefix}-event-${type}`} class="inline">
              <code>{type}</code>: when {EVENT_LABELS[type]}
            </label>
          </p>
        ))}
        <FieldError id={`${idPrefix}-events-error`} problem={problem} path="events" />
      </fieldset>
      <Field id={`${idPrefix}-description`} label="Description (optional)" problem={problem} path="description">
        {(control) => (
          <input {...control} value={draft.description} onInput={(e) => set({ description: e.currentTarget.value })} size={50} />
        )}
      </Field>
      <Field id={`${idPrefix}-contact`} label="Contact e-mail" hint={contactHint} problem={problem} path="contact">
        {(control) => (
          <input {...control} type="email" value={draft.contact} onInput={(e) => set({ contact: e.currentTarget.value })} size={40} />
        )}
      </Field>
    </>
  );
}
