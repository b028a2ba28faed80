/**
 * An organisation's fields: (when creating) its id, its name, policy, tier and region from the
 * chosen policy's lists, and its e-mail domains (inside a `FormSection`). The page owns the
 * draft, so an error loses nothing; the server's problems appear on their fields.
 */

import type { ApiProblem } from '../lib/api.ts';
import { choicesFor, type OrgDraft, type PolicySummary, parseList, withPolicy } from '../lib/org-form.ts';
import { policyGroups } from '../lib/policy-view.ts';
import { Field } from './field.tsx';

export function OrgFields({
  idPrefix,
  draft,
  onChange,
  policies,
  problem,
  withId,
}: {
  idPrefix: string;
  draft: OrgDraft;
  onChange: (draft: OrgDraft) => void;
  policies: readonly PolicySummary[];
  problem: ApiProblem | undefined;
  /** Creating: the id is asked for; editing: it is the page's. */
  withId: boolean;
}) {
  const set = (change: Partial<OrgDraft>) => onChange({ ...draft, ...change });
  const policy = policies.find((p) => p.id === draft.policy);
  const domains = parseList(draft.domains);
  const contacts = parseList(draft.contacts);
  /** A select of the policy's tiers or regions (and the current value if the policy lacks it). */
  const choose = (field: 'tier' | 'region', offered: readonly string[], none: string) => (
    <Field id={`${idPrefix}-${field}`} label={field === 'tier' ? 'Tier' : 'Region'} problem={problem} path={field}>
      {(control) => (
        <select {...control} value={draft[field]} onChange={(e) => set({ [field]: e.currentTarget.value })} required={field === 'tier'}>
          <option value="">{none}</option>
          {choicesFor(offered, draft[field], policy?.name).map((choice) => (
            <option key={choice.value} value={choice.value}>
              {choice.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
  return (
    <>
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
            {policyGroups(policies).map((group) => (
              <optgroup key={group.label} label={group.label}>
                {group.items.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name} ({p.id})
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        )}
      </Field>
      {choose('tier', policy?.tiers ?? [], 'Choose a tier')}
      {choose('region', policy?.regions ?? [], 'The policy’s default')}
      <Field
        id={`${idPrefix}-domains`}
        label="E-mail domains"
        hint={`One a line, or separated by commas. Mail from these domains opens tickets for this organisation.${domains.length > 0 ? ` Read as: ${domains.join(', ')}.` : ''}`}
        problem={problem}
        path="emailDomains"
      >
        {(control) => <textarea {...control} value={draft.domains} onInput={(e) => set({ domains: e.currentTarget.value })} rows={3} />}
      </Field>
      <Field
        id={`${idPrefix}-contacts`}
        label="Contract contacts"
        hint={`E-mail addresses, one a line. They get usage alerts, tier reviews and maintenance notices.${contacts.length > 0 ? ` Read as: ${contacts.join(', ')}.` : ''}`}
        problem={problem}
        path="contacts"
      >
        {(control) => <textarea {...control} value={draft.contacts} onInput={(e) => set({ contacts: e.currentTarget.value })} rows={2} />}
      </Field>
      <p>
        <label>
          <input type="checkbox" checked={draft.monthlyReport} onChange={(e) => set({ monthlyReport: e.currentTarget.checked })} /> E-mail
          the contacts last month’s SLA report on the 1st
        </label>
      </p>
    </>
  );
}
