import { describe, expect, it } from 'vitest';
import { loadPreset } from '#shared/policies/presets.ts';
import { parsePolicy } from '#shared/policy/parse-policy.ts';
import { policyProblems, variantOf } from '../support/policy-problems.ts';

const VALID = `
id: acme
version: 3
name: ACME support
roles:
  tier1: { name: Tier I }
  manager: { name: Manager, channels: [email] }
calendars:
  office:
    timezone: Europe/Berlin
    hours: { mon: ["08:30-17:00"], tue: ["08:30-17:00"] }
    holidays: { country: DE, region: NI }
tiers:
  gold: {}
  free: { sla: false }
severities:
  urgent:
    calendar: office
    escalation:
      - { at: 0m, assign: tier1, notify: [manager] }
      - { at: 2h, page: [manager] }
    update: { every: 4h }
    tiers:
      gold: { response: 4h }
`;

const variant = variantOf(VALID);
const problemsOf = (yaml: string) => policyProblems(yaml, 'acme.yaml');

describe('policy files', () => {
  it('accepts a valid policy and every preset', () => {
    expect(problemsOf(VALID)).toEqual([]);
    // The five seeds (not the preset list the code keeps, which could lose one unnoticed).
    for (const id of ['kore', 'kidzonet', 'netcor', 'tiered', 'kolmisoft']) expect(loadPreset(id).id).toBe(id);
  });

  describe('rejects a malformed policy, naming the field', () => {
    // [what is wrong, [a piece of the valid policy, what it becomes], the problem reported]: one case a line.
    // biome-ignore format: a case split over lines no longer reads as a row of the table
    const cases: Array<[string, [string, string], string]> = [
      ['an unknown role', ['page: [manager]', 'page: [ceo]'], 'severities.urgent.escalation[1].page[0]: unknown role "ceo"'],
      ['a time of day past 24:00', ['mon: ["08:30-17:00"]', 'mon: ["08:30-25:00"]'], 'calendars.office.hours.mon[0]: "25:00" is not a time of day'],
      ['a negative duration', ['response: 4h', 'response: -4h'], 'severities.urgent.tiers.gold.response: expected a duration like "4h"'],
      ['a malformed duration', ['every: 4h', 'every: 4 hours'], 'severities.urgent.update.every: expected a duration like "4h"'],
      ['an update cadence of zero', ['every: 4h', 'every: 0m'], 'severities.urgent.update.every: must be longer than 0m'],
      ['an unknown holiday region', ['region: NI', 'region: XX'], 'calendars.office.holidays.region: unknown holiday region "XX" for DE'],
      ['a tier without targets', ['  free: { sla: false }', '  free: {}'], 'severities.urgent.tiers.free: no targets for tier "free"'],
      ['targets for a tier without SLA', ['gold: { response: 4h }', 'gold: { response: 4h }\n      free: { response: 1h }'], 'severities.urgent.tiers.free: tier "free" is marked "sla: false"'],
      ['targets for an unknown tier', ['gold: { response: 4h }', 'gold: { response: 4h }\n      silver: { response: 1h }'], 'severities.urgent.tiers.silver: unknown tier "silver"'],
      ['an unknown calendar', ['calendar: office', 'calendar: offce'], 'severities.urgent.calendar: unknown calendar "offce"'],
      ['a region clock without regions', ['calendar: office', 'calendar: region'], 'severities.urgent.calendar: "region" needs a "regions" section'],
      ['ladder steps out of order', ['{ at: 0m, assign: tier1', '{ at: 3h, assign: tier1'], 'severities.urgent.escalation[1].at: steps must be in order'],
      ['a step without actions', ['{ at: 2h, page: [manager] }', '{ at: 2h }'], 'severities.urgent.escalation[1]: a step needs at least one of assign, page, notify'],
      ['an unknown field', ['version: 3', 'version: 3\nescalate: true'], ': unknown field "escalate"'],
      ['a missing field', ['name: ACME support\n', ''], 'name: required'],
      ['a field of the wrong type', ['version: 3', 'version: three'], 'version: Invalid input: expected number'],
      ['an unknown channel', ['channels: [email]', 'channels: [pager]'], 'roles.manager.channels[0]:'],
      ['a bad id', ['id: acme', 'id: ACME Corp'], 'id: expected a policy id'],
      ['a countdown warning of 0', ['version: 3', 'version: 3\ncountdown: { warning: 0 }'], 'countdown.warning: must be more than 0'],
      ['a countdown danger past the target', ['version: 3', 'version: 3\ncountdown: { danger: 1.5 }'], 'countdown.danger: must be at most 1'],
      ['a countdown warning not below danger', ['version: 3', 'version: 3\ncountdown: { warning: 0.9, danger: 0.8 }'], 'countdown.danger: warning (0.9) must be below danger (0.8)'],
      ['a countdown warning above the default danger', ['version: 3', 'version: 3\ncountdown: { warning: 0.95 }'], 'countdown.warning: warning (0.95) must be below danger (0.9)'],
      ['a repeat of no times', ['{ at: 2h, page: [manager] }', '{ at: 2h, page: [manager], repeat: { every: 5m, times: 0 } }'], 'severities.urgent.escalation[1].repeat.times: expected a whole number from 1 to 10'],
      ['a repeat of more than 10 times', ['{ at: 2h, page: [manager] }', '{ at: 2h, page: [manager], repeat: { every: 5m, times: 11 } }'], 'severities.urgent.escalation[1].repeat.times: expected a whole number from 1 to 10'],
      ['a repeat of a fraction of times', ['{ at: 2h, page: [manager] }', '{ at: 2h, page: [manager], repeat: { every: 5m, times: 1.5 } }'], 'severities.urgent.escalation[1].repeat.times: expected a whole number from 1 to 10'],
      ['a repeat every 0m', ['{ at: 2h, page: [manager] }', '{ at: 2h, page: [manager], repeat: { every: 0m, times: 2 } }'], 'severities.urgent.escalation[1].repeat.every: must be longer than 0m'],
      ['a repeat without its interval', ['{ at: 2h, page: [manager] }', '{ at: 2h, page: [manager], repeat: { times: 2 } }'], 'severities.urgent.escalation[1].repeat.every:'],
      ['a repeat of a step that pages nobody', ['{ at: 0m, assign: tier1, notify: [manager] }', '{ at: 0m, assign: tier1, notify: [manager], repeat: { every: 5m, times: 2 } }'], 'severities.urgent.escalation[0].repeat: only a step that pages can repeat its pages'],
      ['an unknown backup role', ['{ at: 2h, page: [manager] }', '{ at: 2h, page: [manager], repeat: { every: 5m, times: 2 }, backup: ceo }'], 'severities.urgent.escalation[1].backup: unknown role "ceo" (roles: tier1, manager)'],
      ['a backup without a repeat', ['{ at: 2h, page: [manager] }', '{ at: 2h, page: [manager], backup: tier1 }'], 'severities.urgent.escalation[1].backup: a backup is paged after the last repeat'],
      ['untilAcknowledged that is not a boolean', ['{ at: 2h, page: [manager] }', '{ at: 2h, page: [manager], untilAcknowledged: yes-please }'], 'severities.urgent.escalation[1].untilAcknowledged: Invalid input: expected boolean'],
      ['an unknown field of a repeat', ['{ at: 2h, page: [manager] }', '{ at: 2h, page: [manager], repeat: { every: 5m, times: 2, forever: true } }'], 'severities.urgent.escalation[1].repeat: unknown field "forever"'],
      ['a countdown threshold that is not a number', ['version: 3', 'version: 3\ncountdown: { warning: high }'], 'countdown.warning: Invalid input: expected number'],
    ];

    it.each(cases)('%s', (_, [from, to], expected) => {
      expect(problemsOf(variant(from, to)).join('\n')).toContain(expected);
    });
  });

  it('reports YAML syntax errors with line and column, and duplicate keys', () => {
    expect(problemsOf('id: [unclosed\n').join('\n')).toMatch(/line \d+, column \d+/);
    expect(problemsOf(variant('version: 3', 'version: 3\nversion: 4')).join('\n')).toMatch(/unique|duplicate/i);
  });

  it('prefixes every message with the file it came from', () => {
    expect(() => parsePolicy(variant('response: 4h', 'response: soon'), 'policies/acme.yaml')).toThrow(
      /^policies\/acme\.yaml: severities\.urgent\.tiers\.gold\.response: expected a duration/,
    );
  });

  it('reports every problem at once rather than the first', () => {
    const broken = variant('page: [manager]', 'page: [ceo]').replace('notify: [manager]', 'notify: [cfo]');
    expect(problemsOf(broken)).toHaveLength(2);
  });
});

