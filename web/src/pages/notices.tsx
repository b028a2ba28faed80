/**
 * `/maintenance`: change-management notices. Staff publish one (the lead-time refusal shows beside
 * `start`), move or edit it, and cancel it; customers see their organisation's upcoming and past
 * maintenance and the address to subscribe a calendar to. The server decides who is affected and
 * whether the lead time holds; the page shows what it answers.
 */

import { useEffect, useState } from 'preact/hooks';
import { ColumnHeads } from '../components/column-heads.tsx';
import { Field } from '../components/field.tsx';
import { FormSection, type FormState } from '../components/form-section.tsx';
import { ProblemBanner } from '../components/problem.tsx';
import { api, apiUrl, ok } from '../lib/api.ts';
import { formatInstant } from '../lib/format.ts';
import {
  draftOfNotice,
  EMPTY_NOTICE_DRAFT,
  type Notice,
  type NoticeDraft,
  newNoticeBody,
  noticePatchBody,
  splitByTime,
} from '../lib/notice-form.ts';
import { isStaff } from '../lib/session.ts';
import { useAction } from '../lib/use-action.ts';
import { useLoad } from '../lib/use-load.ts';

export function NoticesPage() {
  const staff = isStaff.value;
  const list = useLoad(() => ok(api().GET('/notices')), []);
  const [editing, setEditing] = useState<Notice>();
  useEffect(() => {
    document.title = 'Maintenance notices · sla-escalator';
  }, []);
  const { upcoming, past } = splitByTime(list.data?.items ?? [], list.receivedAt || Date.now());
  const table = (id: string, title: string, notices: readonly Notice[]) => (
    <section aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {notices.length === 0 ? (
        <p>None.</p>
      ) : (
        <NoticeTable labelledBy={id} notices={notices} staff={staff} onEdit={setEditing} onChanged={list.reload} />
      )}
    </section>
  );
  return (
    <>
      <h1>Maintenance notices</h1>
      <ProblemBanner problem={list.problem} onRetry={list.reload} />
      {staff ? (
        editing === undefined ? (
          <FormSection
            id="notice-new"
            title="Publish a notice"
            submit="Publish"
            class="narrow"
            initial={EMPTY_NOTICE_DRAFT}
            write={(draft) => ok(api().POST('/notices', { body: newNoticeBody(draft) }))}
            done={(created) => {
              list.reload();
              return { draft: EMPTY_NOTICE_DRAFT, status: `Published “${created.title}”; the affected organisations are e-mailed.` };
            }}
          >
            {(form) => <NoticeFields {...form} withScope />}
          </FormSection>
        ) : (
          <FormSection
            key={editing.id}
            id="notice-edit"
            title={`Change “${editing.title}”`}
            submit="Save and notify"
            class="narrow"
            initial={draftOfNotice(editing)}
            write={(draft) =>
              ok(api().PATCH('/notices/{id}', { params: { path: { id: editing.id } }, body: noticePatchBody(editing, draft) }))
            }
            done={() => {
              setEditing(undefined);
              list.reload();
              return undefined;
            }}
          >
            {(form) => <NoticeFields {...form} withScope={false} />}
          </FormSection>
        )
      ) : (
        <CalendarLink />
      )}
      {list.loading && list.data === undefined ? (
        <p>Loading…</p>
      ) : (
        <>
          {table('notices-upcoming', 'Upcoming and under way', upcoming)}
          {table('notices-past', 'Past', past)}
        </>
      )}
    </>
  );
}

