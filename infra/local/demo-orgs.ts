/**
 * The demo organisations `npm start` puts in the table, one per preset on a tier that has an SLA.
 * The local sign-in page lists a customer of each, so both read this one list.
 */

import { loadPreset, PRESET_IDS } from '#shared/policies/presets.ts';

export interface DemoOrg {
  readonly id: string;
  readonly name: string;
  readonly policy: string;
  readonly tier: string;
  readonly region?: string;
  readonly emailDomains: readonly string[];
  readonly contacts: readonly string[];
}

const DEMO_TIERS: Record<string, { tier: string; region?: string }> = {
  kore: { tier: 'diamond', region: 'us' },
  kidzonet: { tier: 'premium' },
  netcor: { tier: 'standard' },
  tiered: { tier: 'gold' },
  kolmisoft: { tier: 'gold' },
};

export function demoOrgs(): DemoOrg[] {
  return PRESET_IDS.map((id) => {
    const policy = loadPreset(id);
    const demo = DEMO_TIERS[id] ?? { tier: policy.tiers[0] as string };
    return {
      id: `${id}-demo`,
      name: `${policy.spec.name} (demo)`,
      policy: id,
      tier: demo.tier,
      ...(demo.region !== undefined && { region: demo.region }),
      emailDomains: [`${id}-demo.example`],
      contacts: [`contracts@${id}-demo.example`],
    };
  });
}
