/** The ticket's deadlines (each with its state and countdown) and its escalation ladder: who was told, and who is next. */

import { ColumnHeads } from '../../components/column-heads.tsx';
import { Countdown } from '../../components/countdown.tsx';
import { byDue, type Deadline, deadlineLabel, type Ladder } from '../../lib/deadline-view.ts';
import { formatInstant } from '../../lib/format.ts';

export function DeadlineTable({
  deadlines,
  receivedAt,
  onStale,
}: {
  deadlines: readonly Deadline[];
  receivedAt: number;
  onStale: () => void;
}) {
  if (deadlines.length === 0) return <p>This ticket has no SLA deadlines (its tier has no SLA).</p>;
  return (
    <div class="table-wrap">
      <table class="case-deadlines">
        <caption>Every deadline of this ticket, soonest first</caption>
        <ColumnHeads names={['Deadline', 'Due', 'State', 'Time left']} />
        <tbody>
          {byDue(deadlines).map((d) => (
            <tr key={d.id} data-deadline={d.id}>
              <th scope="row">{deadlineLabel(d)}</th>
              <td>{d.due === null ? 'stopped (waiting on the customer)' : <time dateTime={d.due}>{formatInstant(d.due)}</time>}</td>
              <td>
                <span class={`state state-${d.state}`}>{d.state}</span>
                {d.settledAt !== undefined && <span class="muted"> at {formatInstant(d.settledAt)}</span>}
              </td>
              <td>
                {d.clock !== undefined && ticking(d) ? (
                  <Countdown clock={d.clock} receivedAt={receivedAt} label={deadlineLabel(d)} onStale={onStale} />
                ) : (
                  <span class="muted">—</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A clock to show: a pending deadline's, or the overrun of a target missed and still unmet (a ladder step that fired is done). */
const ticking = (d: Deadline) => d.state === 'pending' || (d.state === 'breached' && d.kind !== 'escalation' && d.settledAt === undefined);

const roles = (list: readonly string[]) => (list.length === 0 ? 'nobody' : list.join(', '));

export function LadderView({ ladder }: { ladder: Ladder }) {
  return (
    <>
      <h3 id="ladder-done">Carried out</h3>
      {ladder.carriedOut.length === 0 ? (
        <p>No step has been carried out yet (among the timeline entries shown).</p>
      ) : (
        <ol class="ladder-done" aria-labelledby="ladder-done">
          {ladder.carriedOut.map((step) => (
            <li key={step.deadline}>
              <p>
                <strong>{step.label}</strong> at <time dateTime={step.at}>{formatInstant(step.at)}</time>
              </p>
              {step.deliveries.length === 0 ? (
                <p class="muted">Nobody to page or tell.</p>
              ) : (
                <ul>
                  {step.deliveries.map((d) => (
                    <li key={`${d.role} ${d.person ?? ''} ${d.at}`}>
                      {d.person === undefined ? d.role : `${d.person} (${d.role})`}
                      {d.channels.length > 0 && ` by ${d.channels.join(' and ')}`}
                      {d.nobodyOnCall && ', nobody on call: its topic'}
                      {d.skipped.length > 0 && `; not by ${d.skipped.join(', ')}`}
                      {d.held && '; the SMS waits for the throttle'}
                      {d.at !== step.at && (
                        <>
                          {' '}
                          at <time dateTime={d.at}>{formatInstant(d.at)}</time>
                        </>
                      )}
                      {d.stopped && ' (then stopped: the ticket was answered)'}
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ol>
      )}
      <h3 id="ladder-next">Still to come</h3>
      {ladder.toCome.length === 0 ? (
        <p>No escalation step is pending.</p>
      ) : (
        <div class="table-wrap">
          <table aria-labelledby="ladder-next">
            <ColumnHeads names={['Step', 'Due', 'Pages', 'Tells', 'Assigns']} />
            <tbody>
              {ladder.toCome.map((step) => (
                <tr key={step.deadline}>
                  <th scope="row">{step.label}</th>
                  <td>
                    <time dateTime={step.due}>{formatInstant(step.due)}</time>
                  </td>
                  <td>{roles(step.page)}</td>
                  <td>{roles(step.notify)}</td>
                  <td>{step.assign ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
