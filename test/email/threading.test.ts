import { describe, expect, it } from 'vitest';
import { caseIdFromMessageIds, caseIdInSubject, caseIdOfMail, caseSubject, caseThreadId, messageIds } from '#shared/email/threading.ts';

describe('subjects', () => {
  it('puts the case id in the subject once, so replies thread back', () => {
    expect(caseSubject(10_001, 'Your request: API down')).toBe('[#10001] Your request: API down');
    expect(caseSubject(10_001, 'Re: [#10001] Your request')).toBe('Re: [#10001] Your request');
    // A reply to a closed case opens a new one: its mail must not keep the old case's tag.
    expect(caseSubject(10_002, 'Your request: Re: [#10001] Router down')).toBe('[#10002] Your request: Re: Router down');
    expect(caseIdInSubject('Re: [#10001] Your request')).toBe(10_001);
    expect(caseIdInSubject('no tag here')).toBeUndefined();
  });
});

describe('thread ids', () => {
  it('names a case’s thread root on our domain', () => {
    expect(caseThreadId(10_001, 'support.example')).toBe('<case-10001@support.example>');
  });

  it('lists Message-IDs however they are separated', () => {
    expect(messageIds('<a@x> <b@y>\r\n <c@z>')).toEqual(['<a@x>', '<b@y>', '<c@z>']);
    expect(messageIds('<a@x><b@y>')).toEqual(['<a@x>', '<b@y>']);
    expect(messageIds(undefined)).toEqual([]);
    expect(messageIds('no ids here')).toEqual([]);
  });

  it('reads a case’s thread root and the per-mail ids sent before it, of our domain only, in any case', () => {
    expect(caseIdFromMessageIds(['<case-10001@support.example>'], 'support.example')).toBe(10001);
    expect(caseIdFromMessageIds(['<case-10001-3@support.example>'], 'support.example')).toBe(10001);
    expect(caseIdFromMessageIds([undefined, '<x@mail.example>', ' <case-7@Support.Example> '], 'support.example')).toBe(7);
    expect(caseIdFromMessageIds(['<case-10001@elsewhere.example>'], 'support.example')).toBeUndefined();
    expect(caseIdFromMessageIds(['<case-10001-@support.example>', '<case-x@support.example>'], 'support.example')).toBeUndefined();
  });
});

describe('the case a received message answers', () => {
  const domain = 'support.example';

  it('trusts our own thread ids over the subject’s tag (a subject can be edited, our ids are never stale)', () => {
    const mail = { subject: 'Re: [#10002] Router down', inReplyTo: '<case-10001@support.example>', references: [] };
    expect(caseIdOfMail(mail, domain)).toBe(10_001);
    expect(caseIdOfMail({ ...mail, inReplyTo: undefined, references: ['<x@mail.example>', '<case-10003@support.example>'] }, domain)).toBe(
      10_003,
    );
  });

  it('falls back to the subject’s tag, and to no case at all', () => {
    expect(caseIdOfMail({ subject: 'Re: [#10002] Router down', references: ['<case-10001@elsewhere.example>'] }, domain)).toBe(10_002);
    expect(caseIdOfMail({ subject: 'Router down', references: [] }, domain)).toBeUndefined();
  });
});
