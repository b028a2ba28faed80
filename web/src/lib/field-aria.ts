/** Ties an input to its server error and hint: `aria-invalid`, and `aria-describedby` naming only what is shown. */

export interface FieldAria {
  readonly 'aria-invalid': boolean;
  readonly 'aria-describedby'?: string;
}

/** `problem` is the API's answer to the last try (its `errors[].path` name the fields); `hintId` a hint always shown. */
export function fieldAria(
  problem: { forField(path: string): string | undefined } | undefined,
  path: string,
  errorId: string,
  hintId?: string,
): FieldAria {
  const invalid = problem?.forField(path) !== undefined;
  const described = [hintId, invalid ? errorId : undefined].filter((id) => id !== undefined).join(' ');
  return { 'aria-invalid': invalid, ...(described !== '' && { 'aria-describedby': described }) };
}
