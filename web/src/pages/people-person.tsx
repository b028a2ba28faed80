/**
 * `/directory/{id}` (staff): a person, each SMS number with its state in words, sending a
 * verification code to an unverified number and entering it, their shifts as an iCal file, and
 * (admins) editing them with the version read. The server's problems appear at their fields.
 */

import { useEffect, useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import { ColumnHeads } from '../components/column-heads.tsx';
import { Field } from '../components/field.tsx';
import { FormSection } from '../components/form-section.tsx';
import { ProblemBanner } from '../components/problem.tsx';
import { formatInstant } from '../lib/format.ts';
import { oncallApi } from '../lib/oncall-api.ts';
import { draftOfPerson, type PersonView, personUpdateBody, type SmsView, smsStateText, verifiable } from '../lib/people-view.ts';
import { role } from '../lib/session.ts';
import { useAction } from '../lib/use-action.ts';
import { useLoad } from '../lib/use-load.ts';
import { PersonFields } from './people-fields.tsx';

export function PersonPage() {
  const { params } = useRoute();
  const id = params.id ?? '';
  const loaded = useLoad(() => oncallApi.person(id), [id]);
  const [person, setPerson] = useState<PersonView>();
  useEffect(() => setPerson(loaded.data), [loaded.data]);
  useEffect(() => {
    document.title = `${loaded.data?.name ?? id} · People · sla-escalator`;
  }, [id, loaded.data]);
  if (loaded.problem?.status === 404) {
    return (
      <section class="narrow">
        <h1>Person not found</h1>
        <p>
          There is nobody “{id}” in the directory. <a href="/directory">Back to the people</a>.
        </p>
      </section>
    );
  }
  return (
    <>
      <p>
        <a href="/directory">← People</a>
      </p>
      <h1>{person?.name ?? id}</h1>
      <ProblemBanner problem={loaded.problem} onRetry={loaded.reload} />
      {person === undefined ? (
        loaded.problem === undefined && <p>Loading…</p>
      ) : (
        <>
          <dl class="facts">
            <dt>Id</dt>
            <dd>
              <code>{person.id}</code>
            </dd>
            <dt>Time zone</dt>
            <dd>{person.zone}</dd>
            <dt>E-mail</dt>
            <dd>{person.email}</dd>
            <dt>Agent</dt>
            <dd>{person.agent ? 'yes (may resolve tickets by SMS)' : 'no'}</dd>
            <dt>Last changed</dt>
            <dd>{formatInstant(person.updatedAt)}</dd>
          </dl>
          <Numbers person={person} onChanged={setPerson} />
          <Ical person={person} />
          {role.value === 'admin' && <Edit key={person.id} person={person} onSaved={setPerson} />}
        </>
      )}
    </>
  );
}

function Numbers({ person, onChanged }: { person: PersonView; onChanged: (person: PersonView) => void }) {
  const unverified = verifiable(person.sms);
  return (
    <section aria-labelledby="numbers-title">
      <h2 id="numbers-title">SMS numbers</h2>
      {person.sms.length === 0 ? (
        <p>No SMS number: pages reach {person.name} by e-mail only.</p>
      ) : (
        <div class="table-wrap">
          <table aria-labelledby="numbers-title">
            <ColumnHeads names={['Number', 'State']} />
            <tbody>
              {person.sms.map((sms) => (
                <tr key={sms.number}>
                  <th scope="row">{sms.number}</th>
                  <td>{smsStateText(sms)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {unverified.map((sms) => (
        <Verify key={sms.number} person={person} sms={sms} onVerified={onChanged} />
      ))}
    </section>
  );
}

/** Sends a code to an unverified number (at most one a minute; the API says when to try again), then takes the code. */
function Verify({ person, sms, onVerified }: { person: PersonView; sms: SmsView; onVerified: (person: PersonView) => void }) {
  const send = useAction();
  const check = useAction();
  const [sent, setSent] = useState<string>();
  const [code, setCode] = useState('');
  const idPrefix = `verify-${sms.number.replace(/\D/g, '')}`;
  return (
    <div class="oncall-verify">
      <h3>Verify {sms.number}</h3>
      <button
        type="button"
        class="secondary"
        disabled={send.busy}
        aria-label={`Send a code to ${sms.number}`}
        onClick={() =>
          send.run(
            () => oncallApi.sendCode(person.id, sms.number),
            (answer) => setSent(answer.expiresAt),
          )
        }
      >
        Send a code
      </button>
      <ProblemBanner problem={send.problem} />
      {sent !== undefined && <p role="status">Code sent; it is valid until {formatInstant(sent)}.</p>}
      <form
        class="inline-form"
        aria-label={`Verify ${sms.number}`}
        onSubmit={(event) => {
          event.preventDefault();
          check.run(() => oncallApi.verify(person.id, sms.number, code.trim()), onVerified);
        }}
      >
        <Field id={`${idPrefix}-code`} label={`Code for ${sms.number}`} problem={check.problem} path="code">
          {(control) => (
            <input
              {...control}
              inputMode="numeric"
              autoComplete="one-time-code"
              value={code}
              onInput={(e) => setCode(e.currentTarget.value)}
            />
          )}
        </Field>
        <button type="submit" disabled={check.busy}>
          Verify
        </button>
        {check.problem?.forField('code') === undefined && <ProblemBanner problem={check.problem} />}
      </form>
    </div>
  );
}

/** The person's shifts as an iCal file: fetched with the session's token, then saved by the browser. */
function Ical({ person }: { person: PersonView }) {
  const download = useAction();
  return (
    <section aria-labelledby="ical-title">
      <h2 id="ical-title">Shifts</h2>
      <p>Every role’s shifts from a week ago to 90 days ahead, for a calendar app.</p>
      <button
        type="button"
        class="secondary"
        disabled={download.busy}
        onClick={() =>
          download.run(
            () => oncallApi.shiftsIcal(person.id, Date.now()),
            ({ name, text }) => {
              const link = document.createElement('a');
              link.href = URL.createObjectURL(new Blob([text], { type: 'text/calendar' }));
              link.download = name;
              link.click();
              // After the click has started the download.
              setTimeout(() => URL.revokeObjectURL(link.href), 1000);
            },
          )
        }
      >
        Download the shifts (iCal)
      </button>
      <ProblemBanner problem={download.problem} />
    </section>
  );
}

function Edit({ person, onSaved }: { person: PersonView; onSaved: (person: PersonView) => void }) {
  return (
    <FormSection
      id="edit-person"
      title="Edit"
      submit="Save"
      class="narrow"
      initial={draftOfPerson(person)}
      write={(draft) => oncallApi.updatePerson(person.id, personUpdateBody(draft, person.version))}
      done={(saved) => {
        onSaved(saved);
        return { draft: draftOfPerson(saved), status: `Saved at ${formatInstant(saved.updatedAt)}.` };
      }}
    >
      {(form) => <PersonFields idPrefix="person" withId={false} {...form} />}
    </FormSection>
  );
}
