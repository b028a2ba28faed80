/**
 * `/directory` (staff): the people who can be on call, by id, each number with its state (an
 * opted-out number is shown as such, not hidden); admins add a person. (`/people` is the API's.)
 */

import { useEffect, useState } from 'preact/hooks';
import { ColumnHeads } from '../components/column-heads.tsx';
import { FormSection } from '../components/form-section.tsx';
import { ProblemBanner } from '../components/problem.tsx';
import { viewerZone } from '../lib/format.ts';
import { oncallApi } from '../lib/oncall-api.ts';
import { emptyPerson, newPersonBody, type PersonView, smsStateLabel } from '../lib/people-view.ts';
import { role } from '../lib/session.ts';
import { usePages } from '../lib/use-pages.ts';
import { PersonFields } from './people-fields.tsx';

export function PeoplePage() {
  const people = usePages((cursor) => oncallApi.people(cursor), []);
  const [created, setCreated] = useState<PersonView>();
  useEffect(() => {
    document.title = 'People · sla-escalator';
  }, []);
  return (
    <>
      <h1>People</h1>
      {created !== undefined && (
        <p role="status" class="done">
          Added <a href={`/directory/${created.id}`}>{created.name}</a> ({created.id}).
        </p>
      )}
      <section aria-labelledby="people-title">
        <h2 id="people-title">Directory</h2>
        <ProblemBanner problem={people.problem} onRetry={people.reload} />
        {people.loading ? <p>Loading…</p> : people.items.length === 0 ? <p>Nobody yet.</p> : <PeopleTable people={people.items} />}
        {people.more !== undefined && (
          <button type="button" class="secondary" onClick={people.more}>
            More people
          </button>
        )}
      </section>
      {role.value === 'admin' && (
        <FormSection
          id="add-person"
          title="Add a person"
          submit="Add"
          class="narrow"
          initial={emptyPerson(viewerZone())}
          write={(draft) => oncallApi.createPerson(newPersonBody(draft))}
          done={(person) => {
            setCreated(person);
            people.reload();
            return undefined;
          }}
        >
          {(form) => <PersonFields idPrefix="new-person" withId {...form} />}
        </FormSection>
      )}
    </>
  );
}

function PeopleTable({ people }: { people: readonly PersonView[] }) {
  return (
    <div class="table-wrap">
      <table aria-labelledby="people-title">
        <ColumnHeads names={['Id', 'Name', 'Zone', 'E-mail', 'Agent', 'SMS numbers']} />
        <tbody>
          {people.map((person) => (
            <tr key={person.id}>
              <th scope="row">
                <a href={`/directory/${person.id}`}>{person.id}</a>
              </th>
              <td>{person.name}</td>
              <td>{person.zone}</td>
              <td>{person.email}</td>
              <td>{person.agent ? 'yes' : 'no'}</td>
              <td>
                <ul class="plain">
                  {person.sms.map((sms) => (
                    <li key={sms.number}>
                      {sms.number} <span class={`badge sms-${sms.state}`}>{smsStateLabel(sms.state)}</span>
                    </li>
                  ))}
                </ul>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
