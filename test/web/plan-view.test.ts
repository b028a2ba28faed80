import { describe, expect, it } from 'vitest';
import { type PlanPreview, planRequest, planSteps, stepActions } from '../../web/src/lib/plan-view.ts';

/** What the API answers for a KORE urgent diamond ticket opened at 03:00 in New York (the US desk closed). */
const kore: PlanPreview = {
  policy: { id: 'kore', version: 1 },
  zone: 'UTC',
  deadlines: [
    {
      kind: 'escalation',
      level: 1,
      due: '2026-03-02T08:00:00.000Z',
      assign: 'tier2',
      page: ['manager', 'oncall'],
      notify: ['director', 'vp'],
      afterHours: ['oncall'],
    },
    { kind: 'response', due: '2026-03-02T08:15:00.000Z', page: ['tier2', 'oncall'], notify: ['manager'], afterHours: ['oncall'] },
    { kind: 'escalation', level: 3, due: '2026-03-02T12:00:00.000Z', page: ['vp'] },
    { kind: 'escalation', level: 2, due: '2026-03-02T10:00:00.000Z', page: ['director', 'oncall'], afterHours: ['oncall'] },
    { kind: 'update', due: '2026-03-02T10:00:00.000Z', page: ['tier2'] },
  ],
};

describe('planSteps', () => {
  it('orders the steps by time, keeping the engine order among steps due together', () => {
    expect(planSteps(kore).map((s) => s.label)).toEqual(['escalation 1', 'response', 'escalation 2', 'update', 'escalation 3']);
  });

  it('marks the roles paged only after hours, and which steps act only when a target is missed', () => {
    const [first, response, , , last] = planSteps(kore);
    expect(first).toMatchObject({ ifMissed: false, assign: 'tier2', afterHours: ['oncall'] });
    expect(response).toMatchObject({ ifMissed: true, afterHours: ['oncall'] });
    expect(last).toMatchObject({ afterHours: [], notify: [] });
  });
});

describe('stepActions', () => {
  it('says who is assigned, paged and told', () => {
    const [first, , , , last] = planSteps(kore);
    expect(stepActions(first as never)).toBe('assigns tier2; pages manager and oncall; tells director and vp');
    expect(stepActions(last as never)).toBe('pages vp');
    expect(stepActions({ key: 'x', due: '', label: 'x', ifMissed: true, page: [], notify: [], afterHours: [] })).toBe(
      'nobody is paged or told',
    );
  });
});

describe('planRequest', () => {
  it('sends the opening instant as UTC and leaves out the default region', () => {
    const request = planRequest({ policy: 'kore', severity: 'urgent', tier: 'diamond', region: '', at: '2026-03-02T08:00' });
    const at = new Date(2026, 2, 2, 8, 0).toISOString();
    expect(request).toEqual({ body: { severity: 'urgent', tier: 'diamond', at } });
  });

  it('names each missing field by the path the API uses', () => {
    const request = planRequest({ policy: 'kore', severity: '', tier: '', region: 'us', at: '' });
    expect(request).toEqual({
      problems: [
        { path: 'severity', message: 'choose a severity' },
        { path: 'tier', message: 'choose a tier' },
        { path: 'at', message: 'give the date and time the ticket opens' },
      ],
    });
  });
});
