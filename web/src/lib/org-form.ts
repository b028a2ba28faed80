/**
 * The organisation form's view logic (no DOM): what the admin typed, the choices the chosen
 * policy offers, and the body `POST /orgs` or `PUT /orgs/{id}` takes. The server checks the tier
 * and region against the policy; the form only offers them, and keeps a value the policy does
 * not offer (say after switching policy) so the server's answer can name it on its field.
 */

// The generated types, not api.ts: this module stays free of the DOM, for its tests.
import type { components } from '../../../client/compiled-openapi.ts';

type Schema<Name extends keyof components['schemas']> = components['schemas'][Name];

export type PolicySummary = Schema<'PolicyList'>['items'][number];
export type Org = Schema<'Org'>;

export interface OrgDraft {
  readonly id: string;
  readonly name: string;
  readonly policy: string;
  readonly tier: string;
  /** Empty: the policy's default region. */
  readonly region: string;
  /** As typed: one domain a line, or separated by commas or spaces. */
  readonly domains: string;
  /** As typed, like the domains: the addresses the contract's e-mails go to. */
  readonly contacts: string;
  /** E-mail the contacts last month's SLA report on the 1st. */
  readonly monthlyReport: boolean;
}

export const EMPTY_ORG_DRAFT: OrgDraft = {
  id: '',
  name: '',
  policy: '',
  tier: '',
  region: '',
  domains: '',
  contacts: '',
  monthlyReport: false,
};

/** `"a.example, B.example\nc.example"` → `['a.example', 'b.example', 'c.example']`: trimmed, lower-cased, each once, in order (domains and addresses). */
export function parseList(text: string): string[] {
  const items = text
    .split(/[\s,;]+/)
    .map((item) => item.trim().toLowerCase())
    .filter((item) => item !== '');
  return [...new Set(items)];
}

export function draftOfOrg(org: Org): OrgDraft {
  return {
    id: org.id,
    name: org.name,
    policy: org.policy,
    tier: org.tier,
    region: org.region ?? '',
    domains: org.emailDomains.join('\n'),
    contacts: org.contacts.join('\n'),
    monthlyReport: org.monthlyReport,
  };
}

export interface Choice {
  readonly value: string;
  readonly label: string;
}

/**
 * The tiers (or regions) to offer for `current` under `policy`: the policy's own, and `current`
 * if the policy lacks it, marked so, so that switching policy never silently changes a value.
 */
export function choicesFor(offered: readonly string[], current: string, policyName: string | undefined): Choice[] {
  const choices = offered.map((value) => ({ value, label: value }));
  if (current !== '' && !offered.includes(current)) {
    choices.push({ value: current, label: `${current} (not offered by ${policyName ?? 'this policy'})` });
  }
  return choices;
}

/** Choosing a policy: the tier becomes its first if none was chosen yet; whatever was chosen stays. */
export function withPolicy(draft: OrgDraft, policy: PolicySummary | undefined): OrgDraft {
  const tier = draft.tier === '' ? (policy?.tiers[0] ?? '') : draft.tier;
  return { ...draft, policy: policy?.id ?? '', tier };
}

export type OrgSettingsBody = Omit<Schema<'Org'>, 'id' | 'tiers' | 'createdAt' | 'updatedAt'>;

/** The body of `PUT /orgs/{id}`: the region left out for the policy's default. */
export function orgSettingsBody(draft: OrgDraft): OrgSettingsBody {
  return {
    name: draft.name.trim(),
    policy: draft.policy,
    tier: draft.tier,
    ...(draft.region !== '' && { region: draft.region }),
    emailDomains: parseList(draft.domains),
    contacts: parseList(draft.contacts),
    monthlyReport: draft.monthlyReport,
  };
}

/** The body of `POST /orgs`. */
export function newOrgBody(draft: OrgDraft): OrgSettingsBody & { id: string } {
  return { id: draft.id.trim(), ...orgSettingsBody(draft) };
}
