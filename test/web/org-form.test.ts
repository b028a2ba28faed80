import { describe, expect, it } from 'vitest';
import {
  choicesFor,
  EMPTY_ORG_DRAFT,
  newOrgBody,
  type OrgDraft,
  orgSettingsBody,
  type PolicySummary,
  parseList,
  withPolicy,
} from '../../web/src/lib/org-form.ts';

const KORE: PolicySummary = {
  id: 'kore',
  version: 1,
  name: 'KORE',
  preset: true,
  severities: ['urgent'],
  tiers: ['diamond', 'gold'],
  regions: ['us', 'eu'],
};
const KIDZONET: PolicySummary = {
  id: 'kidzonet',
  version: 1,
  name: 'Kidzonet',
  preset: true,
  severities: ['high'],
  tiers: ['standard'],
  regions: [],
};

describe('organisation form', () => {
  describe('parseList', () => {
    it('reads one domain a line, or separated by commas, semicolons or spaces', () => {
      expect(parseList('a.example\nb.example, c.example;d.example e.example')).toEqual([
        'a.example',
        'b.example',
        'c.example',
        'd.example',
        'e.example',
      ]);
    });

    it('trims, lower-cases and keeps each domain once, in the order typed', () => {
      expect(parseList('  B.Example ,\r\n\n a.example,b.example,,  ')).toEqual(['b.example', 'a.example']);
    });

    it('reads nothing from blank text', () => {
      expect(parseList(' \n , ')).toEqual([]);
    });

    it('leaves judging a domain to the server, which names it by its index', () => {
      expect(parseList('not_a_domain, ok.example')).toEqual(['not_a_domain', 'ok.example']);
    });
  });

  describe('choosing a policy', () => {
    it('takes the policy’s first tier when none was chosen', () => {
      expect(withPolicy(EMPTY_ORG_DRAFT, KORE)).toMatchObject({ policy: 'kore', tier: 'diamond' });
    });

    it('keeps a chosen tier the new policy lacks, offered and marked, so the server can say so on the field', () => {
      const draft = withPolicy({ ...EMPTY_ORG_DRAFT, policy: 'kore', tier: 'gold' }, KIDZONET);
      expect(draft).toMatchObject({ policy: 'kidzonet', tier: 'gold' });
      expect(choicesFor(KIDZONET.tiers, draft.tier, KIDZONET.name)).toEqual([
        { value: 'standard', label: 'standard' },
        { value: 'gold', label: 'gold (not offered by Kidzonet)' },
      ]);
    });

    it('offers only the policy’s values when the current one is among them or none is chosen', () => {
      expect(choicesFor(KORE.regions, 'eu', KORE.name)).toEqual([
        { value: 'us', label: 'us' },
        { value: 'eu', label: 'eu' },
      ]);
      expect(choicesFor(KORE.regions, '', KORE.name)).toHaveLength(2);
    });
  });

  describe('the bodies sent', () => {
    const draft: OrgDraft = {
      id: ' acme ',
      name: ' Acme Ltd ',
      policy: 'kore',
      tier: 'gold',
      region: '',
      domains: 'Acme.example\nmail.acme.example',
      contacts: 'Billing@Acme.example, ops@acme.example',
      monthlyReport: true,
    };

    it('leaves the region out for the policy’s default and sends the domains and contacts as lists', () => {
      expect(orgSettingsBody(draft)).toEqual({
        name: 'Acme Ltd',
        policy: 'kore',
        tier: 'gold',
        emailDomains: ['acme.example', 'mail.acme.example'],
        contacts: ['billing@acme.example', 'ops@acme.example'],
        monthlyReport: true,
      });
    });

    it('sends a chosen region, and the id when creating', () => {
      expect(newOrgBody({ ...draft, region: 'eu' })).toEqual({
        id: 'acme',
        name: 'Acme Ltd',
        policy: 'kore',
        tier: 'gold',
        region: 'eu',
        emailDomains: ['acme.example', 'mail.acme.example'],
        contacts: ['billing@acme.example', 'ops@acme.example'],
        monthlyReport: true,
      });
    });

    it('sends an empty list when every domain was removed, so the server releases them', () => {
      expect(orgSettingsBody({ ...draft, domains: '' }).emailDomains).toEqual([]);
    });
  });
});
