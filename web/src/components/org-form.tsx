/**
 * An organisation's fields: (when creating) its id, its name, policy, tier and region from the
 * chosen policy's lists, and its e-mail domains. The page owns the draft, so an error loses
 * nothing; the server's problems appear on their fields.
 */

import type { ComponentChildren } from 'preact';
import type { ApiProblem } from '../lib/api.ts';
import { choicesFor, type OrgDraft, type PolicySummary, parseDomains, withPolicy } from '../lib/org-form.ts';
import { Field } from './field.tsx';

export function OrgForm({
  idPrefix,
  label,
  draft,
  onChange,
  policies,
  problem,
  withId,
  onSubmit,
  children,
}: {
  idPrefix: string;
  label: string;
  draft: OrgDraft;
  onChange: (draft: OrgDraft) => void;
  policies: readonly PolicySummary[];
  problem: ApiProblem | undefined;
  /** Creating: the id is asked for; editing: it is the page's. */
  withId: boolean;
  onSubmit: () => void;
  children: ComponentChildren;
}) {
  const set = (change: Partial<OrgDraft>) => onChange({ ...draft, ...change });
  const policy = policies.find((p) => p.id === draft.policy);
  const domains = parseDomains(draft.domains);
  return (
    <form
      aria-label={label}
      class="org-form"
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit();
      }}
    >
      {withId && (
        <Field
          id={`${idPrefix}-id`}
          label="Id"
          hint="Lower-case letters, digits and “-”; it cannot change later."
          problem={problem}
          path="id"
        >
          {(control) => (
            <input {...control} value={draft.id} onInput={(e) => set({ id: e.currentTarget.value })} required autoComplete="off" />
          )}
        </Field>
      )}
      <Field id={`${idPrefix}-name`} label="Name" problem={problem} path="name">
        {(control) => <input {...control} value={draft.name} onInput={(e) => set({ name: e.currentTarget.value })} required size={40} />}
      </Field>
      <Field id={`${idPrefix}-policy`} label="Policy" problem={problem} path="policy">
        {(control) => (
          <select
            {...control}
            value={draft.policy}
            onChange={(e) =>
              onChange(
                withPolicy(
                  draft,
                  policies.find((p) => p.id === e.currentTarget.value),
                ),
              )
            }
            required
          >
            <option value="">Choose a policy</option>
            {choicesFor(
              policies.map((p) => p.id),
              draft.policy,
              undefined,
            ).map((choice) => (
              <option key={choice.value} value={choice.value}>
                {policies.find((p) => p.id === choice.value)?.name ?? choice.label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field id={`${idPrefix}-tier`} label="Tier" problem={problem} path="tier">
        {(control) => (
          <select {...control} value={draft.tier} onChange={(e) => set({ tier: e.currentTarget.value })} required>
            <option value="">Choose a tier</option>
            {choicesFor(policy?.tiers ?? [], draft.tier, policy?.name).map((choice) => (
              <option key={choice.value} value={choice.value}>
                {choice.label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field id={`${idPrefix}-region`} label="Region" problem={problem} path="region">
        {(control) => (
          <select {...control} value={draft.region} onChange={(e) => set({ region: e.currentTarget.value })}>
            <option value="">The policy’s default</option>
            {choicesFor(policy?.regions ?? [], draft.region, policy?.name).map((choice) => (
              <option key={choice.value} value={choice.value}>
                {choice.label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field
        id={`${idPrefix}-domains`}
        label="E-mail domains"
        hint={`One a line, or separated by commas. Mail from these domains opens tickets for this organisation.${domains.length > 0 ? ` Read as: ${domains.join(', ')}.` : ''}`}
        problem={problem}
        path="emailDomains"
      >
        {(control) => <textarea {...control} value={draft.domains} onInput={(e) => set({ domains: e.currentTarget.value })} rows={3} />}
      </Field>
      {children}
    </form>
  );
}
