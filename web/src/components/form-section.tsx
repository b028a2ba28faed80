/**
 * A form in a section of its own: its heading (which names the form), the API's problem above the
 * fields (each field shows its own part of it), the submit button, and what the write achieved.
 * The section keeps the draft until a write succeeds, so a failed one loses nothing typed.
 */

import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { ApiProblem } from '../lib/api.ts';
import { useAction } from '../lib/use-action.ts';
import { ProblemBanner } from './problem.tsx';

/** What the fields get: the draft, how to change it, and the problem of the last write. */
export interface FormState<D> {
  readonly draft: D;
  readonly onChange: (draft: D) => void;
  readonly problem: ApiProblem | undefined;
}

export function FormSection<D, T>({
  id,
  title,
  submit,
  initial,
  write,
  done,
  unchanged,
  class: className,
  children,
}: {
  id: string;
  title: string;
  submit: string;
  initial: D;
  write: (draft: D) => Promise<T>;
  /** After a successful write: the draft to show next and what to announce beside the button; nothing: start afresh from `initial`. */
  done: (answer: T) => { readonly draft: D; readonly status?: string } | undefined;
  /** True while there is nothing to send (the button is disabled). */
  unchanged?: (draft: D) => boolean;
  class?: string;
  children: (form: FormState<D>) => ComponentChildren;
}) {
  const action = useAction();
  const [draft, setDraft] = useState(initial);
  const [status, setStatus] = useState<string>();
  const titleId = `${id}-title`;
  return (
    <section aria-labelledby={titleId} class={className}>
      <h2 id={titleId}>{title}</h2>
      <form
        aria-labelledby={titleId}
        onSubmit={(event) => {
          event.preventDefault();
          setStatus(undefined);
          action.run(
            () => write(draft),
            (answer) => {
              const next = done(answer);
              setDraft(next?.draft ?? initial);
              setStatus(next?.status);
            },
          );
        }}
      >
        <ProblemBanner problem={action.problem} />
        {children({ draft, onChange: setDraft, problem: action.problem })}
        <button type="submit" disabled={action.busy || (unchanged?.(draft) ?? false)}>
          {submit}
        </button>
        <p role="status">{status}</p>
      </form>
    </section>
  );
}
