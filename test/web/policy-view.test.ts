import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatInstant } from '../../web/src/lib/format.ts';
import {
  addedRemovedText,
  canPublish,
  compactJson,
  copyText,
  documentMediaType,
  dryRunSummary,
  inViewerZoneAndUtc,
  nextVersionText,
  type PolicyDryRun,
  pairDeadlines,
  policyGroups,
  publishConflictText,
  replanRunning,
  replanText,
} from '../../web/src/lib/policy-view.ts';

const NONE = { added: [], removed: [] };

const DRY_RUN: PolicyDryRun = {
  dryRun: true,
  id: 'netcor-2h',
  version: 2,
  previous: 1,
  samples: [{ label: 'Monday 09:00', at: '2026-12-21T08:00:00Z' }],
  changes: [
    {
      severity: 'critical',
      tier: 'standard',
      sample: 'Monday 09:00',
      before: [{ kind: 'response', due: '2026-12-21T12:00:00Z' }],
      after: [{ kind: 'response', due: '2026-12-21T10:00:00Z' }],
    },
  ],
  unchanged: 7,
  severities: NONE,
  tiers: NONE,
  regions: NONE,
  calendarsChanged: [],
  openTickets: { examined: 0, moved: 0, complete: true, examples: [] },
};

describe('policy pages', () => {
  describe('documentMediaType', () => {
    it('sends an object as JSON and anything else as YAML', () => {
      expect(documentMediaType('  \n{ "id": "x" }')).toBe('application/json');
      expect(documentMediaType('id: x\nversion: 1\n')).toBe('application/yaml');
      expect(documentMediaType('# a comment\n{}')).toBe('application/yaml');
    });
  });

  describe('canPublish', () => {
    it('only after a dry run of exactly this text for this policy', () => {
      const checked = { text: 'id: a\n', target: 'a' };
      expect(canPublish(checked, 'id: a\n', 'a')).toBe(true);
      expect(canPublish(undefined, 'id: a\n', 'a')).toBe(false);
      expect(canPublish(checked, 'id: a \n', 'a')).toBe(false);
      expect(canPublish(checked, 'id: a\n', 'b')).toBe(false);
      expect(canPublish({ text: '  ', target: '' }, '  ', '')).toBe(false);
    });

    it('is false for any text other than the one checked', () => {
      fc.assert(
        fc.property(fc.string(), fc.string(), (checkedText, text) => {
          fc.pre(checkedText !== text);
          expect(canPublish({ text: checkedText, target: '' }, text, '')).toBe(false);
        }),
      );
    });
  });

  describe('pairDeadlines', () => {
    it('pairs deadlines by kind and level in the order they fall due under the new version, then those only the old one had', () => {
      const pairs = pairDeadlines({
        before: [
          { kind: 'escalation', level: 2, due: '2026-12-21T14:00:00Z' },
          { kind: 'response', due: '2026-12-21T12:00:00Z' },
          { kind: 'update', due: '2026-12-21T16:00:00Z' },
        ],
        after: [
          { kind: 'escalation', level: 2, due: '2026-12-21T13:00:00Z' },
          { kind: 'response', due: '2026-12-21T10:00:00Z' },
          { kind: 'escalation', level: 1, due: '2026-12-21T11:00:00Z' },
        ],
      });
      expect(pairs).toEqual([
        { label: 'response', before: '2026-12-21T12:00:00Z', after: '2026-12-21T10:00:00Z' },
        { label: 'escalation 1', after: '2026-12-21T11:00:00Z' },
        { label: 'escalation 2', before: '2026-12-21T14:00:00Z', after: '2026-12-21T13:00:00Z' },
        { label: 'update', before: '2026-12-21T16:00:00Z' },
      ]);
    });

    it('keeps every deadline of both sides exactly once', () => {
      const deadline = fc.record({
        kind: fc.constantFrom('response' as const, 'update' as const, 'resolution' as const),
        due: fc.integer({ min: 0, max: 10 ** 12 }).map((ms) => new Date(ms).toISOString()),
      });
      const unique = <D extends { kind: string }>(list: D[]) => [...new Map(list.map((d) => [d.kind, d])).values()];
      fc.assert(
        fc.property(fc.array(deadline).map(unique), fc.array(deadline).map(unique), (before, after) => {
          const pairs = pairDeadlines({ before, after });
          expect(pairs.filter((p) => p.after !== undefined).length).toBe(after.length);
          expect(pairs.filter((p) => p.before !== undefined).length).toBe(before.length);
        }),
      );
    });
  });

  describe('dryRunSummary', () => {
    it('says nothing was stored and how many plans change for new tickets', () => {
      expect(dryRunSummary(DRY_RUN)).toBe(
        'The document is valid: nothing was stored (version 2 against 1). 1 plan changes for new tickets (7 unchanged).',
      );
    });

    it('counts the open tickets a calendar change moves', () => {
      const calendar = {
        ...DRY_RUN,
        changes: [],
        calendarsChanged: ['business'],
        openTickets: { examined: 5, moved: 2, complete: true, examples: [] },
      };
      expect(dryRunSummary(calendar)).toBe(
        'The document is valid: nothing was stored (version 2 against 1). New tickets get the same deadlines. Calendar business changes: 2 open tickets of 5 would have their deadlines moved.',
      );
    });

    it('says when the dry run looked at only the first open tickets', () => {
      const capped = {
        ...DRY_RUN,
        changes: [],
        calendarsChanged: ['business'],
        openTickets: { examined: 5000, moved: 12, complete: false, examples: [] },
      };
      expect(dryRunSummary(capped)).toContain('12 open tickets of 5000 looked at (the first ones only; publishing re-plans them all)');
    });

    it('for a new policy, compares with nothing', () => {
      const { previous: _, ...first } = DRY_RUN;
      expect(dryRunSummary({ ...first, version: 1, changes: [] })).toBe(
        'The document is valid: nothing was stored (version 1 of a new policy).',
      );
    });
  });

  describe('addedRemovedText', () => {
    it('names what was added and removed, one line each', () => {
      expect(
        addedRemovedText({
          severities: { added: ['urgent'], removed: [] },
          tiers: { added: [], removed: ['bronze', 'iron'] },
          regions: NONE,
        }),
      ).toEqual(['1 severity added: urgent', '2 tiers removed: bronze, iron']);
      expect(addedRemovedText(DRY_RUN)).toEqual([]);
    });
  });

  describe('re-plan progress', () => {
    const replan = {
      state: 'running' as const,
      examined: 40,
      replanned: 3,
      failed: 0,
      startedAt: '2026-12-21T08:00:00Z',
      updatedAt: '2026-12-21T08:00:05Z',
    };

    it('is read again while it runs, and not once done or absent', () => {
      expect(replanRunning({ replan })).toBe(true);
      expect(replanRunning({ replan: { ...replan, state: 'done' } })).toBe(false);
      expect(replanRunning({})).toBe(false);
      expect(replanRunning(undefined)).toBe(false);
    });

    it('says where it stands, failures included', () => {
      expect(replanText(replan)).toBe('Re-planning open tickets: 40 open tickets examined, 3 re-planned so far.');
      expect(replanText({ ...replan, state: 'done', examined: 1, replanned: 1, failed: 1 })).toBe(
        'Re-plan done: 1 open ticket examined, 1 re-planned, 1 failed (a re-run picks them up).',
      );
    });
  });

  describe('publishConflictText', () => {
    it('explains a 409 and says the text is kept; other statuses get none', () => {
      expect(publishConflictText(409, undefined)).toContain('already exists');
      expect(publishConflictText(409, 'netcor-2h')).toContain('Someone published another version of this policy first. Your text is kept');
      expect(publishConflictText(422, 'netcor-2h')).toBeUndefined();
    });
  });

  describe('policyGroups', () => {
    it('puts presets first, then custom policies, leaving out an empty group', () => {
      const kore = { id: 'kore', preset: true };
      const mine = { id: 'netcor-2h', preset: false };
      expect(policyGroups([mine, kore])).toEqual([
        { label: 'Presets', items: [kore] },
        { label: 'Custom policies', items: [mine] },
      ]);
      expect(policyGroups([kore])).toEqual([{ label: 'Presets', items: [kore] }]);
    });
  });

  describe('compactJson', () => {
    it('keeps short lists and small objects of plain values on one line', () => {
      expect(compactJson({ hours: { mon: ['08:30-17:00'], tue: [] }, tiers: { standard: { response: '2h' } }, n: 1 })).toBe(
        [
          '{',
          '  "hours": { "mon": ["08:30-17:00"], "tue": [] },',
          '  "tiers": { "standard": { "response": "2h" } },',
          '  "n": 1',
          '}',
        ].join('\n'),
      );
    });

    it('breaks what is too long for a line', () => {
      const long = { dates: Array.from({ length: 12 }, (_, i) => `2026-12-${String(i + 10)}`) };
      expect(compactJson(long).split('\n')).toHaveLength(16);
    });

    it('parses back to the same value', () => {
      fc.assert(
        fc.property(fc.jsonValue(), (value) => {
          expect(JSON.parse(compactJson(value))).toEqual(JSON.parse(JSON.stringify(value)));
        }),
      );
    });
  });

  describe('copyText', () => {
    it('is a preset document as JSON under another id, as version 1', () => {
      expect(JSON.parse(copyText({ id: 'kore', version: 2, name: 'KORE' }, 'kore-copy'))).toEqual({
        id: 'kore-copy',
        version: 1,
        name: 'KORE',
      });
    });
  });

  describe('nextVersionText', () => {
    it('is the document as JSON with the next version number', () => {
      expect(JSON.parse(nextVersionText({ id: 'netcor-2h', version: 3, name: 'N' }, 3))).toEqual({
        id: 'netcor-2h',
        version: 4,
        name: 'N',
      });
    });
  });

  describe('inViewerZoneAndUtc', () => {
    it('writes an instant in the viewer zone and in UTC, once for a viewer in UTC', () => {
      const at = '2026-12-23T15:00:00Z';
      expect(inViewerZoneAndUtc(at, 'Europe/Berlin', (i, z) => formatInstant(i, z, 'en-GB'))).toEqual([
        'Wed, 23 Dec 2026, 16:00 CET (Europe/Berlin)',
        'Wed, 23 Dec 2026, 15:00 UTC (UTC)',
      ]);
      expect(inViewerZoneAndUtc(at, 'UTC', (i, z) => formatInstant(i, z, 'en-GB'))).toEqual(['Wed, 23 Dec 2026, 15:00 UTC (UTC)']);
    });
  });
});
