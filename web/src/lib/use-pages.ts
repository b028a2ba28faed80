/** A paginated list (`{ items, cursor? }` answers): the first page, then "more" appends the next one. */

import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { type ApiProblem, problemOf } from './api.ts';

export interface Page<T> {
  readonly items: readonly T[];
  readonly cursor?: string | undefined;
}

export interface Pages<T> {
  readonly items: readonly T[];
  /** True until the first page has arrived (or failed). */
  readonly loading: boolean;
  readonly problem: ApiProblem | undefined;
  /** Set while there is a further page. */
  readonly more: (() => void) | undefined;
  /** Reads the first page again. */
  readonly reload: () => void;
}

export function usePages<T>(load: (cursor: string | undefined) => Promise<Page<T>>, deps: readonly unknown[]): Pages<T> {
  const [items, setItems] = useState<readonly T[]>([]);
  const [cursor, setCursor] = useState<string>();
  const [loading, setLoading] = useState(true);
  const [problem, setProblem] = useState<ApiProblem>();
  const [generation, setGeneration] = useState(0);
  const latest = useRef(0);

  const read = useCallback(
    (from: string | undefined, append: boolean) => {
      const mine = ++latest.current;
      setLoading(!append);
      load(from).then(
        (page) => {
          if (mine !== latest.current) return;
          setItems((before) => (append ? [...before, ...page.items] : page.items));
          setCursor(page.cursor);
          setProblem(undefined);
          setLoading(false);
        },
        (error: unknown) => {
          if (mine !== latest.current) return;
          setProblem(problemOf(error));
          setLoading(false);
        },
      );
    },
    [...deps],
  );

  useEffect(() => read(undefined, false), [read, generation]);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { items, loading, problem, more: cursor === undefined ? undefined : () => read(cursor, true), reload };
}
