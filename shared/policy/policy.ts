/**
 * A validated, immutable policy with its calendars built, and the questions the SLA planner asks
 * of it: which targets apply to this severity × tier, on which calendar does each clock run.
 */

import { policyCurrency, type TierBilling } from '#shared/billing/billing-terms.ts';
import { NO_CURRENCY } from '#shared/billing/money.ts';
import { BusinessCalendar } from '#shared/calendar/business-calendar.ts';
import { ALWAYS_OPEN } from '#shared/calendar/calendar-spec.ts';
import { ianaZone, type Zone } from '#shared/calendar/zone.ts';
import { DomainError } from '#shared/domain-error.ts';
import { ALWAYS_OPEN_NAME, REGION_CALENDAR } from './calendar-refs.ts';
import { type CountdownThresholds, DEFAULT_COUNTDOWN } from './countdown.ts';
import type { EscalationStepSpec, PolicySpec } from './policy-schema.ts';

export type RoleId = string;

export interface Clock {
  /** `24x7`, a calendar name from the policy, or the region's calendar name. */
  readonly calendarName: string;
  readonly calendar: BusinessCalendar;
}

export interface EscalationStep {
  /** 1-based position on the ladder. */
  readonly level: number;
  /** Working time after creation, on the response clock. */
  readonly at: number;
  readonly assign?: RoleId;
  readonly page: readonly RoleId[];
  readonly notify: readonly RoleId[];
  /** Re-pages while nobody acknowledges the step's page: `times` of them, `every` ms apart (calendar time). */
  readonly repeat?: { readonly every: number; readonly times: number };
  /** Paged after the last repeat; without it, the step's roles again (their next person on call). */
  readonly backup?: RoleId;
  /** Cancelled when an earlier page of the ticket was acknowledged before the step fell due. */
  readonly untilAcknowledged: boolean;
}

/** Everything the SLA promises for one severity × tier (× region). */
export interface Targets {
  readonly severity: string;
  readonly tier: string;
  readonly region: string | undefined;
  /** The clock of the response target and the escalation ladder. */
  readonly clock: Clock;
  readonly response: number;
  readonly escalation: readonly EscalationStep[];
  readonly update?: { readonly every: number; readonly clock: Clock };
  readonly resolution?: { readonly within: number; readonly clock: Clock };
}

export class Policy {
  private readonly calendars = new Map<string, BusinessCalendar>();

  private constructor(readonly spec: PolicySpec) {}

  /** A policy from a spec the schema has already validated (see `parsePolicy` and the compiled presets). */
  static fromSpec(spec: PolicySpec): Policy {
    return new Policy(spec);
  }

  /**
   * This policy (its id, version and targets) with the calendars of `later` wherever `later` has a
   * calendar of the same name: how a calendar change reaches a ticket opened under this version.
   */
  withCalendarsOf(later: Policy): Policy {
    const calendars = Object.fromEntries(
      Object.entries(this.spec.calendars).map(([name, calendar]) => [name, later.spec.calendars[name] ?? calendar]),
    );
    return new Policy({ ...this.spec, calendars });
  }

  get id(): string {
    return this.spec.id;
  }

  get version(): number {
    return this.spec.version;
  }

  get severities(): readonly string[] {
    return Object.keys(this.spec.severities);
  }

  get tiers(): readonly string[] {
    return Object.keys(this.spec.tiers);
  }

  get regions(): readonly string[] {
    return Object.keys(this.spec.regions ?? {});
  }

  /** The shares of a clock's target used at which its countdown turns to warning and to danger. */
  get countdown(): CountdownThresholds {
    return { ...DEFAULT_COUNTDOWN, ...this.spec.countdown };
  }

  get calendarNames(): readonly string[] {
    return [ALWAYS_OPEN_NAME, ...Object.keys(this.spec.calendars)];
  }

  /** A named calendar of this policy (or `24x7`), built once. */
  calendar(name: string): BusinessCalendar {
    let calendar = this.calendars.get(name);
    if (calendar === undefined) {
      const spec = name === ALWAYS_OPEN_NAME ? ALWAYS_OPEN : this.spec.calendars[name];
      if (spec === undefined) {
        throw new DomainError(
          'unknown_calendar',
          `policy ${this.id} has no calendar "${name}" (calendars: ${this.calendarNames.join(', ')})`,
        );
      }
      calendar = BusinessCalendar.from(spec);
      this.calendars.set(name, calendar);
    }
    return calendar;
  }

