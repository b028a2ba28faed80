/**
 * The page an ack link opens (`/ack/<token>`): no sign-in, the signed token is the capability. It
 * shows what is asked (the case, its subject, the deadline, who) and acknowledges only when the
 * button is pressed: mail scanners open links, and opening must not acknowledge.
 */

import { useEffect, useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import { ProblemBanner } from '../components/problem.tsx';
import { api, ok, type Schema } from '../lib/api.ts';
import { formatInstant } from '../lib/format.ts';
import { useAction } from '../lib/use-action.ts';
import { useLoad } from '../lib/use-load.ts';

type Ack = Schema<'Ack'>;

export function AckPage() {
  const { params } = useRoute();
  const token = params.token ?? '';
  const loaded = useLoad(() => ok(api().GET('/acks/{token}', { params: { path: { token } } })), [token]);
  const action = useAction();
  const [taken, setTaken] = useState<Ack>();
  useEffect(() => {
    document.title = 'Acknowledge a page · sla-escalator';
  }, []);
  const ack = taken ?? loaded.data;
  const acknowledge = () => action.run(() => ok(api().POST('/acks/{token}', { params: { path: { token } } })), setTaken);
  return (
    <section aria-labelledby="ack-title" class="narrow">
      <h1 id="ack-title">Acknowledge a page</h1>
      {loaded.problem !== undefined && <LinkProblem status={loaded.problem.status} />}
      {loaded.problem !== undefined && loaded.problem.status !== 404 && loaded.problem.status !== 410 && (
        <ProblemBanner problem={loaded.problem} onRetry={loaded.reload} />
      )}
      {ack !== undefined && (
        <>
          <dl class="facts">
            <dt>Case</dt>
            <dd>{ack.caseId}</dd>
            <dt>Subject</dt>
            <dd>{ack.subject}</dd>
            <dt>Severity</dt>
            <dd>{ack.severity}</dd>
            <dt>Deadline</dt>
            <dd>{ack.deadline}</dd>
            <dt>Asked</dt>
            <dd>{ack.person.name}</dd>
          </dl>
          <Outcome ack={ack} mine={taken !== undefined && loaded.data?.acknowledged === undefined} />
          {ack.acknowledged === undefined && (
            <button type="button" onClick={acknowledge} disabled={action.busy}>
              Acknowledge
            </button>
          )}
          {action.problem?.status === 410 ? <LinkProblem status={410} /> : <ProblemBanner problem={action.problem} />}
        </>
      )}
    </section>
  );
}

function Outcome({ ack, mine }: { ack: Ack; mine: boolean }) {
  const done = ack.acknowledged;
  if (done === undefined) return <p>Acknowledging says you are on it: the repeat pages of this deadline stop.</p>;
  const at = formatInstant(done.at);
  return (
    <p role="status">
      {mine
        ? `Acknowledged at ${at}. Thank you, ${ack.person.name}: its repeat pages stop.`
        : `Already acknowledged by ${done.by} at ${at}.`}
    </p>
  );
}

function LinkProblem({ status }: { status: number }) {
  if (status === 410) {
    return (
      <p role="alert" class="problem">
        This link has expired. Acknowledge the page by replying to its SMS, or in the console.
      </p>
    );
  }
  if (status === 404) {
    return (
      <p role="alert" class="problem">
        This link is not valid: it may have been cut short. Open it again from the page you received.
      </p>
    );
  }
  return null;
}
