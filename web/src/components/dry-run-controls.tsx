/**
 * What a form that is checked before it is applied shares (tier reviews, policies): a file picker
 * that fills the text box, and the two buttons, the check (the form's submit) and the apply,
 * offered only once a check of exactly what is typed succeeded, with a hint saying so.
 */

/** A file input whose chosen file's text replaces the box's. */
export function TextFileInput({
  id,
  label,
  accept,
  onText,
}: {
  id: string;
  label: string;
  accept: string;
  onText: (text: string) => void;
}) {
  return (
    <>
      <label for={id}>{label}</label>
      <input
        id={id}
        type="file"
        accept={accept}
        onChange={(e) => {
          const file = e.currentTarget.files?.[0];
          if (file !== undefined) void file.text().then(onText);
        }}
      />
    </>
  );
}

export function DryRunButtons({
  check,
  apply,
  busy,
  canApply,
  onApply,
  hintId,
  hint,
}: {
  check: string;
  apply: string;
  busy: boolean;
  canApply: boolean;
  onApply: () => void;
  hintId: string;
  hint: string;
}) {
  return (
    <>
      <p>
        <button type="submit" disabled={busy}>
          {check}
        </button>{' '}
        <button type="button" class="danger" disabled={busy || !canApply} onClick={onApply} aria-describedby={hintId}>
          {apply}
        </button>
      </p>
      <p id={hintId} class="hint">
        {hint}
      </p>
    </>
  );
}
