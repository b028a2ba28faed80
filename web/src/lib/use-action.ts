/**
 * A write the user asked for: busy while it runs, its problem kept until the next try. The page
 * keeps what was typed in its own state, so a failed write loses nothing.
 */

import { useCallback, useState } from 'preact/hooks';
import { type ApiProblem, problemOf } from './api.ts';

export interface Action {
  readonly busy: boolean;
  readonly problem: ApiProblem | undefined;
  /** Runs `write`, then `done` with its answer; a failure becomes `problem`. */
  readonly run: <T>(write: () => Promise<T>, done: (answer: T) => void) => void;
  readonly clear: () => void;
}

export function useAction(): Action {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ApiProblem>();
  const run = useCallback(<T>(write: () => Promise<T>, done: (answer: T) => void) => {
    setBusy(true);
    setProblem(undefined);
    write().then(
      (answer) => {
        setBusy(false);
        done(answer);
      },
      (error: unknown) => {
        setBusy(false);
        setProblem(problemOf(error));
      },
    );
  }, []);
  const clear = useCallback(() => setProblem(undefined), []);
  return { busy, problem, run, clear };
}