function NoticeFields({ draft, onChange, problem, withScope }: FormState<NoticeDraft> & { withScope: boolean }) {
  const set = (change: Partial<NoticeDraft>) => onChange({ ...draft, ...change });
  const when = (field: 'start' | 'end', label: string) => (
    <Field id={`notice-${field}`} label={label} hint="In your time zone." problem={problem} path={field}>
      {(control) => (
        <input {...control} type="datetime-local" value={draft[field]} onInput={(e) => set({ [field]: e.currentTarget.value })} required />
      )}
    </Field>
  );
  return (
    <>
      <Field id="notice-title" label="Title" problem={problem} path="title">
        {(control) => (
          <input {...control} value={draft.title} onInput={(e) => set({ title: e.currentTarget.value })} required maxLength={200} />
        )}
      </Field>
      <Field id="notice-body" label="What happens" problem={problem} path="body">
        {(control) => (
          <textarea
            {...control}
            value={draft.body}
            onInput={(e) => set({ body: e.currentTarget.value })}
            required
            maxLength={5000}
            rows={4}
          />
        )}
      </Field>
      {withScope && (
        <Field
          id="notice-kind"
          label="Kind"
          hint="Planned maintenance honours the contract's lead time; emergency maintenance is announced as such."
          problem={problem}
          path="kind"
        >
          {(control) => (
            <select {...control} value={draft.kind} onChange={(e) => set({ kind: e.currentTarget.value as NoticeDraft['kind'] })}>
              <option value="planned">Planned</option>
              <option value="emergency">Emergency</option>
            </select>
          )}
        </Field>
      )}
      {when('start', 'Start')}
      {when('end', 'End')}
      {withScope && (
        <>
          <Field
            id="notice-orgs"
            label="Organisations"
            hint="Ids, separated by commas; empty: by region, or everyone."
            problem={problem}
            path="orgs"
          >
            {(control) => (
              <input {...control} value={draft.orgs} onInput={(e) => set({ orgs: e.currentTarget.value })} autoComplete="off" />
            )}
          </Field>
          <Field id="notice-regions" label="Regions" hint="Region ids, separated by commas." problem={problem} path="regions">
            {(control) => (
              <input {...control} value={draft.regions} onInput={(e) => set({ regions: e.currentTarget.value })} autoComplete="off" />
            )}
          </Field>
        </>
      )}
    </>
  );
}

function NoticeTable({
  labelledBy,
  notices,
  staff,
  onEdit,
  onChanged,
}: {
  labelledBy: string;
  notices: readonly Notice[];
  staff: boolean;
  onEdit: (notice: Notice) => void;
  onChanged: () => void;
}) {
  const cancel = useAction();
  return (
    <div class="table-wrap">
      <ProblemBanner problem={cancel.problem} />
      <table aria-labelledby={labelledBy}>
        <ColumnHeads names={['Notice', 'Kind', 'Window', 'State', ...(staff ? ['Actions'] : [])]} />
        <tbody>
          {notices.map((notice) => (
            <tr key={notice.id}>
              <th scope="row">
                {notice.title}
                <span class="hint">{notice.body}</span>
              </th>
              <td>{notice.kind === 'emergency' ? <span class="badge">emergency</span> : 'planned'}</td>
              <td>
                <time dateTime={notice.start}>{formatInstant(notice.start)}</time> to{' '}
                <time dateTime={notice.end}>{formatInstant(notice.end)}</time>
              </td>
              <td>{notice.state}</td>
              {staff && (
                <td>
                  {notice.state === 'published' && (
                    <>
                      <button type="button" class="secondary" aria-label={`Change ${notice.title}`} onClick={() => onEdit(notice)}>
                        Change
                      </button>{' '}
                      <button
                        type="button"
                        class="secondary"
                        aria-label={`Cancel ${notice.title}`}
                        disabled={cancel.busy}
                        onClick={() =>
                          cancel.run(
                            () => ok(api().PATCH('/notices/{id}', { params: { path: { id: notice.id } }, body: { state: 'cancelled' } })),
                            onChanged,
                          )
                        }
                      >
                        Cancel
                      </button>
                    </>
                  )}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A customer's calendar subscription: the signed address of their organisation's feed. */
function CalendarLink() {
  const feed = useLoad(() => ok(api().GET('/notice-calendar')), []);
  return (
    <section aria-labelledby="notice-calendar">
      <h2 id="notice-calendar">Subscribe a calendar</h2>
      <ProblemBanner problem={feed.problem} onRetry={feed.reload} />
      {feed.data !== undefined && (
        <>
          <p class="hint">
            Add this address to your calendar app to see your maintenance windows there. Keep it to yourselves: it needs no sign-in.
          </p>
          <p>
            <code id="notice-calendar-url">{apiUrl(feed.data.path)}</code>
          </p>
        </>
      )}
    </section>
  );
}
