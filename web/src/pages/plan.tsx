/**
 * The policy dry run: choose a policy, severity, tier, region and when the ticket opens, and see
 * who would be paged, told and assigned when, in the calendar's zone and the viewer's, with the
 * pages that happen only after hours marked. The engine plans (`POST /policies/{id}/plan`).
 */

import { useEffect, useState } from 'preact/hooks';
import { FieldError, ProblemBanner } from '../components/problem.tsx';
import { ApiProblem, api, ok, problemOf, type Schema } from '../lib/api.ts';
import { fieldAria } from '../lib/field-aria.ts';
import { formatDuration, formatInstant, toLocalInput, viewerZone } from '../lib/format.ts';
import { type PlanForm, type PlanPreview, planRequest, planSteps, stepActions } from '../lib/plan-view.ts';
import { useLoad } from '../lib/use-load.ts';

type PolicySummary = Schema<'PolicyList'>['items'][number];

export function PlanPage() {
  const policies = useLoad(() => ok(api().GET('/policies')), []);
  useEffect(() => {
    document.title = 'Policy dry run · sla-escalator';
  }, []);
  return (
    <section aria-labelledby="plan-title" class="plan">
      <h1 id="plan-title">Policy dry run</h1>
      <p>Who would be paged, told and assigned, and when, for a ticket opened at a given instant. Nothing is stored.</p>
      <ProblemBanner problem={policies.problem} onRetry={policies.reload} />
      {policies.data !== undefined && <PlanTool policies={policies.data.items} />}
    </section>
  );
}

/** The form's values for `policy`, keeping those that policy also has. */
function formFor(policy: PolicySummary | undefined, form: PlanForm): PlanForm {
  const keep = (value: string, list: readonly string[]) => (list.includes(value) ? value : (list[0] ?? ''));
  return {
    ...form,
    policy: policy?.id ?? '',
    severity: keep(form.severity, policy?.severities ?? []),
    tier: keep(form.tier, policy?.tiers ?? []),
    region: policy?.regions.includes(form.region) ? form.region : '',
  };
}

function PlanTool({ policies }: { policies: readonly PolicySummary[] }) {
  const [form, setForm] = useState<PlanForm>(() =>
    formFor(policies[0], { policy: '', severity: '', tier: '', region: '', at: toLocalInput(Date.now()) }),
  );
  const [problem, setProblem] = useState<ApiProblem>();
  const [answer, setAnswer] = useState<{ preview: PlanPreview; at: number }>();
  const [busy, setBusy] = useState(false);
  const policy = policies.find((p) => p.id === form.policy);
  const set = (field: keyof PlanForm) => (event: { currentTarget: { value: string } }) => {
    const value = event.currentTarget.value;
    setForm((f) =>
      field === 'policy'
        ? formFor(
            policies.find((p) => p.id === value),
            f,
          )
        : { ...f, [field]: value },
    );
  };
  const submit = (event: Event) => {
    event.preventDefault();
    const request = planRequest(form);
    if ('problems' in request) {
      setProblem(new ApiProblem(422, 'Some fields need a value.', request.problems));
      return;
    }
    setBusy(true);
    setProblem(undefined);
    ok(api().POST('/policies/{id}/plan', { params: { path: { id: form.policy } }, body: request.body })).then(
      (preview) => {
        setBusy(false);
        setAnswer({ preview, at: Date.parse(request.body.at) });
      },
      (error: unknown) => {
        setBusy(false);
        setProblem(problemOf(error));
      },
    );
  };
  const field = (name: keyof PlanForm) => ({
    id: `plan-${name}`,
    value: form[name],
    ...fieldAria(problem, name, `plan-${name}-error`, name === 'at' ? 'plan-at-hint' : undefined),
  });
  /** A labelled select of `list` (after `first`), with the API's message for it. */
  const choice = (name: 'severity' | 'tier' | 'region', label: string, list: readonly string[], first?: string) => (
    <div>
      <label for={`plan-${name}`}>{label}</label>
      <select {...field(name)} onChange={set(name)}>
        {first !== undefined && <option value="">{first}</option>}
        {list.map((value) => (
          <option key={value} value={value}>
            {value}
          </option>
        ))}
      </select>
      <FieldError id={`plan-${name}-error`} problem={problem} path={name} />
    </div>
  );
  const fieldProblems = problem?.errors.some((e) => ['severity', 'tier', 'region', 'at'].includes(e.path)) ?? false;
  return (
    <>
      <form class="plan-form" onSubmit={submit} aria-label="Plan a ticket" noValidate>
        <ProblemBanner problem={fieldProblems ? undefined : problem} />
        <div class="plan-fields">
          <div>
            <label for="plan-policy">Policy</label>
            <select {...field('policy')} onChange={set('policy')}>
              {policies.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name} ({p.id} v{p.version})
                </option>
              ))}
            </select>
          </div>
          {choice('severity', 'Severity', policy?.severities ?? [])}
          {choice('tier', 'Tier', policy?.tiers ?? [])}
          {choice('region', 'Region', policy?.regions ?? [], policy?.regions.length ? "the policy's default" : 'none (one calendar)')}
          <div>
            <label for="plan-at">Opened at</label>
            <input type="datetime-local" {...field('at')} onInput={set('at')} required />
            <p id="plan-at-hint" class="hint">
              In your time zone, {viewerZone()}.
            </p>
            <FieldError id="plan-at-error" problem={problem} path="at" />
          </div>
        </div>
        <button type="submit" disabled={busy}>
          Show the plan
        </button>
      </form>
      {answer !== undefined && <PlanTimeline preview={answer.preview} openedAt={answer.at} />}
    </>
  );
}

function PlanTimeline({ preview, openedAt }: { preview: PlanPreview; openedAt: number }) {
  const steps = planSteps(preview);
  const zone = preview.zone ?? 'UTC';
  const mine = viewerZone();
  return (
    <section aria-labelledby="plan-result" class="plan-result">
      <h2 id="plan-result">
        {preview.policy.id} v{preview.policy.version}: opened {formatInstant(openedAt, zone)}
      </h2>
      <p class="hint">
        Times in the calendar's zone ({zone}){zone === mine ? '' : `, then in yours (${mine})`}.
      </p>
      {steps.length === 0 ? (
        <p>This tier has no SLA: no deadline, nobody is paged.</p>
      ) : (
        <ol class="plan-steps" aria-label="Who is paged, told and assigned when">
          {steps.map((step) => (
            <li key={step.key} class={step.afterHours.length > 0 ? 'after-hours' : undefined}>
              <p class="plan-when">
                <strong>+{formatDuration(Date.parse(step.due) - openedAt)}</strong>{' '}
                <time dateTime={step.due}>{formatInstant(step.due, zone)}</time>
                {zone !== mine && <span class="muted"> · {formatInstant(step.due, mine)}</span>}
              </p>
              <p>
                <strong>{step.label}</strong>
                {step.ifMissed ? ' due; if missed, it ' : ': '}
                {stepActions(step)}.
              </p>
              {step.afterHours.length > 0 && (
                <p class="plan-after-hours">
                  <span class="badge">after hours</span> The desk is closed then, so {step.afterHours.join(' and ')}{' '}
                  {step.afterHours.length === 1 ? 'is' : 'are'} paged too.
                </p>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
