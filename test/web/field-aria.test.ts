import { describe, expect, it } from 'vitest';
import { fieldAria } from '../../web/src/lib/field-aria.ts';

describe('fieldAria', () => {
  /** As ApiProblem answers: the message for a field, or for one under it. */
  const problem = { forField: (path: string) => ('fields.softwareVersion'.startsWith(path) ? 'required' : undefined) };

  it("marks a field the API named invalid and points at its message, after the field's hint", () => {
    expect(fieldAria(problem, 'fields', 'f-error', 'f-hint')).toEqual({ 'aria-invalid': true, 'aria-describedby': 'f-hint f-error' });
    expect(fieldAria(problem, 'fields.softwareVersion', 'v-error')).toEqual({ 'aria-invalid': true, 'aria-describedby': 'v-error' });
  });

  it('names no message that is not shown', () => {
    expect(fieldAria(problem, 'subject', 's-error', 's-hint')).toEqual({ 'aria-invalid': false, 'aria-describedby': 's-hint' });
    expect(fieldAria(undefined, 'subject', 's-error')).toEqual({ 'aria-invalid': false });
  });
});
