import { describe, expect, it } from 'vitest';
import { caseIdFromMessageIds } from '#shared/email/outbound-mail.ts';

describe('caseIdFromMessageIds', () => {
  it('reads a case’s thread root and the per-mail ids sent before it, of our domain only, in any case', () => {
    expect(caseIdFromMessageIds(['<case-10001@support.example>'], 'support.example')).toBe(10001);
    expect(caseIdFromMessageIds(['<case-10001-3@support.example>'], 'support.example')).toBe(10001);
    expect(caseIdFromMessageIds([undefined, '<x@mail.example>', ' <case-7@Support.Example> '], 'support.example')).toBe(7);
    expect(caseIdFromMessageIds(['<case-10001@elsewhere.example>'], 'support.example')).toBeUndefined();
    expect(caseIdFromMessageIds(['<case-10001-@support.example>', '<case-x@support.example>'], 'support.example')).toBeUndefined();
  });
});
