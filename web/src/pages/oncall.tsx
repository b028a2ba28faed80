/**
 * `/oncall` (staff): every role with who is on call now and who takes over at the next handoff,
 * its rotation and its current and upcoming overrides, and a "who is on call at …" lookup. Admins
 * edit the rotation and add or remove overrides; times are shown in the rotation's zone, named.
 * The API resolves who is on call; the page only names the next handoff from the rotation.
 */

import { useEffect, useState } from 'preact/hooks';
import { Field } from '../components/field.tsx';
import { ProblemBanner } from '../components/problem.tsx';
import { formatInstant, toLocalInput, viewerZone } from '../lib/format.ts';
import { oncallApi } from '../lib/oncall-api.ts';
import {
  activeHoursText,
  nameOf,
  nextHandoff,
  type PersonRef,
  type RoleSummary,
  type RotationView,
  shiftText,
  sortRoles,
} from '../lib/oncall-view.ts';
import { role } from '../lib/session.ts';
import { useAction } from '../lib/use-action.ts';
import { useLoad } from '../lib/use-load.ts';
import { usePages } from '../lib/use-pages.ts';
import { Overrides } from './oncall-overrides.tsx';
import { RotationForm } from './oncall-rotation.tsx';

export function OncallPage() {
  const roles = useLoad(() => oncallApi.roles(), []);
  const people = usePages((cursor) => oncallApi.people(cursor), []);
  useEffect(() => {
    document.title = 'On-call · sla-escalator';
  }, []);
  const list = sortRoles(roles.data?.items ?? []);
  return (
    <>
      <h1>On-call</h1>
      <ProblemBanner problem={roles.problem ?? people.problem} onRetry={roles.problem === undefined ? people.reload : roles.reload} />
      {people.more !== undefined && (
        <button type="button" class="secondary" onClick={people.more}>
          Load more people
        </button>
      )}
      {list.length > 0 && <Lookup roles={list} />}
      {roles.data === undefined ? (
        roles.problem === undefined && <p>Loading…</p>
      ) : list.length === 0 ? (
        <p>No policy names a role yet.</p>
      ) : (
        list.map((summary) => <RoleSection key={summary.role} summary={summary} people={people.items} onChanged={roles.reload} />)
      )}
    </>
  );
}

function RoleSection({ summary, people, onChanged }: { summary: RoleSummary; people: readonly PersonRef[]; onChanged: () => void }) {
  const { rotation } = summary;
  const zone = rotation?.zone ?? viewerZone();
  const next = rotation === undefined ? undefined : nextHandoff(rotation, Date.now());
  const titleId = `role-${summary.role}-title`;
  return (
    <section aria-labelledby={titleId} class="oncall-role">
      <h2 id={titleId}>
        {summary.name} <code>{summary.role}</code>
      </h2>
      <dl class="facts">
        <dt>On call now</dt>
        <dd data-testid={`oncall-now-${summary.role}`}>
          {summary.onCall.length === 0 ? 'Nobody (pages go to the role’s topic)' : summary.onCall.map((p) => p.name).join(', ')}
        </dd>
        {next !== undefined && (
          <>
            <dt>Next</dt>
            <dd>
              {nameOf(people, next.person)} from {formatInstant(next.at, zone)}
            </dd>
          </>
        )}
      </dl>
      {rotation === undefined ? <p>No rotation yet.</p> : <RotationFacts rotation={rotation} people={people} />}
      {(summary.layers ?? []).map((layer, i) => (
        // Layers come bottom first; a higher one with someone on call names the person.
        <div key={`${summary.role}-layer-${i}`}>
          <h3>Layer {i + 1} above the rotation</h3>
          <RotationFacts rotation={layer} people={people} />
        </div>
      ))}
      <Overrides summary={summary} people={people} zone={zone} onChanged={onChanged} />
      {role.value === 'admin' && (
        <details class="oncall-edit">
          <summary>Edit the rotation of {summary.name}</summary>
          <RotationForm summary={summary} people={people} onSaved={onChanged} />
        </details>
      )}
    </section>
  );
}

function RotationFacts({ rotation, people }: { rotation: RotationView; people: readonly PersonRef[] }) {
  const hours = activeHoursText(rotation.activeHours);
  return (
    <dl class="facts">
      <dt>Participants, in order</dt>
      <dd>
        <ol class="plain">
          {rotation.participants.map((id) => (
            <li key={id}>{nameOf(people, id)}</li>
          ))}
        </ol>
      </dd>
      <dt>Shift</dt>
      <dd>{shiftText(rotation.shift)}</dd>
      <dt>First handoff</dt>
      <dd>{formatInstant(rotation.handoff, rotation.zone)}</dd>
      <dt>Active hours</dt>
      <dd>{hours === undefined ? 'around the clock' : `${hours} (${rotation.zone})`}</dd>
    </dl>
  );
}

/** "Who is on call at …": a role and an instant in the viewer's zone, answered by the API. */
function Lookup({ roles }: { roles: readonly RoleSummary[] }) {
  const [draft, setDraft] = useState({ role: roles[0]?.role ?? '', at: toLocalInput(Date.now()) });
  const [answer, setAnswer] = useState<{ role: string; at: string; people: PersonRef[] }>();
  const action = useAction();
  const zone = viewerZone();
  return (
    <section aria-labelledby="lookup-title">
      <h2 id="lookup-title">Who is on call at …</h2>
      <form
        aria-labelledby="lookup-title"
        class="inline-form"
        onSubmit={(event) => {
          event.preventDefault();
          const at = new Date(draft.at);
          action.run(() => oncallApi.onCallAt(draft.role, Number.isNaN(at.getTime()) ? draft.at : at.toISOString()), setAnswer);
        }}
      >
        <ProblemBanner problem={action.problem} />
        <Field id="lookup-role" label="Role" problem={action.problem} path="role">
          {(control) => (
            <select {...control} value={draft.role} onChange={(e) => setDraft({ ...draft, role: e.currentTarget.value })}>
              {roles.map((r) => (
                <option key={r.role} value={r.role}>
                  {r.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="lookup-at" label={`At (${zone})`} problem={action.problem} path="at">
          {(control) => (
            <input {...control} type="datetime-local" value={draft.at} onInput={(e) => setDraft({ ...draft, at: e.currentTarget.value })} />
          )}
        </Field>
        <button type="submit" disabled={action.busy}>
          Look up
        </button>
        <p role="status">
          {answer !== undefined &&
            `${roles.find((r) => r.role === answer.role)?.name ?? answer.role}, ${formatInstant(answer.at, zone)}: ${answer.people.length === 0 ? 'nobody' : answer.people.map((p) => p.name).join(', ')}`}
        </p>
      </form>
    </section>
  );
}
