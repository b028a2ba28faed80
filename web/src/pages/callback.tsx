/** Where Cognito's hosted UI sends the browser back with an authorisation code. */

import { useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { ProblemBanner } from '../components/problem.tsx';
import { problemOf } from '../lib/api.ts';
import type { ConsoleConfig } from '../lib/config.ts';
import { completeCognitoSignIn } from '../lib/session.ts';

export function CallbackPage({ config }: { config: ConsoleConfig }) {
  const { route } = useLocation();
  const [error, setError] = useState<ReturnType<typeof problemOf>>();
  useEffect(() => {
    if (config.auth.kind !== 'cognito') return route('/sign-in', true);
    completeCognitoSignIn(config, config.auth).then(
      (returnTo) => route(returnTo, true),
      (e: unknown) => setError(problemOf(e)),
    );
  }, [config, route]);
  return (
    <section class="narrow">
      <h1>Signing in…</h1>
      <ProblemBanner problem={error} />
      {error !== undefined && <a href="/sign-in">Sign in again</a>}
    </section>
  );
}
