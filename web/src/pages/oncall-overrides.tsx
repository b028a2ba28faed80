/**
 * A role's overrides, current and upcoming, in the rotation's zone; admins remove one, or add one
 * (replace X by Y, or add Z) for a range typed in a zone they pick.
 */

import { ColumnHeads } from '../components/column-heads.tsx';
import { Field } from '../components/field.tsx';
import { FormSection, type FormState } from '../components/form-section.tsx';
import { ProblemBanner } from '../components/problem.tsx';
import { formatInstant } from '../lib/format.ts';
import { oncallApi, sendChecked } from '../lib/oncall-api.ts';
import {
  currentAndUpcoming,
  emptyOverride,
  type OverrideDraft,
  type OverrideView,
  overrideBody,
  overrideText,
  type PersonRef,
  type RoleSummary,
} from '../lib/oncall-view.ts';
import { role } from '../lib/session.ts';
import { useAction } from '../lib/use-action.ts';
import { PersonOptions } from './people-fields.tsx';

export function Overrides({
  summary,
  people,
  zone,
  onChanged,
}: {
  summary: RoleSummary;
  people: readonly PersonRef[];
  zone: string;
  onChanged: () => void;
}) {
  const { current, upcoming } = currentAndUpcoming(summary.overrides, Date.now());
  const admin = role.value === 'admin';
  const remove = useAction();
  const titleId = `overrides-${summary.role}-title`;
  const rows = [...current.map((o) => ({ o, when: 'now' })), ...upcoming.map((o) => ({ o, when: 'upcoming' }))];
  return (
    <>
      <h3 id={titleId}>Overrides of {summary.name}</h3>
      <ProblemBanner problem={remove.problem} />
      {rows.length === 0 ? (
        <p>No current or upcoming overrides.</p>
      ) : (
        <div class="table-wrap">
          <table aria-labelledby={titleId}>
            <ColumnHeads names={['Override', 'In force', `From (${zone})`, 'Until', ...(admin ? ['Action'] : [])]} />
            <tbody>
              {rows.map(({ o, when }) => (
                <tr key={o.id}>
                  <th scope="row">{overrideText(o, people)}</th>
                  <td>{when}</td>
                  <td>{formatInstant(o.start, zone)}</td>
                  <td>{formatInstant(o.end, zone)}</td>
                  {admin && (
                    <td>
                      <button
                        type="button"
                        class="secondary"
                        disabled={remove.busy}
                        aria-label={`Remove override: ${overrideText(o, people)} from ${formatInstant(o.start, zone)}`}
                        onClick={() => remove.run(() => oncallApi.removeOverride(summary.role, o.id), onChanged)}
                      >
                        Remove
                      </button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {admin && (
        <details class="oncall-edit">
          <summary>Add an override to {summary.name}</summary>
          <FormSection
            id={`override-${summary.role}`}
            title={`New override of ${summary.name}`}
            submit="Add the override"
            initial={emptyOverride(zone)}
            write={(draft) => sendChecked(overrideBody(draft), (body: OverrideView) => oncallApi.addOverride(summary.role, body))}
            done={() => {
              onChanged();
              return { draft: emptyOverride(zone), status: 'Added.' };
            }}
          >
            {(form) => <OverrideFields idPrefix={`override-${summary.role}`} people={people} {...form} />}
          </FormSection>
        </details>
      )}
    </>
  );
}

function OverrideFields({
  idPrefix,
  people,
  draft,
  onChange,
  problem,
}: FormState<OverrideDraft> & { idPrefix: string; people: readonly PersonRef[] }) {
  const set = (change: Partial<OverrideDraft>) => onChange({ ...draft, ...change });
  const person = (field: 'from' | 'to' | 'person', label: string) => (
    <Field id={`${idPrefix}-${field}`} label={label} problem={problem} path={field}>
      {(control) => (
        <select {...control} value={draft[field]} onChange={(e) => set({ [field]: e.currentTarget.value })}>
          <PersonOptions people={people} />
        </select>
      )}
    </Field>
  );
  return (
    <>
      <Field id={`${idPrefix}-kind`} label="Kind" problem={problem} path="kind">
        {(control) => (
          <select {...control} value={draft.kind} onChange={(e) => set({ kind: e.currentTarget.value as OverrideDraft['kind'] })}>
            <option value="replace">Replace someone</option>
            <option value="add">Add someone</option>
          </select>
        )}
      </Field>
      {draft.kind === 'replace' ? (
        <>
          {person('from', 'Replace')}
          {person('to', 'By')}
        </>
      ) : (
        person('person', 'Add')
      )}
      <Field id={`${idPrefix}-zone`} label="Time zone of the times below" problem={problem} path="zone">
        {(control) => <input {...control} value={draft.zone} onInput={(e) => set({ zone: e.currentTarget.value })} autoComplete="off" />}
      </Field>
      <Field id={`${idPrefix}-start`} label={`Starts (${draft.zone})`} problem={problem} path="start">
        {(control) => (
          <input {...control} type="datetime-local" value={draft.start} onInput={(e) => set({ start: e.currentTarget.value })} />
        )}
      </Field>
      <Field id={`${idPrefix}-end`} label={`Ends (${draft.zone})`} problem={problem} path="end">
        {(control) => <input {...control} type="datetime-local" value={draft.end} onInput={(e) => set({ end: e.currentTarget.value })} />}
      </Field>
    </>
  );
}
