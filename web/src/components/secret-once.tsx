/** A signing secret the API shows once (registration, rotation): the value, a copy button and a clear warning. */

import { useEffect, useRef, useState } from 'preact/hooks';

export function SecretOnce({ secret, onDismiss }: { secret: string; onDismiss: () => void }) {
  const [copied, setCopied] = useState<string>();
  const heading = useRef<HTMLHeadingElement>(null);
  // Shown after a click elsewhere on the page: take the reader to it.
  useEffect(() => heading.current?.focus(), [secret]);
  const copy = () =>
    navigator.clipboard.writeText(secret).then(
      () => setCopied('Copied to the clipboard.'),
      () => setCopied('The browser refused the clipboard: select the secret and copy it by hand.'),
    );
  return (
    <section aria-labelledby="secret-title" class="secret-once">
      <h2 id="secret-title" ref={heading} tabIndex={-1}>
        Signing secret
      </h2>
      <p>
        <strong>Copy it now: you will not see it again.</strong> Your receiver verifies each delivery's <code>webhook-signature</code> with
        it. If it is lost, rotate the secret.
      </p>
      <p>
        <label for="secret-value">Secret</label>
        <input id="secret-value" readOnly value={secret} size={56} onFocus={(e) => e.currentTarget.select()} />
      </p>
      <p class="actions">
        <button type="button" onClick={copy}>
          Copy secret
        </button>
        <button type="button" class="secondary" onClick={onDismiss}>
          I have stored it
        </button>
      </p>
      <p role="status">{copied}</p>
    </section>
  );
}
