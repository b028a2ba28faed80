/** Errors where they belong: a banner for what concerns the whole form or page, a message under a field for its own. */

import type { ApiProblem } from '../lib/api.ts';

export function ProblemBanner({ problem, onRetry }: { problem: ApiProblem | undefined; onRetry?: () => void }) {
  if (problem === undefined) return null;
  const text = problem.status === 0 ? problem.detail : `${problem.detail} (HTTP ${problem.status})`;
  return (
    <div role="alert" class="problem">
      <p>{text}</p>
      {problem.errors.length > 0 && (
        <ul>
          {problem.errors.map((e) => (
            <li key={e.path}>{e.path === '' ? e.message : `${e.path}: ${e.message}`}</li>
          ))}
        </ul>
      )}
      {onRetry !== undefined && (
        <button type="button" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}

/** The server's message for one field, tied to its input by `id` (use `aria-describedby` on the input). */
export function FieldError({ id, problem, path }: { id: string; problem: ApiProblem | undefined; path: string }) {
  const message = problem?.forField(path);
  if (message === undefined) return null;
  return (
    <p id={id} class="field-error">
      {message}
    </p>
  );
}
