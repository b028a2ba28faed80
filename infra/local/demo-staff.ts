/**
 * The demo staff `npm start` puts in the directory: two people for each role the presets name,
 * each with an e-mail address and one verified German mobile number, on a weekly rotation per role
 * handing off on Mondays at 09:00 Berlin time. The first person of `tier1` and of `tier2` is an
 * agent (may resolve by SMS). A role that has a schedule already is left as it is, so a restart
 * keeps what an administrator changed (its people, rotation and overrides).
 */

import type { Person } from '#shared/oncall/people.ts';
import type { Directory } from '#shared/oncall/ports.ts';
import { roleScheduleSchema } from '#shared/oncall/schedule-schema.ts';
import { loadPreset, PRESET_IDS } from '#shared/policies/presets.ts';

/** Two names per role; a role the presets add later gets people named after it. */
const NAMES: Readonly<Record<string, readonly [string, string]>> = {
  tier1: ['Ana Lima', 'Ben Okafor'],
  tier2: ['Chen Wei', 'Dana Petrov'],
  manager: ['Emil Larsen', 'Fatima Haddad'],
  director: ['Greta Novak', 'Hiro Tanaka'],
  vp: ['Ines Moreau', 'Jonas Weber'],
  oncall: ['Kofi Mensah', 'Lena Schmidt'],
};
/** Roles whose first person works tickets. */
const AGENT_ROLES: ReadonlySet<string> = new Set(['tier1', 'tier2']);
/** A Monday long past, so every later instant falls in some shift. */
const HANDOFF = '2024-01-01T09:00:00+01:00';
const ZONE = 'Europe/Berlin';
const EMAIL_DOMAIN = 'staff.sla-escalator.local';

export interface DemoRole {
  readonly role: string;
  readonly people: readonly Person[];
}

/** Every role the presets name, in preset order, with its two demo people (verified at `now`). */
export function demoStaff(now: number): DemoRole[] {
  const roles = [...new Set(PRESET_IDS.flatMap((id) => Object.keys(loadPreset(id).spec.roles)))];
  return roles.map((role, r) => {
    const names = NAMES[role] ?? [`${role} one`, `${role} two`];
    const people = names.map((name, i): Person => {
      const id = name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
      return {
        id,
        name,
        zone: ZONE,
        email: `${id}@${EMAIL_DOMAIN}`,
        agent: i === 0 && AGENT_ROLES.has(role),
        // +49 151 2345 67xx: a German mobile range, distinct per person.
        sms: [{ number: `+49151234567${String(r * 2 + i + 1).padStart(2, '0')}`, state: 'verified', verifiedAt: now }],
      };
    });
    return { role, people };
  });
}

/** Seeds the demo staff of every role without a schedule; returns the roles seeded. */
export async function seedDemoStaff(directory: Directory, now: number): Promise<string[]> {
  const seeded: string[] = [];
  const existing = await directory.getSchedules(demoStaff(now).map(({ role }) => role));
  for (const { role, people } of demoStaff(now)) {
    if (existing.has(role)) continue;
    const present = new Set((await directory.getPeople(people.map((p) => p.id))).map((p) => p.id));
    for (const person of people) if (!present.has(person.id)) await directory.putPerson(person, { mustBeNew: true }, now);
    const schedule = roleScheduleSchema().parse({
      role,
      rotation: { participants: people.map((p) => p.id), shift: { length: 1, unit: 'weeks' }, handoff: HANDOFF, zone: ZONE },
    });
    await directory.putSchedule(schedule, { mustBeNew: true }, now);
    seeded.push(role);
  }
  return seeded;
}
