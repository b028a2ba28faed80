/**
 * Public-holiday rules from `date-holidays`, for authoring: the CLI, the preset compiler, tests.
 * Importing this module registers the rules. Lambda bundles do not import it: their presets carry
 * their holidays already expanded into dates (see `infra/compilers/compile-presets.ts`).
 */

import Holidays from 'date-holidays';
import { DAY_MS } from '#shared/time/duration.ts';
import { dayNumberOf, type HolidayRules, useHolidayRules } from './holidays.ts';

const dateHolidays: HolidayRules = {
  check(country, region) {
    const registry = new Holidays();
    const countries = registry.getCountries() as Record<string, string> | undefined;
    if (countries?.[country] === undefined) return `unknown holiday country "${country}" (use an ISO 3166 code like "DE")`;
    if (region === undefined) return undefined;
    const regions = registry.getStates(country) as Record<string, string> | undefined;
    if (regions?.[region] === undefined) {
      const known = Object.keys(regions ?? {}).join(', ');
      return `unknown holiday region "${region}" for ${country}${known ? ` (known: ${known})` : ' (it has no regions)'}`;
    }
    return undefined;
  },
  days(country, region, types) {
    const source = region === undefined ? new Holidays(country) : new Holidays(country, region);
    const wanted = new Set<string>(types);
    return (year) => {
      const days: number[] = [];
      for (const holiday of source.getHolidays(year)) {
        if (!wanted.has(holiday.type)) continue;
        const start = dayNumberOf(holiday.date.slice(0, 10));
        if (start === undefined) continue;
        const span = Math.max(1, Math.round((holiday.end.getTime() - holiday.start.getTime()) / DAY_MS));
        for (let day = start; day < start + span; day++) days.push(day);
      }
      return days;
    };
  },
};

useHolidayRules(dateHolidays);
