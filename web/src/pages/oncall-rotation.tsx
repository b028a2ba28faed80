/**
 * An admin's rotation form: participants in order (add, remove, move up or down), the shift
 * length and unit, the first handoff in the rotation's zone, the zone, and active hours per
 * weekday. Sent with the version read, so a change made meanwhile is refused rather than lost;
 * the server's problems appear at their fields (`rotation.participants[2]` on that row).
 */

import { useState } from 'preact/hooks';
import { Field } from '../components/field.tsx';
import { FormSection, type FormState } from '../components/form-section.tsx';
import { FieldError } from '../components/problem.tsx';
import { viewerZone } from '../lib/format.ts';
import { oncallApi, sendChecked } from '../lib/oncall-api.ts';
import {
  addParticipant,
  draftOfRotation,
  moveParticipant,
  nameOf,
  type PersonRef,
  ROTATION_PATHS,
  type RoleSummary,
  type RotationDraft,
  removeParticipant,
  rotationBody,
  WEEK_FROM_MONDAY,
} from '../lib/oncall-view.ts';
import { PersonOptions } from './people-fields.tsx';

const DAY_NAMES = { sun: 'Sunday', mon: 'Monday', tue: 'Tuesday', wed: 'Wednesday', thu: 'Thursday', fri: 'Friday', sat: 'Saturday' };

export function RotationForm({ summary, people, onSaved }: { summary: RoleSummary; people: readonly PersonRef[]; onSaved: () => void }) {
  return (
    <FormSection
      id={`rotation-${summary.role}`}
      title={`Rotation of ${summary.name}`}
      submit="Save the rotation"
      initial={draftOfRotation(summary.rotation, viewerZone(), Date.now())}
      write={(draft) => sendChecked(rotationBody(draft, summary.version ?? 0), (body) => oncallApi.saveRotation(summary.role, body))}
      done={(saved) => {
        onSaved();
        return { draft: draftOfRotation(saved.rotation, viewerZone(), Date.now()), status: 'Saved.' };
      }}
    >
      {(form) => <RotationFields idPrefix={`rotation-${summary.role}`} people={people} {...form} />}
    </FormSection>
  );
}

function RotationFields({
  idPrefix,
  people,
  draft,
  onChange,
  problem,
}: FormState<RotationDraft> & { idPrefix: string; people: readonly PersonRef[] }) {
  const set = (change: Partial<RotationDraft>) => onChange({ ...draft, ...change });
  const [adding, setAdding] = useState('');
  const candidates = people.filter((p) => !draft.participants.includes(p.id));
  const listMessage = problem?.errors.find((e) => e.path === ROTATION_PATHS.participants)?.message;
  return (
    <>
      <fieldset class="oncall-participants">
        <legend>Participants, in order</legend>
        {listMessage !== undefined && <p class="field-error">{listMessage}</p>}
        <ol>
          {draft.participants.map((id, index) => {
            const name = nameOf(people, id);
            const move = (by: -1 | 1) => set({ participants: moveParticipant(draft.participants, index, by) });
            return (
              <li key={id}>
                <span>{name}</span>{' '}
                <span class="actions">
                  <button type="button" class="secondary" aria-label={`Move ${name} up`} disabled={index === 0} onClick={() => move(-1)}>
                    ↑
                  </button>
                  <button
                    type="button"
                    class="secondary"
                    aria-label={`Move ${name} down`}
                    disabled={index === draft.participants.length - 1}
                    onClick={() => move(1)}
                  >
                    ↓
                  </button>
                  <button
                    type="button"
                    class="secondary"
                    aria-label={`Remove ${name}`}
                    onClick={() => set({ participants: removeParticipant(draft.participants, index) })}
                  >
                    Remove
                  </button>
                </span>
                <FieldError
                  id={`${idPrefix}-participant-${index}-error`}
                  problem={problem}
                  path={`${ROTATION_PATHS.participants}[${index}]`}
                />
              </li>
            );
          })}
        </ol>
        <label for={`${idPrefix}-add`}>Add a participant</label>
        <span class="inline-form">
          <select id={`${idPrefix}-add`} value={adding} onChange={(e) => setAdding(e.currentTarget.value)}>
            <PersonOptions people={candidates} />
          </select>
          <button
            type="button"
            class="secondary"
            disabled={adding === ''}
            onClick={() => {
              set({ participants: addParticipant(draft.participants, adding) });
              setAdding('');
            }}
          >
            Add
          </button>
        </span>
      </fieldset>
      <Field id={`${idPrefix}-length`} label="Shift length" problem={problem} path={ROTATION_PATHS.length}>
        {(control) => (
          <input {...control} inputMode="numeric" value={draft.length} onInput={(e) => set({ length: e.currentTarget.value })} />
        )}
      </Field>
      <Field id={`${idPrefix}-unit`} label="Shift unit" problem={problem} path={ROTATION_PATHS.unit}>
        {(control) => (
          <select {...control} value={draft.unit} onChange={(e) => set({ unit: e.currentTarget.value as RotationDraft['unit'] })}>
            <option value="hours">hours</option>
            <option value="days">days</option>
            <option value="weeks">weeks</option>
          </select>
        )}
      </Field>
      <Field
        id={`${idPrefix}-zone`}
        label="Time zone"
        hint="An IANA zone such as Europe/Berlin."
        problem={problem}
        path={ROTATION_PATHS.zone}
      >
        {(control) => <input {...control} value={draft.zone} onInput={(e) => set({ zone: e.currentTarget.value })} autoComplete="off" />}
      </Field>
      <Field id={`${idPrefix}-handoff`} label={`First handoff (${draft.zone})`} problem={problem} path={ROTATION_PATHS.handoff}>
        {(control) => (
          <input {...control} type="datetime-local" value={draft.handoff} onInput={(e) => set({ handoff: e.currentTarget.value })} />
        )}
      </Field>
      <fieldset>
        <legend>Active hours ({draft.zone})</legend>
        <p class="hint">Leave every day blank to be on call around the clock; “22:00-06:00” crosses midnight.</p>
        {WEEK_FROM_MONDAY.map((day) => (
          <Field key={day} id={`${idPrefix}-hours-${day}`} label={DAY_NAMES[day]} problem={problem} path={ROTATION_PATHS.activeHours(day)}>
            {(control) => (
              <input
                {...control}
                value={draft.activeHours[day]}
                placeholder="08:00-18:00"
                onInput={(e) => set({ activeHours: { ...draft.activeHours, [day]: e.currentTarget.value } })}
              />
            )}
          </Field>
        ))}
      </fieldset>
    </>
  );
}