describe('Policy', () => {
  const policy = parsePolicy(VALID, 'acme.yaml');

  it('resolves targets with the clock each runs on, and none for a tier without SLA', () => {
    const targets = policy.targets('urgent', 'gold');
    expect(targets?.response).toBe(4 * 3_600_000);
    expect(targets?.clock.calendarName).toBe('office');
    expect(targets?.update?.clock.calendarName).toBe('office');
    expect(targets?.escalation.map((s) => [s.level, s.at])).toEqual([
      [1, 0],
      [2, 2 * 3_600_000],
    ]);
    expect(policy.targets('urgent', 'free')).toBeUndefined();
  });

  it('names the valid choices when asked for an unknown severity, tier or region', () => {
    expect(() => policy.targets('critical', 'gold')).toThrow('severities: urgent');
    expect(() => policy.targets('urgent', 'platinum')).toThrow('tiers: gold, free');
    expect(() => policy.resolveRegion('eu')).toThrow('it has no regions');
  });

  it('counts an organisation’s dates in its (or the default) region’s zone, else the first calendar’s (a fixed offset too), else UTC', () => {
    const kore = loadPreset('kore');
    expect(kore.zone('nl').name).toBe('Europe/Amsterdam');
    expect(kore.zone('apac').name).toBe('Australia/Sydney');
    expect(kore.zone().name).toBe('America/New_York');
    expect(loadPreset('kolmisoft').zone().name).toBe('+02:00');
    expect(loadPreset('tiered').zone().name).toBe('Europe/Berlin');
    const noCalendars = parsePolicy(
      variant('calendar: office', 'calendar: 24x7').replace(/calendars:[\s\S]*?\ntiers:/, 'tiers:'),
      'acme.yaml',
    );
    expect(noCalendars.zone().name).toBe('UTC');
  });

  it('turns countdowns to warning at 75 % and danger at 90 % unless the policy says otherwise', () => {
    expect(policy.countdown).toEqual({ warning: 0.75, danger: 0.9 });
    expect(parsePolicy(variant('version: 3', 'version: 3\ncountdown: { warning: 0.5 }'), 'acme.yaml').countdown).toEqual({
      warning: 0.5,
      danger: 0.9,
    });
    expect(parsePolicy(variant('version: 3', 'version: 3\ncountdown: { warning: 0.6, danger: 1 }'), 'acme.yaml').countdown).toEqual({
      warning: 0.6,
      danger: 1,
    });
  });

  it('reads re-pages, a backup and untilAcknowledged from a step, and runs the ladder on time by default', () => {
    const steps = parsePolicy(
      variant(
        '{ at: 2h, page: [manager] }',
        '{ at: 2h, page: [manager], repeat: { every: 5m, times: 3 }, backup: tier1, untilAcknowledged: true }',
      ),
      'acme.yaml',
    ).targets('urgent', 'gold')?.escalation;
    expect(steps?.[1]).toEqual({
      level: 2,
      at: 2 * 3_600_000,
      page: ['manager'],
      notify: [],
      repeat: { every: 5 * 60_000, times: 3 },
      backup: 'tier1',
      untilAcknowledged: true,
    });
    expect(policy.targets('urgent', 'gold')?.escalation.map((s) => s.untilAcknowledged)).toEqual([false, false]);
  });

  it('defaults the queue role to tier1 and role channels to SMS and e-mail', () => {
    expect(policy.spec.queue).toBe('tier1');
    expect(policy.spec.roles.tier1?.channels).toEqual(['sms', 'email']);
    expect(policy.spec.roles.manager?.channels).toEqual(['email']);
  });
});
