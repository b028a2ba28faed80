import { describe, expect, it } from 'vitest';
import { caseIdFromMessageIds, unknownSenderReply } from '#shared/email/outbound-mail.ts';

describe('caseIdFromMessageIds', () => {
  it('reads a case’s thread root and the per-mail ids sent before it, of our domain only, in any case', () => {
    expect(caseIdFromMessageIds(['<case-10001@support.example>'], 'support.example')).toBe(10001);
    expect(caseIdFromMessageIds(['<case-10001-3@support.example>'], 'support.example')).toBe(10001);
    expect(caseIdFromMessageIds([undefined, '<x@mail.example>', ' <case-7@Support.Example> '], 'support.example')).toBe(7);
    expect(caseIdFromMessageIds(['<case-10001@elsewhere.example>'], 'support.example')).toBeUndefined();
    expect(caseIdFromMessageIds(['<case-10001-@support.example>', '<case-x@support.example>'], 'support.example')).toBeUndefined();
  });
});

describe('unknownSenderReply', () => {
  it('threads to the sender’s Message-ID when the mail has one', () => {
    expect(unknownSenderReply('x@elsewhere.example', 'Hello?', '<x-1@elsewhere.example>')).toMatchObject({
      subject: 'Re: Hello?',
      inReplyTo: '<x-1@elsewhere.example>',
      references: ['<x-1@elsewhere.example>'],
    });
    expect(unknownSenderReply('x@elsewhere.example', 'Hello?', undefined)).toMatchObject({ inReplyTo: undefined, references: [] });
  });

  it('keeps the subject on one line, whatever line breaks the sender’s encoded subject carried', () => {
    expect(unknownSenderReply('x@elsewhere.example', 'Line one\r\n  line two\n', undefined).subject).toBe('Re: Line one line two');
  });
});
