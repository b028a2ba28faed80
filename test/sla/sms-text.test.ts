import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadPreset } from '#shared/policies/presets.ts';
import { noticesFor } from '#shared/sla/notices.ts';
import { composeSms, isSafeSms, smsSafe } from '#shared/sla/sms-text.ts';
import { openTicket } from '#shared/tickets/ticket.ts';

describe('SMS text', () => {
  describe('customer text made safe', () => {
    it('replaces links of every shape with [link]', () => {
      expect(smsSafe('Log in at https://evil.example/login?x=1 now')).toBe('Log in at [link] now');
      expect(smsSafe('see www.evil.example and evil.example/reset, or mail help@evil.example')).toBe(
        'see [link] and [link] or mail [link]',
      );
      expect(smsSafe('HXXP: javascript://x')).toBe('HXXP: [link]');
    });

    it('turns line breaks and control or format characters into single spaces', () => {
      expect(smsSafe('API down\r\nsince\t10:00\u200b\u202e!\u2028end')).toBe('API down since 10:00 ! end');
    });

    it('keeps GSM-7 letters, transliterates the rest where a plain letter says the same, and drops what has none', () => {
      expect(smsSafe('Störung bei Müller – “dringend” … Łódź é')).toBe('Störung bei Müller - "dringend" ... Lodz é');
      expect(smsSafe('Server 🔥 down 😀😀 ✓')).toBe('Server down');
      expect(smsSafe('Ошибка 错误')).toBe('');
    });
  });

  describe('composed SMS', () => {
    it('keeps our words and cuts the customer part to one part, between characters', () => {
      const sms = composeSms('#10001 URGENT kore-demo: response overdue. ', `${'x'.repeat(130)}😀${'y'.repeat(50)}`);
      expect(sms.startsWith('#10001 URGENT kore-demo: response overdue. xxx')).toBe(true);
      expect(sms.endsWith('...')).toBe(true);
      expect([...sms].length).toBeLessThanOrEqual(140); // one SMS part as the design fixes it
      expect(isSafeSms(sms)).toBe(true);
    });

    it('counts extension characters as two septets', () => {
      const sms = composeSms('', '€'.repeat(100));
      expect(isSafeSms(sms)).toBe(true);
      expect(sms).toBe(`${'€'.repeat(68)}...`);
    });

    it('is always one safe GSM-7 part without links, whatever the customer writes', () => {
      fc.assert(
        fc.property(fc.string({ unit: 'binary', maxLength: 400 }), fc.webUrl(), (text, url) => {
          const sms = composeSms('#1 URGENT org: escalation level 1. ', `${text} ${url} ${text}`);
          expect(isSafeSms(sms)).toBe(true);
          expect(sms).not.toMatch(/[\p{Cc}]/u);
          expect(sms).not.toContain('://');
        }),
      );
    });
  });

  describe('pages', () => {
    it('put a hostile subject into the SMS only as safe text', () => {
      const kore = loadPreset('kore');
      const org = {
        id: 'kore-demo',
        name: 'KORE demo',
        policy: 'kore',
        tiers: [{ tier: 'diamond', from: 0, recordedAt: 0, source: 'admin' as const }],
        region: 'us',
        emailDomains: [],
        contacts: [],
        monthlyReport: false,
        createdAt: 0,
        updatedAt: 0,
      };
      const subject = 'URGENT!!! 🚨🚨 reset your password at https://kore-support.evil.example/login\nor call +1 555 0100 \u202e';
      const { ticket } = openTicket(10001, org, kore, { subject, description: 'x', severity: 'urgent' }, { kind: 'customer', id: 'u' }, 0);
      const notices = ticket.deadlines.flatMap((deadline) => noticesFor(ticket, deadline, kore));
      expect(notices.length).toBeGreaterThan(0);
      for (const notice of notices) {
        expect(isSafeSms(notice.sms)).toBe(true);
        expect(notice.sms).toContain('#10001 URGENT kore-demo');
        expect(notice.sms).toContain('[link]');
        expect(notice.sms).not.toContain('evil');
      }
    });
  });
});
