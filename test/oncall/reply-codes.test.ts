import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocateReplyCode, answerText, parseReply, type Reply, type ReplyOutcome, replyHint } from '#shared/oncall/reply-codes.ts';
import { isSafeSms } from '#shared/sla/sms-text.ts';

describe('reply codes', () => {
  describe('allocation', () => {
    it('takes the smallest code none of the number’s open pages uses', () => {
      expect(allocateReplyCode([])).toBe(1);
      expect(allocateReplyCode([1, 2, 4])).toBe(3);
      expect(allocateReplyCode([2, 3])).toBe(1);
    });

    it('has none left when 99 pages are open to the number', () => {
      const all = Array.from({ length: 99 }, (_, i) => i + 1);
      expect(allocateReplyCode(all)).toBeUndefined();
      expect(allocateReplyCode(all.filter((n) => n !== 57))).toBe(57);
    });

    it('never hands out a code in use, and stays within 1–99 (property)', () => {
      fc.assert(
        fc.property(fc.uniqueArray(fc.integer({ min: 1, max: 99 }), { maxLength: 98 }), (open) => {
          const n = allocateReplyCode(open);
          expect(n).toBeGreaterThanOrEqual(1);
          expect(n).toBeLessThanOrEqual(99);
          expect(open).not.toContain(n);
          for (let smaller = 1; smaller < (n ?? 0); smaller++) expect(open).toContain(smaller);
        }),
      );
    });

    it('is told in the page as GoAlert does', () => {
      expect(replyHint(4)).toBe('Reply 4a to ack, 4c to resolve');
    });
  });

  describe('parsing a reply', () => {
    const readings: [Reply, string[]][] = [
      [{ kind: 'ack', n: 4 }, ['4a', ' 4 A ', "'4a'", '4a.', '04a', '4 ack', '\uff14\uff41']],
      [{ kind: 'ack', n: 12 }, ['12a', '12 acknowledge']],
      [{ kind: 'resolve', n: 99 }, ['99c']],
      [{ kind: 'resolve', n: 7 }, ['7 C!', '7 resolve', '7 close']],
      [{ kind: 'ack-latest' }, ['a', 'ACK', 'a.']],
      [{ kind: 'stop' }, ['Stop', 'UNSUBSCRIBE', 'cancel', 'End', 'quit', 'Opt-Out', 'OPTOUT', 'remove', 'ARRET', 'TD', 'stopall']],
      [{ kind: 'start' }, ['START', 'unstop']],
      [{ kind: 'help' }, ['Help', 'INFO?']],
      [
        { kind: 'unknown' },
        ['please stop', '0a', '100a', '4x', 'c', '4', 'a4', '4a 5a', 'stop now', '', '\u0664a', `4a${' '.repeat(200)}`],
      ],
    ];

    it.each(readings)('reads as %j: %j', (reply, texts) => {
      for (const text of texts) expect(parseReply(text), text).toEqual(reply);
    });

    it('never throws and only ever names codes 1–99 (property)', () => {
      fc.assert(
        fc.property(fc.string({ maxLength: 200 }), (text) => {
          const reply = parseReply(text);
          if (reply.kind === 'ack' || reply.kind === 'resolve') expect(reply.n >= 1 && reply.n <= 99).toBe(true);
        }),
      );
    });
  });

  describe('answers', () => {
    const outcomes: ReplyOutcome[] = [
      { kind: 'acknowledged', caseId: 10001 },
      { kind: 'already-acknowledged', caseId: 10001, by: 'Ana Lima' },
      { kind: 'resolved', caseId: 10001 },
      { kind: 'already-resolved', caseId: 10001 },
      { kind: 'resolve-not-allowed', caseId: 10001 },
      { kind: 'unknown-code' },
      { kind: 'not-understood' },
      { kind: 'try-again', caseId: 9_999_999 },
      { kind: 'help' },
      { kind: 'stopped' },
      { kind: 'started' },
    ];

    it.each(outcomes)('are one GSM-7 SMS part: %j', (outcome) => {
      expect(isSafeSms(answerText(outcome))).toBe(true);
    });

    it('say who acknowledged first, with the name made safe and cut to fit', () => {
      expect(answerText({ kind: 'already-acknowledged', caseId: 10001, by: 'Ana Lima' })).toBe(
        'Case 10001 was already acknowledged by Ana Lima',
      );
      const long = answerText({
        kind: 'already-acknowledged',
        caseId: 10001,
        by: `Zoë “Z” ${'Ω'.repeat(30)}😀 https://x.example ${'n'.repeat(200)}`,
      });
      expect(isSafeSms(long)).toBe(true);
      expect(long).toMatch(/^Case 10001 was already acknowledged by Zoe "Z" Ω+ \[link\] n+\.\.\.$/);
    });

    it('say nothing about any ticket when the code matches no page to that number', () => {
      expect(answerText({ kind: 'unknown-code' })).not.toMatch(/\d{3}/);
    });

    it('stay one part for any name and case id (property)', () => {
      fc.assert(
        fc.property(fc.string({ maxLength: 300 }), fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }), (by, caseId) => {
          expect(isSafeSms(answerText({ kind: 'already-acknowledged', caseId, by }))).toBe(true);
          expect(isSafeSms(answerText({ kind: 'resolve-not-allowed', caseId }))).toBe(true);
        }),
      );
    });
  });
});
