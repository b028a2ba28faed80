/**
 * The seed contracts engage each level of their ladders at its offset, acknowledged or not, and
 * none asks for re-pages: every preset says so on every ladder step, as written.
 */

import { describe, expect, it } from 'vitest';
import { PRESET_IDS, presetDocument } from '#shared/policies/presets.ts';

interface StepAsWritten {
  readonly untilAcknowledged?: unknown;
  readonly repeat?: unknown;
  readonly backup?: unknown;
  readonly page?: readonly string[];
}
interface LadderHolder {
  readonly escalation?: readonly StepAsWritten[];
}

/** Every ladder of a preset document: each severity's, and each tier cell's that overrides it. */
function laddersOf(id: string): Array<{ where: string; steps: readonly StepAsWritten[] }> {
  const document = presetDocument(id) as { severities: Record<string, LadderHolder & { tiers: Record<string, LadderHolder> }> };
  return Object.entries(document.severities).flatMap(([severity, sev]) => [
    ...(sev.escalation === undefined ? [] : [{ where: severity, steps: sev.escalation }]),
    ...Object.entries(sev.tiers).flatMap(([tier, cell]) =>
      cell.escalation === undefined ? [] : [{ where: `${severity} × ${tier}`, steps: cell.escalation }],
    ),
  ]);
}

describe('the presets and acknowledgements', () => {
  it.each(PRESET_IDS)('%s writes untilAcknowledged: false on every ladder step; only KORE re-pages, each page step twice', (id) => {
    for (const { where, steps } of laddersOf(id)) {
      for (const [i, step] of steps.entries()) {
        expect({ where, step: i, untilAcknowledged: step.untilAcknowledged }).toEqual({ where, step: i, untilAcknowledged: false });
        // KORE (version 2) re-pages every step that pages someone: 5 and 10 minutes on, then the next person on call.
        const repeat = id === 'kore' && (step.page ?? []).length > 0 ? { every: '5m', times: 2 } : undefined;
        expect({ where, step: i, repeat: step.repeat, backup: step.backup }).toEqual({ where, step: i, repeat, backup: undefined });
      }
    }
  });

  it('finds the ladders it checks (KORE has two)', () => {
    expect(laddersOf('kore').map((l) => l.where)).toEqual(['urgent', 'high']);
  });
});
