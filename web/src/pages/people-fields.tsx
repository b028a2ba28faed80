/**
 * A person's fields (inside a `FormSection`): when creating, the id; the name, time zone,
 * e-mail, whether they are an agent (may resolve by SMS), and their SMS numbers, one a line.
 * The server reads and checks the numbers; its problems (`sms[1].number`) show under them.
 */

import { Field } from '../components/field.tsx';
import type { FormState } from '../components/form-section.tsx';
import type { PersonRef } from '../lib/oncall-view.ts';
import { NUMBERS_PATH, type PersonDraft } from '../lib/people-view.ts';

export function PersonFields({
  idPrefix,
  draft,
  onChange,
  problem,
  withId,
}: FormState<PersonDraft> & { idPrefix: string; withId: boolean }) {
  const set = (change: Partial<PersonDraft>) => onChange({ ...draft, ...change });
  const text = (field: 'id' | 'name' | 'zone' | 'email', label: string, hint?: string) => (
    <Field id={`${idPrefix}-${field}`} label={label} hint={hint} problem={problem} path={field}>
      {(control) => <input {...control} value={draft[field]} onInput={(e) => set({ [field]: e.currentTarget.value })} autoComplete="off" />}
    </Field>
  );
  return (
    <>
      {withId && text('id', 'Id', 'Lower-case letters, digits and “-”; it cannot change later.')}
      {text('name', 'Name')}
      {text('zone', 'Time zone', 'An IANA zone such as Europe/Berlin.')}
      {text('email', 'E-mail')}
      <div class="field">
        <label class="inline">
          <input type="checkbox" checked={draft.agent} onChange={(e) => set({ agent: e.currentTarget.checked })} /> Agent (may resolve
          tickets by SMS)
        </label>
      </div>
      <Field
        id={`${idPrefix}-numbers`}
        label="SMS numbers"
        hint="One a line, in international form (+49 151 …). A new number gets no pages until its code is entered."
        problem={problem}
        path={NUMBERS_PATH}
      >
        {(control) => <textarea {...control} value={draft.numbers} onInput={(e) => set({ numbers: e.currentTarget.value })} rows={3} />}
      </Field>
    </>
  );
}

/** A select's choices of people: none chosen first, then each by name with their id. */
export function PersonOptions({ people }: { people: readonly PersonRef[] }) {
  return (
    <>
      <option value="">Choose a person</option>
      {people.map((p) => (
        <option key={p.id} value={p.id}>
          {p.name} ({p.id})
        </option>
      ))}
    </>
  );
}
