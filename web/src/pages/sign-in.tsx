/**
 * Sign-in. Locally: one button per demo identity of the local stack (admin, agent, a customer of
 * each demo organisation). On AWS: Cognito's hosted UI.
 */

import { useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { ProblemBanner } from '../components/problem.tsx';
import { problemOf } from '../lib/api.ts';
import type { ConsoleConfig } from '../lib/config.ts';
import { safeReturnTo } from '../lib/return-to.ts';
import { type LocalIdentity, localIdentities, session, signInLocally, signInWithCognito } from '../lib/session.ts';
import { useLoad } from '../lib/use-load.ts';

export function SignInPage({ config }: { config: ConsoleConfig }) {
  const { query, route } = useLocation();
  const returnTo = safeReturnTo(query.returnTo);
  useEffect(() => {
    if (session.value !== null) route(returnTo, true);
  }, [returnTo, route]);
  useEffect(() => {
    document.title = 'Sign in · sla-escalator';
  }, []);
  return (
    <section aria-labelledby="sign-in-title" class="narrow">
      <h1 id="sign-in-title">Sign in</h1>
      {config.auth.kind === 'local' ? (
        <LocalSignIn config={config} onDone={() => route(returnTo, true)} />
      ) : (
        <CognitoSignIn config={config} returnTo={returnTo} />
      )}
    </section>
  );
}

function LocalSignIn({ config, onDone }: { config: ConsoleConfig; onDone: () => void }) {
  const identities = useLoad(localIdentities, []);
  const [busy, setBusy] = useState<string>();
  const [error, setError] = useState<ReturnType<typeof problemOf>>();
  const choose = (identity: LocalIdentity) => {
    setBusy(identity.id);
    setError(undefined);
    signInLocally(config, identity.id).then(onDone, (e: unknown) => {
      setBusy(undefined);
      setError(problemOf(e));
    });
  };
  return (
    <>
      <p>This is the local stack: choose who to be. Each identity gets a token from the local stack.</p>
      <ProblemBanner problem={identities.problem ?? error} onRetry={identities.problem && identities.reload} />
      <ul class="identities">
        {(identities.data ?? []).map((identity) => (
          <li key={identity.id}>
            <button type="button" onClick={() => choose(identity)} disabled={busy !== undefined}>
              {identity.label}
            </button>
          </li>
        ))}
      </ul>
    </>
  );
}

function CognitoSignIn({ config, returnTo }: { config: ConsoleConfig; returnTo: string }) {
  const [error, setError] = useState<ReturnType<typeof problemOf>>();
  const auth = config.auth;
  if (auth.kind !== 'cognito') return null;
  return (
    <>
      <p>You will sign in on the organisation's sign-in page and come back here.</p>
      <ProblemBanner problem={error} />
      <button type="button" onClick={() => signInWithCognito(auth, returnTo).catch((e: unknown) => setError(problemOf(e)))}>
        Continue to sign-in
      </button>
    </>
  );
}