  /**
   * The zone an organisation's periods and dates are counted in (billing months, review quarters,
   * notice times in e-mails): its region's calendar's (without one, the default region's), else
   * the policy's first named calendar's, else UTC.
   */
  zone(region?: string): Zone {
    const regionName = region ?? this.spec.defaultRegion;
    const regionCalendar = regionName === undefined ? undefined : this.spec.regions?.[regionName]?.calendar;
    const name = regionCalendar ?? Object.keys(this.spec.calendars)[0];
    return name === undefined ? ianaZone('UTC') : this.calendar(name).zone;
  }

  /** The region a ticket runs in: the one asked for, else the policy's default (or only) region. */
  resolveRegion(requested?: string): string | undefined {
    const regions = this.regions;
    if (requested !== undefined) {
      if (!regions.includes(requested)) {
        const known = regions.length === 0 ? 'it has no regions' : `regions: ${regions.join(', ')}`;
        throw new DomainError('unknown_region', `policy ${this.id} has no region "${requested}" (${known})`);
      }
      return requested;
    }
    return this.spec.defaultRegion ?? regions[0];
  }

  hasSla(tier: string): boolean {
    return this.tierSpec(tier).sla;
  }

  /** The targets for a severity × tier, or `undefined` for a tier without SLA. */
  targets(severity: string, tier: string, region?: string): Targets | undefined {
    const sev = this.spec.severities[severity];
    if (sev === undefined) {
      throw new DomainError(
        'unknown_severity',
        `policy ${this.id} has no severity "${severity}" (severities: ${this.severities.join(', ')})`,
      );
    }
    if (!this.tierSpec(tier).sla) return undefined;
    const cell = sev.tiers[tier];
    if (cell === undefined) throw new DomainError('unknown_tier', `policy ${this.id} has no targets for ${severity} × ${tier}`);
    const resolvedRegion = this.resolveRegion(region);
    const clock = (ref: string | undefined): Clock => this.clock(ref ?? cell.calendar ?? sev.calendar, resolvedRegion);
    const update = cell.update ?? sev.update;
    const resolution = cell.resolution ?? sev.resolution;
    return {
      severity,
      tier,
      region: resolvedRegion,
      clock: clock(undefined),
      response: cell.response,
      escalation: (cell.escalation ?? sev.escalation).map(toStep),
      ...(update && { update: { every: update.every, clock: clock(update.calendar) } }),
      ...(resolution && { resolution: { within: resolution.within, clock: clock(resolution.calendar) } }),
    };
  }

  /** Whether a deadline at `instant` for this severity falls outside the after-hours calendar, and whom to page then. */
  afterHoursPages(severity: string, region: string | undefined, instant: number): readonly RoleId[] {
    const rule = this.spec.afterHours;
    if (rule === undefined || !rule.severities.includes(severity)) return [];
    return this.clock(rule.calendar, region).calendar.isOpen(instant) ? [] : rule.page;
  }

  // Billing terms (shared/billing): what a tier's time costs.

  /** A tier's included time, overage and paid terms; with none of them, the tier's plan covers its time. */
  billingOf(tier: string): TierBilling {
    return this.tierSpec(tier);
  }

  /** The currency of every rate and statement of this policy (`XXX`, "no currency", when it bills nothing). */
  get currency(): string {
    return policyCurrency(this.spec) ?? NO_CURRENCY;
  }

  /** Whether time on a ticket of this category is never billable (Kolmisoft's bugs). */
  isFreeCategory(category: string | undefined): boolean {
    return category !== undefined && (this.spec.billing?.freeCategories ?? []).includes(category);
  }

  private clock(ref: string, region: string | undefined): Clock {
    if (ref !== REGION_CALENDAR) return { calendarName: ref, calendar: this.calendar(ref) };
    const name = region === undefined ? undefined : this.spec.regions?.[region]?.calendar;
    if (name === undefined) throw new DomainError('unknown_region', `policy ${this.id} needs a region for this clock`);
    return { calendarName: name, calendar: this.calendar(name) };
  }

  private tierSpec(tier: string) {
    const spec = this.spec.tiers[tier];
    if (spec === undefined)
      throw new DomainError('unknown_tier', `policy ${this.id} has no tier "${tier}" (tiers: ${this.tiers.join(', ')})`);
    return spec;
  }
}

function toStep(step: EscalationStepSpec, index: number): EscalationStep {
  return {
    level: index + 1,
    at: step.at,
    ...(step.assign !== undefined && { assign: step.assign }),
    page: step.page,
    notify: step.notify,
    ...(step.repeat !== undefined && { repeat: step.repeat }),
    ...(step.backup !== undefined && { backup: step.backup }),
    untilAcknowledged: step.untilAcknowledged,
  };
}
