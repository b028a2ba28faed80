/** Loading data for a view: the latest answer, when it arrived (for countdowns), its problem, and a reload. */

import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { type ApiProblem, problemOf } from './api.ts';

export interface Loaded<T> {
  readonly data: T | undefined;
  /** Browser time at which `data` arrived. */
  readonly receivedAt: number;
  readonly problem: ApiProblem | undefined;
  readonly loading: boolean;
  readonly reload: () => void;
}

export function useLoad<T>(load: () => Promise<T>, deps: readonly unknown[]): Loaded<T> {
  const [state, setState] = useState<Omit<Loaded<T>, 'reload'>>({ data: undefined, receivedAt: 0, problem: undefined, loading: true });
  const [generation, setGeneration] = useState(0);
  const latest = useRef(0);
  useEffect(() => {
    const mine = ++latest.current;
    setState((s) => ({ ...s, loading: true }));
    load().then(
      (data) => mine === latest.current && setState({ data, receivedAt: Date.now(), problem: undefined, loading: false }),
      (error: unknown) => mine === latest.current && setState((s) => ({ ...s, problem: problemOf(error), loading: false })),
    );
  }, [...deps, generation]);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { ...state, reload };
}
